/**
 * GET /ems.json: units, aggregate and CT sensors in the firmware's key order and units (homevolt.md §3.2):
 * SOC centi-%, temperatures deci-°C, EMS voltages deci-V, EMS frequency mHz, inverter energy Wh,
 * aggregate and sensor energy kWh; battery + = discharge, grid + = import, load = −(grid + solar + Σ battery).
 * Integers are rounded once, then summed, so the §3.2 relations hold exactly on the wire.
 */
import type { HomevoltView, UnitView } from '../../devices/homevolt/index.ts';
import { renderSensors } from './render-sensors.ts';
import { centiPercent, deciC, deciV, floorSecondMs, milliHz, r2 } from './wire-units.ts';

type Json = Record<string, unknown>;
const INFO_BITS: Record<string, number> = { EMS_INFO_FAN_STATE_ON: 1, EMS_INFO_CONNECTED_TO_BACKEND: 4, EMS_INFO_RTC_SYNCRONIZED: 8, EMS_INFO_LOW_POWER_MODE: 256 };
const WARNING_BITS: Record<string, number> = { EMS_WARNING_UNDER_SOC_MIN_WARNING: 64 };
/** Not captured: a grid trip's alarm bit and name [INFER]. */
const ALARM_BITS: Record<string, number> = { EMS_ALARM_GRID_FAULT: 1 };
/** ems_prediction.avail_group_fuse_*: 16 A × 230 V × 3 on the leader, 0 on followers (homevolt.md §6). */
const GROUP_FUSE_W = 11040;
const REACTIVE_LIMIT_VAR = 7000;

function bits(names: readonly string[], table: Record<string, number>): number {
  let sum = 0;
  for (const name of names) sum += table[name] ?? 0;
  return sum;
}
const legacy = (v: HomevoltView): boolean => v.firmware.name === 'pre-2512';

/** The wire numbers of one unit, rounded once. */
interface UnitNumbers {
  readonly power: number;
  readonly energyAvail: readonly [number, number];
  readonly soc: readonly [number, number];
  readonly socAvg: number;
  readonly availCap: number;
  readonly chLim: number;
  readonly diLim: number;
  readonly produced: number;
  readonly consumed: number;
}

export function unitNumbers(u: UnitView): UnitNumbers {
  const energyAvail = [Math.round(u.moduleEnergyWh[0]), Math.round(u.moduleEnergyWh[1])] as const;
  return {
    power: Math.round(u.powerW),
    energyAvail,
    soc: [centiPercent(u.moduleSoc[0]), centiPercent(u.moduleSoc[1])],
    socAvg: centiPercent((u.moduleSoc[0] + u.moduleSoc[1]) / 2),
    availCap: Math.round(u.availCapWh),
    chLim: Math.round(u.chargeLimitW),
    diLim: Math.round(u.dischargeLimitW),
    produced: Math.round(u.producedWh),
    consumed: Math.round(u.consumedWh),
  };
}

export function renderEms(v: HomevoltView): Json {
  const nums = v.units.map(unitNumbers);
  return {
    $type: 'ems_data',
    ts: Math.floor(v.tMs / 1000),
    ems: v.units.map((u, i) => renderUnit(v, u, nums[i]!)),
    aggregated: legacy(v) ? renderLegacyAggregate(v, nums) : renderAggregate(v, nums),
    sensors: renderSensors(v, nums.map((n) => n.power)),
  };
}

function opState(power: number, idleW: number): [number, string] {
  if (Math.abs(power) < idleW) return [1, 'idle'];
  return power < 0 ? [2, 'charging'] : [3, 'discharging'];
}

function emsControl(v: HomevoltView, pwrRef: number, chLim: number, diLim: number, units: number): Json {
  const reserve = v.activeEntry?.type === 6 ? v.activeEntry.params : null;
  const rp = (k: string): number => (reserve && typeof reserve[k] === 'number' ? (reserve[k] as number) : 0);
  return {
    mode_sel: 1,
    mode_sel_str: 'operational',
    pwr_ref: pwrRef,
    freq_res_mode: reserve ? 1 : 0,
    freq_res_pwr_fcr_n: rp('fcr_n_power'),
    freq_res_pwr_fcr_d_up: rp('fcr_d_up_power'),
    freq_res_pwr_fcr_d_down: rp('fcr_d_down_power'),
    freq_res_pwr_ref_ffr: rp('ffr_power'),
    act_pwr_ch_lim: chLim,
    act_pwr_di_lim: diLim,
    react_pwr_pos_limit: REACTIVE_LIMIT_VAR * units,
    react_pwr_neg_limit: REACTIVE_LIMIT_VAR * units,
    freq_test_seq: 0,
    data_usage: 0,
    allow_dfu: true,
  };
}

function emsData(v: HomevoltView, u: { info: readonly string[]; warnings: readonly string[]; alarms: readonly string[]; throttled: boolean; sysTempC: number }, n: { power: number; produced: number; consumed: number; availCap: number; socAvg: number }, tsMs: number): Json {
  return {
    timestamp_ms: tsMs,
    // Only "Throttled" (4) is captured; 3 "Running" for the unthrottled state is [INFER].
    state: u.throttled ? 4 : 3,
    state_str: u.throttled ? 'Throttled' : 'Running',
    info: bits(u.info, INFO_BITS),
    info_str: u.info,
    warning: bits(u.warnings, WARNING_BITS),
    warning_str: u.warnings,
    alarm: bits(u.alarms, ALARM_BITS),
    alarm_str: u.alarms,
    phase_angle: 90,
    frequency: milliHz(v.freqHz),
    phase_seq: 1,
    power: n.power,
    // Old firmware signs apparent power like active power (−13 in the 2929 capture).
    apparent_power: legacy(v) ? n.power : Math.abs(n.power),
    reactive_power: 0,
    energy_produced: n.produced,
    energy_consumed: n.consumed,
    sys_temp: deciC(u.sysTempC),
    avail_cap: n.availCap,
    freq_res_state: v.activeEntry?.type === 6 ? 1 : 0,
    soc_avg: n.socAvg,
  };
}

function prediction(chLim: number, diLim: number, availCap: number, availDi: number, fuseW: number): Json {
  return {
    avail_ch_pwr: chLim,
    avail_di_pwr: diLim,
    avail_ch_energy: availCap - availDi,
    avail_di_energy: availDi,
    avail_inv_ch_pwr: chLim,
    avail_inv_di_pwr: diLim,
    avail_group_fuse_ch_pwr: fuseW,
    avail_group_fuse_di_pwr: fuseW,
  };
}

/**
 * The parts of a unit's object that never change for one identity and firmware (info, config, BMS identity),
 * built once: /ems.json is polled every few seconds and only its measurements move. Shared between payloads,
 * which are serialised at once and never changed.
 */
interface UnitStatics {
  readonly emsInfo: Json;
  readonly bmsInfo: Json[];
  readonly invInfo: Json;
  readonly emsConfig: Json;
  readonly invConfig: Json;
}

const staticsByIdentity = new WeakMap<UnitView['identity'], { readonly legacy: boolean; readonly statics: UnitStatics }>();

function unitStatics(v: HomevoltView, u: UnitView): UnitStatics {
  const cached = staticsByIdentity.get(u.identity);
  if (cached !== undefined && cached.legacy === legacy(v)) return cached.statics;
  const statics: UnitStatics = {
    emsInfo: emsInfo(v, 1),
    bmsInfo: bmsInfo(v, u),
    invInfo: { fw_version: 'V1.10-97.0', serial_number: u.identity.inverterSerial },
    emsConfig: { grid_code_preset: 9, grid_code_preset_str: 'Sweden', control_timeout: true },
    invConfig: { ffr_fstart_freq: 9900 },
  };
  staticsByIdentity.set(u.identity, { legacy: legacy(v), statics });
  return statics;
}

function emsInfo(v: HomevoltView, units: number): Json {
  const base = { protocol_version: 5, fw_version: 'v31.4', rated_capacity: 13304 * units, rated_power: 6000 * units };
  return legacy(v) ? base : { ...base, rated_pv_power: 0, model: 'B6' };
}

function bmsInfo(v: HomevoltView, u: UnitView): Json[] {
  return u.identity.bmsSerials.map((serial, id) => {
    const base = { fw_version: u.identity.bmsFwVersion, serial_number: serial, rated_cap: 6652, id };
    return legacy(v) ? base : { ...base, battery_type: 1, battery_type_str: 'NMC 210 10A' };
  });
}

function bmsModule(u: UnitView, n: UnitNumbers, m: 0 | 1): Json {
  return {
    energy_avail: n.energyAvail[m],
    cycle_count: u.cycleCount[m],
    soc: n.soc[m],
    state: 5,
    state_str: 'Connected',
    alarm: 0,
    alarm_str: [],
    tmin: deciC(u.moduleTempC[m][0]),
    tmax: deciC(u.moduleTempC[m][1]),
  };
}

function bmsData(u: UnitView, n: UnitNumbers): Json[] {
  return [bmsModule(u, n, 0), bmsModule(u, n, 1)];
}

function voltages(v: HomevoltView): Json {
  const [a, b, c] = v.phaseVoltageV as [number, number, number];
  // Line-to-line of two phases 120° apart: √(Va² + Va·Vb + Vb²).
  const ll = (x: number, y: number): number => deciV(Math.sqrt(x * x + x * y + y * y));
  return { l1: deciV(a), l2: deciV(b), l3: deciV(c), l1_l2: ll(a, b), l2_l3: ll(b, c), l3_l1: ll(c, a) };
}

function currents(v: HomevoltView, powerW: number): Json {
  // Amps of a symmetric three-phase inverter; only 0 is captured, so the unit (A) is pyHomevolt's reading.
  const amp = (i: number): number => r2(Math.abs(powerW) / 3 / (v.phaseVoltageV[i] ?? 230));
  return { l1: amp(0), l2: amp(1), l3: amp(2) };
}

function renderUnit(v: HomevoltView, u: UnitView, n: UnitNumbers): Json {
  const [op, opStr] = opState(n.power, 80);
  const statics = unitStatics(v, u);
  const out: Json = {
    ecu_id: legacy(v) ? parseInt(u.identity.ecuId, 16) : u.identity.ecuId,
    ecu_host: u.identity.ecuHost,
    ecu_version: '',
    error: 0,
    error_str: 'No error',
    op_state: op,
    op_state_str: opStr,
    ems_info: statics.emsInfo,
    bms_info: statics.bmsInfo,
    inv_info: statics.invInfo,
    ems_config: statics.emsConfig,
    inv_config: statics.invConfig,
    ems_control: emsControl(v, Math.round(u.commandW), n.chLim, n.diLim, 1),
    ems_data: emsData(v, u, n, floorSecondMs(v.tMs)),
    bms_data: bmsData(u, n),
    ems_prediction: prediction(n.chLim, n.diLim, n.availCap, n.energyAvail[0] + n.energyAvail[1], u.index === 0 ? GROUP_FUSE_W : 0),
    ems_voltage: voltages(v),
    ems_current: currents(v, u.powerW),
    ems_aggregate: { imported_kwh: r2(n.produced / 1000), exported_kwh: r2(n.consumed / 1000) },
    error_cnt: 0,
  };
  if (u.index > 0) {
    out.peer = { last_seq: Math.floor(v.tMs / 1000) % 1_000_000, last_timestamp_ms: v.tMs - 300, last_decrypt_age_ms: 517, last_encrypt_age_ms: 575 };
  }
  return out;
}

function sums(v: HomevoltView, nums: readonly UnitNumbers[]) {
  let power = 0;
  let chLim = 0;
  let diLim = 0;
  let availCap = 0;
  let availDi = 0;
  let produced = 0;
  let consumed = 0;
  let socAvgSum = 0;
  for (const n of nums) {
    power += n.power;
    chLim += n.chLim;
    diLim += n.diLim;
    availCap += n.availCap;
    availDi += n.energyAvail[0] + n.energyAvail[1];
    produced += n.produced;
    consumed += n.consumed;
    socAvgSum += n.socAvg;
  }
  let commandW = 0;
  let sysTempC = 0;
  let throttled = false;
  let anyWarning = false;
  for (const u of v.units) {
    commandW += u.commandW;
    sysTempC += u.sysTempC;
    throttled ||= u.throttled;
    anyWarning ||= u.warnings.length > 0;
  }
  return {
    power,
    chLim,
    diLim,
    availCap,
    availDi,
    produced,
    consumed,
    // The mean of the units' soc_avg ((68 + 194) / 2 = 131 in the two-unit capture).
    socAvg: Math.floor(socAvgSum / nums.length),
    pwrRef: Math.round(commandW),
    sysTempC: sysTempC / v.units.length,
    info: v.units[0]!.info,
    warnings: anyWarning ? v.units.flatMap((u) => u.warnings).filter((w, i, all) => all.indexOf(w) === i) : [],
    alarms: v.units[0]!.alarms,
    throttled,
  };
}

function renderAggregate(v: HomevoltView, nums: readonly UnitNumbers[]): Json {
  const s = sums(v, nums);
  const [op, opStr] = opState(s.power, 80);
  return {
    error: 0,
    error_str: 'No error',
    op_state: op,
    op_state_str: opStr,
    ems_control: emsControl(v, s.pwrRef, s.chLim, s.diLim, nums.length),
    ems_data: emsData(v, s, s, floorSecondMs(v.tMs)),
    ems_prediction: prediction(s.chLim, s.diLim, s.availCap, s.availDi, GROUP_FUSE_W),
  };
}

/** Firmware 2929: `aggregated` is a whole EMS-shaped object with ecu_id 0 (homevolt.md §3.2). */
function renderLegacyAggregate(v: HomevoltView, nums: readonly UnitNumbers[]): Json {
  const s = sums(v, nums);
  const leader = renderUnit(v, v.units[0]!, nums[0]!);
  return {
    ...leader,
    ecu_id: 0,
    ecu_host: '',
    ems_info: emsInfo(v, nums.length),
    bms_info: v.units.flatMap((u) => bmsInfo(v, u)),
    ems_control: emsControl(v, s.pwrRef, s.chLim, s.diLim, nums.length),
    ems_data: emsData(v, s, s, floorSecondMs(v.tMs)),
    bms_data: v.units.flatMap((u, i) => bmsData(u, nums[i]!)),
    ems_prediction: prediction(s.chLim, s.diLim, s.availCap, s.availDi, GROUP_FUSE_W),
    ems_aggregate: { imported_kwh: r2(s.produced / 1000), exported_kwh: r2(s.consumed / 1000) },
  };
}
