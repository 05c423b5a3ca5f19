/**
 * GET /ems.json: units, aggregate and CT sensors in the firmware's key order and units (docs/homevolt.md §3.2):
 * SOC centi-%, temperatures deci-°C, EMS voltages deci-V, EMS frequency mHz, inverter energy Wh,
 * aggregate and sensor energy kWh; battery + = discharge, grid + = import, load = −(grid + solar + Σ battery).
 * Integers are rounded once, then summed, so the §3.2 relations hold exactly on the wire.
 *
 * Written as JSON text, in wire key order, rather than built as objects for JSON.stringify: a controller polls
 * this 5 KB payload every few seconds, and the object tree plus its serialisation cost more than the rest of the
 * answer (54 + 30 µs of a simulated day's request). The text is exactly what JSON.stringify would print for the
 * same keys and values (json-text.ts), which the tests check on every payload of a simulated day.
 */
import type { HomevoltView, UnitView } from '../../devices/homevolt/index.ts';
import { jsonNumber as num, jsonStringArray, jsonString } from './json-text.ts';
import { renderSensors } from './render-sensors.ts';
import { centiPercent, deciC, deciV, floorSecondMs, milliHz, r2 } from './wire-units.ts';

const INFO_BITS: Record<string, number> = { EMS_INFO_FAN_STATE_ON: 1, EMS_INFO_CONNECTED_TO_BACKEND: 4, EMS_INFO_RTC_SYNCRONIZED: 8, EMS_INFO_LOW_POWER_MODE: 256 };
const WARNING_BITS: Record<string, number> = { EMS_WARNING_UNDER_SOC_MIN_WARNING: 64 };
/** Not captured: a grid trip's alarm bit and name [INFER]. */
const ALARM_BITS: Record<string, number> = { EMS_ALARM_GRID_FAULT: 1 };
/** ems_prediction.avail_group_fuse_*: 16 A × 230 V × 3 on the leader, 0 on followers (docs/homevolt.md §6). */
const GROUP_FUSE_W = 11040;
const REACTIVE_LIMIT_VAR = 7000;
/** A unit is idle below this power [W]. */
const IDLE_W = 80;

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

function unitNumbers(u: UnitView): UnitNumbers {
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

/** The /ems.json body. */
export function renderEms(v: HomevoltView): string {
  const nums = v.units.map(unitNumbers);
  let ems = '';
  for (let i = 0; i < v.units.length; i++) ems += `${i === 0 ? '' : ','}${renderUnit(v, v.units[i]!, nums[i]!)}`;
  const powers = nums.map((n) => n.power);
  const aggregated = legacy(v) ? renderLegacyAggregate(v, nums) : renderAggregate(v, nums);
  return `{"$type":"ems_data","ts":${num(Math.floor(v.tMs / 1000))},"ems":[${ems}],"aggregated":${aggregated},"sensors":${renderSensors(v, powers)}}`;
}

function opState(power: number): string {
  if (Math.abs(power) < IDLE_W) return '"op_state":1,"op_state_str":"idle"';
  return power < 0 ? '"op_state":2,"op_state_str":"charging"' : '"op_state":3,"op_state_str":"discharging"';
}

/** A frequency-reserve parameter of the active type-6 entry [W], 0 when absent. */
function reserveW(reserve: Readonly<Record<string, unknown>> | null, key: string): number {
  const value = reserve?.[key];
  return typeof value === 'number' ? value : 0;
}

function emsControl(v: HomevoltView, pwrRef: number, chLim: number, diLim: number, units: number): string {
  const reserve = v.activeEntry?.type === 6 ? v.activeEntry.params : null;
  return (
    `{"mode_sel":1,"mode_sel_str":"operational","pwr_ref":${num(pwrRef)},"freq_res_mode":${reserve ? 1 : 0},` +
    `"freq_res_pwr_fcr_n":${num(reserveW(reserve, 'fcr_n_power'))},"freq_res_pwr_fcr_d_up":${num(reserveW(reserve, 'fcr_d_up_power'))},` +
    `"freq_res_pwr_fcr_d_down":${num(reserveW(reserve, 'fcr_d_down_power'))},"freq_res_pwr_ref_ffr":${num(reserveW(reserve, 'ffr_power'))},` +
    `"act_pwr_ch_lim":${num(chLim)},"act_pwr_di_lim":${num(diLim)},"react_pwr_pos_limit":${REACTIVE_LIMIT_VAR * units},` +
    `"react_pwr_neg_limit":${REACTIVE_LIMIT_VAR * units},"freq_test_seq":0,"data_usage":0,"allow_dfu":true}`
  );
}

interface EmsDataSource {
  readonly info: readonly string[];
  readonly warnings: readonly string[];
  readonly alarms: readonly string[];
  readonly throttled: boolean;
  readonly sysTempC: number;
}

interface EmsDataNumbers {
  readonly power: number;
  readonly produced: number;
  readonly consumed: number;
  readonly availCap: number;
  readonly socAvg: number;
}

function emsData(v: HomevoltView, u: EmsDataSource, n: EmsDataNumbers): string {
  // Only "Throttled" (4) is captured; 3 "Running" for the unthrottled state is [INFER].
  const state = u.throttled ? '"state":4,"state_str":"Throttled"' : '"state":3,"state_str":"Running"';
  // Old firmware signs apparent power like active power (−13 in the 2929 capture).
  const apparent = legacy(v) ? n.power : Math.abs(n.power);
  return (
    `{"timestamp_ms":${num(floorSecondMs(v.tMs))},${state},"info":${bits(u.info, INFO_BITS)},"info_str":${jsonStringArray(u.info)},` +
    `"warning":${bits(u.warnings, WARNING_BITS)},"warning_str":${jsonStringArray(u.warnings)},"alarm":${bits(u.alarms, ALARM_BITS)},` +
    `"alarm_str":${jsonStringArray(u.alarms)},"phase_angle":90,"frequency":${num(milliHz(v.freqHz))},"phase_seq":1,"power":${num(n.power)},` +
    `"apparent_power":${num(apparent)},"reactive_power":0,"energy_produced":${num(n.produced)},"energy_consumed":${num(n.consumed)},` +
    `"sys_temp":${num(deciC(u.sysTempC))},"avail_cap":${num(n.availCap)},"freq_res_state":${v.activeEntry?.type === 6 ? 1 : 0},"soc_avg":${num(n.socAvg)}}`
  );
}

function prediction(chLim: number, diLim: number, availCap: number, availDi: number, fuseW: number): string {
  return (
    `{"avail_ch_pwr":${num(chLim)},"avail_di_pwr":${num(diLim)},"avail_ch_energy":${num(availCap - availDi)},"avail_di_energy":${num(availDi)},` +
    `"avail_inv_ch_pwr":${num(chLim)},"avail_inv_di_pwr":${num(diLim)},"avail_group_fuse_ch_pwr":${fuseW},"avail_group_fuse_di_pwr":${fuseW}}`
  );
}

/**
 * The text of a unit's parts that never change for one identity and firmware (info, config, BMS identity), from
 * "ems_info" to "inv_config", written once per identity: only the measurements move between polls.
 */
const staticsByIdentity = new WeakMap<UnitView['identity'], { readonly legacy: boolean; readonly text: string }>();

function unitStatics(v: HomevoltView, u: UnitView): string {
  const cached = staticsByIdentity.get(u.identity);
  if (cached !== undefined && cached.legacy === legacy(v)) return cached.text;
  const text = staticsText(emsInfo(v, 1), `[${bmsInfoItems(v, u)}]`, u.identity.inverterSerial);
  staticsByIdentity.set(u.identity, { legacy: legacy(v), text });
  return text;
}

function staticsText(info: string, bms: string, inverterSerial: string): string {
  return (
    `"ems_info":${info},"bms_info":${bms},"inv_info":{"fw_version":"V1.10-97.0","serial_number":${jsonString(inverterSerial)}},` +
    `"ems_config":{"grid_code_preset":9,"grid_code_preset_str":"Sweden","control_timeout":true},"inv_config":{"ffr_fstart_freq":9900}`
  );
}

function emsInfo(v: HomevoltView, units: number): string {
  const base = `{"protocol_version":5,"fw_version":"v31.4","rated_capacity":${13304 * units},"rated_power":${6000 * units}`;
  return legacy(v) ? `${base}}` : `${base},"rated_pv_power":0,"model":"B6"}`;
}

/** The unit's BMS identities, without the brackets. */
function bmsInfoItems(v: HomevoltView, u: UnitView): string {
  const { bmsSerials, bmsFwVersion } = u.identity;
  let out = '';
  for (let id = 0; id < bmsSerials.length; id++) {
    const base = `{"fw_version":${jsonString(bmsFwVersion)},"serial_number":${jsonString(bmsSerials[id]!)},"rated_cap":6652,"id":${id}`;
    out += `${id === 0 ? '' : ','}${legacy(v) ? `${base}}` : `${base},"battery_type":1,"battery_type_str":"NMC 210 10A"}`}`;
  }
  return out;
}

function bmsModule(u: UnitView, n: UnitNumbers, m: 0 | 1): string {
  return (
    `{"energy_avail":${num(n.energyAvail[m])},"cycle_count":${num(u.cycleCount[m])},"soc":${num(n.soc[m])},"state":5,"state_str":"Connected",` +
    `"alarm":0,"alarm_str":[],"tmin":${num(deciC(u.moduleTempC[m][0]))},"tmax":${num(deciC(u.moduleTempC[m][1]))}}`
  );
}

/** The unit's two modules, without the brackets. */
function bmsDataItems(u: UnitView, n: UnitNumbers): string {
  return `${bmsModule(u, n, 0)},${bmsModule(u, n, 1)}`;
}

/** Line-to-line of two phases 120° apart: √(Va² + Va·Vb + Vb²) [deci-V]. */
function lineToLine(x: number, y: number): number {
  return deciV(Math.sqrt(x * x + x * y + y * y));
}

function voltages(v: HomevoltView): string {
  const [a, b, c] = v.phaseVoltageV as [number, number, number];
  return `{"l1":${num(deciV(a))},"l2":${num(deciV(b))},"l3":${num(deciV(c))},"l1_l2":${num(lineToLine(a, b))},"l2_l3":${num(lineToLine(b, c))},"l3_l1":${num(lineToLine(c, a))}}`;
}

/** Amps of a symmetric three-phase inverter; only 0 is captured, so the unit (A) is pyHomevolt's reading. */
function phaseAmps(v: HomevoltView, powerW: number, i: number): number {
  return r2(Math.abs(powerW) / 3 / (v.phaseVoltageV[i] ?? 230));
}

function currents(v: HomevoltView, powerW: number): string {
  return `{"l1":${num(phaseAmps(v, powerW, 0))},"l2":${num(phaseAmps(v, powerW, 1))},"l3":${num(phaseAmps(v, powerW, 2))}}`;
}

function aggregateKwh(produced: number, consumed: number): string {
  return `{"imported_kwh":${num(r2(produced / 1000))},"exported_kwh":${num(r2(consumed / 1000))}}`;
}

/** What a unit object holds beyond its constant keys, as text; the legacy aggregate replaces some of it. */
interface UnitParts {
  readonly ecuId: string;
  readonly ecuHost: string;
  readonly op: string;
  readonly statics: string;
  readonly control: string;
  readonly data: string;
  /** The modules, without the brackets. */
  readonly bmsData: string;
  readonly prediction: string;
  readonly voltage: string;
  readonly current: string;
  readonly aggregate: string;
  /** `,"peer":{…}` on followers, else ''. */
  readonly peer: string;
}

function unitText(p: UnitParts): string {
  return (
    `{"ecu_id":${p.ecuId},"ecu_host":${p.ecuHost},"ecu_version":"","error":0,"error_str":"No error",${p.op},${p.statics},` +
    `"ems_control":${p.control},"ems_data":${p.data},"bms_data":[${p.bmsData}],"ems_prediction":${p.prediction},` +
    `"ems_voltage":${p.voltage},"ems_current":${p.current},"ems_aggregate":${p.aggregate},"error_cnt":0${p.peer}}`
  );
}

function unitParts(v: HomevoltView, u: UnitView, n: UnitNumbers): UnitParts {
  return {
    ecuId: legacy(v) ? String(num(parseInt(u.identity.ecuId, 16))) : jsonString(u.identity.ecuId),
    ecuHost: jsonString(u.identity.ecuHost),
    op: opState(n.power),
    statics: unitStatics(v, u),
    control: emsControl(v, Math.round(u.commandW), n.chLim, n.diLim, 1),
    data: emsData(v, u, n),
    bmsData: bmsDataItems(u, n),
    prediction: prediction(n.chLim, n.diLim, n.availCap, n.energyAvail[0] + n.energyAvail[1], u.index === 0 ? GROUP_FUSE_W : 0),
    voltage: voltages(v),
    current: currents(v, u.powerW),
    aggregate: aggregateKwh(n.produced, n.consumed),
    peer:
      u.index > 0
        ? `,"peer":{"last_seq":${num(Math.floor(v.tMs / 1000) % 1_000_000)},"last_timestamp_ms":${num(v.tMs - 300)},"last_decrypt_age_ms":517,"last_encrypt_age_ms":575}`
        : '',
  };
}

function renderUnit(v: HomevoltView, u: UnitView, n: UnitNumbers): string {
  return unitText(unitParts(v, u, n));
}

interface Sums extends EmsDataSource, EmsDataNumbers {
  readonly chLim: number;
  readonly diLim: number;
  readonly availDi: number;
  readonly pwrRef: number;
}

function sums(v: HomevoltView, nums: readonly UnitNumbers[]): Sums {
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
    warnings: anyWarning ? uniqueWarnings(v) : [],
    alarms: v.units[0]!.alarms,
    throttled,
  };
}

function uniqueWarnings(v: HomevoltView): string[] {
  const out: string[] = [];
  for (const u of v.units) for (const w of u.warnings) if (!out.includes(w)) out.push(w);
  return out;
}

function renderAggregate(v: HomevoltView, nums: readonly UnitNumbers[]): string {
  const s = sums(v, nums);
  return (
    `{"error":0,"error_str":"No error",${opState(s.power)},"ems_control":${emsControl(v, s.pwrRef, s.chLim, s.diLim, nums.length)},` +
    `"ems_data":${emsData(v, s, s)},"ems_prediction":${prediction(s.chLim, s.diLim, s.availCap, s.availDi, GROUP_FUSE_W)}}`
  );
}

/** Firmware 2929: `aggregated` is a whole EMS-shaped object with ecu_id 0, in the leader's key order (docs/homevolt.md §3.2). */
function renderLegacyAggregate(v: HomevoltView, nums: readonly UnitNumbers[]): string {
  const s = sums(v, nums);
  let bmsInfo = '';
  let bmsData = '';
  for (let i = 0; i < v.units.length; i++) {
    bmsInfo += `${i === 0 ? '' : ','}${bmsInfoItems(v, v.units[i]!)}`;
    bmsData += `${i === 0 ? '' : ','}${bmsDataItems(v.units[i]!, nums[i]!)}`;
  }
  const leader = unitParts(v, v.units[0]!, nums[0]!);
  return unitText({
    ...leader,
    ecuId: '0',
    ecuHost: '""',
    statics: staticsText(emsInfo(v, nums.length), `[${bmsInfo}]`, v.units[0]!.identity.inverterSerial),
    control: emsControl(v, s.pwrRef, s.chLim, s.diLim, nums.length),
    data: emsData(v, s, s),
    bmsData,
    prediction: prediction(s.chLim, s.diLim, s.availCap, s.availDi, GROUP_FUSE_W),
    aggregate: aggregateKwh(s.produced, s.consumed),
  });
}
