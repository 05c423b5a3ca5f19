/**
 * The one place that turns the meter model's SI state into the firmware's wire objects (docs/sessy.md §6): keys in
 * the capture's order, integer W / mV / mA / Wh, a P1's currents in whole amperes as DSMR sends them.
 */
import { localTime } from '../../core/index.ts';
import type { MeterReadingView, MeterSettings, NomShare, SessyMeterDevice } from '../../devices/sessy-meter/index.ts';
import { METER_SETTING_FIELDS } from '../../devices/sessy-meter/index.ts';
import type { CJsonValue } from '../sessy/cjson.ts';
import type { OtaUnit } from '../../devices/sessy/index.ts';

type WireObject = { [key: string]: CJsonValue };

/** The telegram's first line (DSMR 5 header) of a common Dutch meter [A]. */
const HEADER_INFO = '/ISK5\\2M550E-1011';
/** Outages the capture shows (docs/sessy.md §6); the emulated grid has none of its own. */
const POWER_FAILURES = 11;
const LONG_POWER_FAILURES = 1;
/** Gas: a start reading and a usage per hour [litres] [A]. */
const GAS_START_L = 3_245_678;
const GAS_L_PER_H = 45;

const hexAscii = (text: string): string => Buffer.from(text, 'ascii').toString('hex').toUpperCase();
const w = (x: number): number => Math.round(x);
const wh = (x: number): number => Math.floor(x);

/** DSMR's timestamp: YYMMDDhhmmss and S (summer) or W (winter), local time. */
export function dsmrTimestamp(tMs: number): string {
  const lt = localTime(tMs);
  const hh = Math.floor(lt.hour);
  const mm = Math.floor((lt.hour * 60) % 60);
  const ss = Math.floor((lt.hour * 3600) % 60);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${lt.date.slice(2).replaceAll('-', '')}${two(hh)}${two(mm)}${two(ss)}${lt.offsetH === 2 ? 'S' : 'W'}`;
}

export function renderP1Details(device: SessyMeterDevice): WireObject {
  const state = device.p1State();
  const r = device.reading();
  const ok = state === 'P1_OK';
  const regs = r.registers;
  const out: WireObject = {
    status: 'ok',
    state,
    dsmr_version: ok ? 50 : 0,
    header_info: ok ? HEADER_INFO : '',
    equipment_identifier: ok ? hexAscii(device.identity.equipmentId) : '',
    date_time: ok ? dsmrTimestamp(r.tMs) : '',
    power_consumed_tariff1: ok ? wh(regs.consumedWh[0]) : 0,
    power_produced_tariff1: ok ? wh(regs.producedWh[0]) : 0,
    power_consumed_tariff2: ok ? wh(regs.consumedWh[1]) : 0,
    power_produced_tariff2: ok ? wh(regs.producedWh[1]) : 0,
    tariff_indicator: ok ? r.tariff : 0,
    power_consumed: ok ? w(Math.max(0, r.netPowerW)) : 0,
    power_produced: ok ? w(Math.max(0, -r.netPowerW)) : 0,
    power_total: ok ? w(Math.max(0, r.netPowerW)) - w(Math.max(0, -r.netPowerW)) : 0,
    power_failure_any_phase: ok ? POWER_FAILURES : 0,
    long_power_failure_any_phase: ok ? LONG_POWER_FAILURES : 0,
  };
  for (const k of ['voltage_sag_count', 'voltage_swell_count']) for (let i = 1; i <= 3; i++) out[`${k}_l${i}`] = 0;
  r.phases.forEach((p, i) => (out[`voltage_l${i + 1}`] = ok ? w(p.voltageV * 1000) : 0));
  // DSMR's per-phase current (31.7.0) is whole amperes; the P1 meter prints it in mA (the capture's 2000).
  r.phases.forEach((p, i) => (out[`current_l${i + 1}`] = ok ? Math.round(p.currentA) * 1000 : 0));
  r.phases.forEach((p, i) => (out[`power_consumed_l${i + 1}`] = ok ? w(Math.max(0, p.powerW)) : 0));
  r.phases.forEach((p, i) => (out[`power_produced_l${i + 1}`] = ok ? w(Math.max(0, -p.powerW)) : 0));
  const hours = device.site.now() / 3_600_000 - device.site.config.startMs / 3_600_000;
  // The gas meter reports every 5 minutes (DSMR 5).
  const gasMs = Math.floor(r.tMs / 300_000) * 300_000;
  out.gas_meter_equipment_identifier = ok ? hexAscii(device.identity.gasEquipmentId) : '';
  out.gas_meter_value_time = ok ? dsmrTimestamp(gasMs) : '';
  out.gas_meter_value = ok ? Math.floor(GAS_START_L + Math.max(0, hours) * GAS_L_PER_H) : 0;
  return out;
}

export function renderCtDetails(r: MeterReadingView): WireObject {
  const out: WireObject = { status: 'ok', total_power: w(r.netPowerW) };
  r.phases.forEach((p, i) => (out[`voltage_l${i + 1}`] = w(p.voltageV * 1000)));
  r.phases.forEach((p, i) => (out[`current_l${i + 1}`] = w(p.currentA * 1000)));
  r.phases.forEach((p, i) => (out[`power_l${i + 1}`] = w(p.powerW)));
  return out;
}

export function renderCtEnergy(r: MeterReadingView): WireObject {
  const out: WireObject = { status: 'ok' };
  r.phases.forEach((p, i) => (out[`energy_phase${i + 1}`] = { import_wh: wh(p.importWh), export_wh: wh(p.exportWh) }));
  return out;
}

/** A Modbus kWh meter mirroring the grid (enable_modbus), else not connected [A]. */
export function renderModbus(device: SessyMeterDevice): WireObject {
  const on = device.settings().enableModbus;
  const r = device.reading();
  const phase = (i: number): WireObject => {
    const p = r.phases[i]!;
    return on ? { voltage: w(p.voltageV * 1000), current: w(p.currentA * 1000), power: w(p.powerW) } : { voltage: 0, current: 0, power: 0 };
  };
  const importWh = r.phases.reduce((a, p) => a + p.importWh, 0);
  const exportWh = r.phases.reduce((a, p) => a + p.exportWh, 0);
  return {
    status: 'ok',
    phase_1: phase(0),
    phase_2: phase(1),
    phase_3: phase(2),
    total_power: on ? w(r.netPowerW) : 0,
    total_import: on ? wh(importWh) : 0,
    total_export: on ? wh(exportWh) : 0,
    device_type: 'Eastron_SDM630',
    device_uid: on ? device.identity.serial : '',
    time_since: on ? 1 : Math.floor(device.uptimeMs() / 1000),
    state: on ? 'MODBUS_OK' : 'MODBUS_NOT_CONNECTED',
  };
}

export function renderMeterStatus(device: SessyMeterDevice): WireObject {
  const ok = device.p1State() === 'P1_OK';
  // A CT meter's states are not captured: CT_OK once its clamps read, CT_NOT_CONNECTED before [A].
  const state = device.variant === 'ct' ? (ok ? 'CT_OK' : 'CT_NOT_CONNECTED') : device.p1State();
  // kW with 3 decimals, as the P1 port sends power (docs/physics.md §4.4).
  return { status: 'ok', state, net_power_delivered: ok ? Math.round(device.reading().netPowerW) / 1000 : 0 };
}

export function renderMeterLimit(device: SessyMeterDevice): WireObject {
  const r = device.reading();
  const maxA = Math.max(0, ...r.phases.map((p) => (p.powerW > 0 ? p.currentA : 0)));
  const limitA = device.settings().gridLimitA;
  return { status: 'ok', grid_limit: limitA, max_phase_current: w(maxA * 1000), limiting: limitA > 0 && maxA >= limitA };
}

export function renderGridTarget(device: SessyMeterDevice): WireObject {
  return { status: 'ok', grid_target: w(device.gridTargetW()) };
}

export function renderNomAnswer(share: NomShare): WireObject {
  return { status: 'ok', power_target_w: w(share.powerTargetW), baseline_power_w: w(share.baselinePowerW), current_limit: Math.max(0, Math.floor(share.currentLimitA)) };
}

export function renderMeterSettings(settings: MeterSettings): WireObject {
  const out: WireObject = { status: 'ok' };
  for (const [key, field] of Object.entries(METER_SETTING_FIELDS)) out[key] = settings[field];
  return out;
}

export function renderMeterSystemInfo(device: SessyMeterDevice): WireObject {
  const wobble = Math.floor(device.uptimeMs() / 60_000) % 7;
  const sinceBoot = Math.floor(device.uptimeMs());
  const lastChanged = Array.from({ length: 256 }, () => -1);
  // Bit 250 "P1 not connected" (docs/sessy.md §4.3) is up while the meter has no telegram.
  const mask = Array.from({ length: 32 }, () => 0);
  if (device.variant === 'p1' && device.p1State() !== 'P1_OK') mask[250 >> 3]! |= 1 << (250 & 7);
  lastChanged[250] = sinceBoot;
  return {
    status: 'ok',
    version: device.idfVersion,
    cores: 2,
    internal_mem_available: 61240 - wobble * 64,
    external_mem_available: 3512004 - wobble * 512,
    internal_mem_min: 50112,
    external_mem_min: 2688440,
    internal_largest_block: 31744,
    external_largest_block: 3080180,
    system_state: mask,
    state_last_changed: lastChanged,
    sessy_serial: 'unknown',
    sessy_revision: 0,
    self_revision: device.identity.revision,
    self_serial: device.identity.serial,
  };
}

export function renderMeterNetworkStatus(device: SessyMeterDevice): WireObject {
  const id = device.identity;
  return {
    status: 'ok',
    network_status: ['unknown', 'WIFI_STA_IS_ENABLED', 'WIFI_STA_IS_STARTED', 'WIFI_STA_IS_CONNECTED', 'WIFI_STA_HAS_CLIENT_IP'],
    wifi_sta: { ip: [...id.ipV4], rssi: id.rssiDbm, ssid: id.ssid, mac: id.wifiMac },
    eth: { ip: [0, 0, 0, 0], mac: id.ethMac },
  };
}

/** ota/status with the meter's own unit only: HA and Homey read `self` of a meter [A: docs/sessy.md §6]. */
export function renderMeterOta(unit: OtaUnit): WireObject {
  return { status: 'ok', self: { installed_firmware: { version: unit.installed }, available_firmware: { version: unit.available }, state: unit.state, update_progress: unit.progress } };
}

export const OK: WireObject = Object.freeze({ status: 'ok' }) as WireObject;
