/**
 * The one place that turns the Sessy model's SI state into the firmware's wire objects: keys in firmware order
 * (docs/sessy.md §3), integer W / mV / mA / mHz, SOC as a float32 widened to double (Math.fround), the profile's
 * fields only. Serialising is cjson.ts's job.
 */
import type { DaySchedule, EnergyView, FirmwareProfile, OtaUnit, PowerStatusKey, PowerView, SessyDevice, SessySettings } from '../../devices/sessy/index.ts';
import { SETTING_FIELDS } from '../../devices/sessy/index.ts';
import type { CJsonValue } from './cjson.ts';

type WireObject = { [key: string]: CJsonValue };

/** `keys`: the `sessy` keys this firmware sends, in its order (openapi/sessy.yaml, see powerStatusKeysOf). */
export function renderPowerStatus(view: PowerView, keys: readonly PowerStatusKey[]): WireObject {
  const all: Record<PowerStatusKey, CJsonValue> = {
    state_of_charge: Math.fround(view.socFraction),
    power: Math.round(view.powerW),
    external_power: Math.round(view.externalPowerW),
    pack_voltage: Math.round(view.packVoltageV * 1000),
    power_setpoint: Math.round(view.setpointW),
    system_state: view.systemState,
    system_state_details: view.systemStateDetails,
    frequency: Math.round(view.freqHz * 1000),
    inverter_current_ma: Math.round(view.inverterCurrentA * 1000),
    strategy_overridden: view.strategyOverridden,
  };
  const sessy: WireObject = {};
  for (const key of keys) sessy[key] = all[key];
  const out: WireObject = { status: 'ok', sessy };
  view.pvPhases.forEach((p, i) => {
    // The device sends mV and mA as integers where the vendor document says V and A (docs/sessy.md §3.1).
    out[`renewable_energy_phase${i + 1}`] = { voltage_rms: Math.round(p.voltageV * 1000), current_rms: Math.round(p.currentA * 1000), power: Math.round(p.powerW) };
  });
  return out;
}

/** Firmware key-table order: the clamp phases first, then sessy_energy (docs/sessy.md §3.4 [FW]); captures show integers. */
export function renderEnergyStatus(view: EnergyView): WireObject {
  const out: WireObject = { status: 'ok' };
  view.phases.forEach((p, i) => {
    out[`energy_phase${i + 1}`] = { import_wh: Math.floor(p.importWh), export_wh: Math.floor(p.exportWh) };
  });
  out.sessy_energy = { import_wh: Math.floor(view.batteryImportWh), export_wh: Math.floor(view.batteryExportWh) };
  return out;
}

/** Price in 0.001 ct/kWh: 1 €/MWh = 0.1 ct/kWh = 100 units (the spec: divide by 100000 for €/kWh). */
const priceUnits = (eurPerMWh: number): number => Math.round(eurPerMWh * 100);

export function renderScheduleV2(days: readonly DaySchedule[] | null): WireObject {
  if (!days) return { status: 'ok', dynamic_schedule: null, energy_prices: null };
  return {
    status: 'ok',
    dynamic_schedule: days.flatMap((d) => d.schedule.map((s) => ({ start_time: s.startMs / 1000, end_time: s.endMs / 1000, power: Math.round(s.powerW) }))),
    energy_prices: days.flatMap((d) => d.prices.map((p) => ({ start_time: p.startMs / 1000, end_time: p.endMs / 1000, price: priceUnits(p.eurPerMWh) }))),
  };
}

/** The legacy v1 shape; the inner array is `price`, as ha-sessy and SessyWeb read it (docs/sessy.md §3.5). */
export function renderScheduleV1(days: readonly DaySchedule[] | null): WireObject {
  const list = days ?? [];
  return {
    status: 'ok',
    power_strategy: list.map((d) => ({ date: d.date, power: d.schedule.map((s) => Math.round(s.powerW)) })),
    energy_prices: list.map((d) => ({ date: d.date, price: d.prices.map((p) => priceUnits(p.eurPerMWh)) })),
  };
}

export function renderSettings(settings: SessySettings, profile: FirmwareProfile): WireObject {
  const out: WireObject = { status: 'ok' };
  for (const key of profile.settingsKeys) {
    const value = settings[SETTING_FIELDS[key]];
    // The firmware reports 101 while the noise limit is disabled (Homey capture, docs/sessy.md §3.7).
    out[key] = key === 'allowed_noise_level' && settings.disableNoiseLevel ? 101 : value;
  }
  return out;
}

export function renderSystemInfo(device: SessyDevice): WireObject {
  const { profile, identity } = device;
  const bits = device.stateBits();
  const mask = Array.from({ length: 32 }, () => 0);
  for (const b of bits.active) mask[b >> 3]! |= 1 << (b & 7);
  // Heap figures: the Homey capture's values, drifting a little with uptime so that pollers see a live device.
  const wobble = Math.floor(device.uptimeMs() / 60_000) % 7;
  const out: WireObject = {
    status: 'ok',
    version: profile.idfVersion,
    cores: 2,
    internal_mem_available: 52744 - wobble * 64,
    external_mem_available: 3406348 - wobble * 512,
    internal_mem_min: 45800,
    external_mem_min: 2541612,
  };
  if (profile.fullSystemInfo) {
    out.internal_largest_block = 31744;
    out.external_largest_block = 3080180;
  }
  out.system_state = mask;
  out.state_last_changed = [...bits.sinceChangeMs];
  out.sessy_serial = identity.acBoardSerial;
  if (profile.fullSystemInfo) {
    out.sessy_revision = identity.acBoardRevision;
    out.self_revision = identity.dongleRevision;
    out.self_serial = identity.dongleSerial;
  }
  return out;
}

function renderOtaUnit(unit: OtaUnit): WireObject {
  return { installed_firmware: { version: unit.installed }, available_firmware: { version: unit.available }, state: unit.state, update_progress: unit.progress };
}

export function renderOtaStatus(ota: { readonly self: OtaUnit; readonly serial: OtaUnit }): WireObject {
  return { status: 'ok', self: renderOtaUnit(ota.self), serial: renderOtaUnit(ota.serial) };
}

export function renderNetworkStatus(device: SessyDevice): WireObject {
  const { identity, profile } = device;
  const wifi: WireObject = { ip: [...identity.ipV4], rssi: identity.rssiDbm, ssid: identity.ssid };
  const eth: WireObject = { ip: [0, 0, 0, 0] };
  if (profile.networkMacs) {
    wifi.mac = identity.wifiMac;
    eth.mac = identity.ethMac;
  }
  // The capture's list starts with "unknown" (docs/sessy.md §3.9).
  return { status: 'ok', network_status: ['unknown', 'WIFI_STA_IS_ENABLED', 'WIFI_STA_IS_STARTED', 'WIFI_STA_IS_CONNECTED', 'WIFI_STA_HAS_CLIENT_IP'], wifi_sta: wifi, eth };
}

export function renderNetworkScan(device: SessyDevice): WireObject {
  const { identity } = device;
  const own = { ssid: identity.ssid, rssi: identity.rssiDbm, bssid: 'a4:2b:b0:' + identity.wifiMac.slice(6, 12).toLowerCase().replace(/(..)(?=.)/g, '$1:') };
  return { status: 'ok', networks: [own, ...identity.neighbours.map((n) => ({ ssid: n.ssid, rssi: n.rssiDbm, bssid: n.bssid }))] };
}

export const OK: WireObject = Object.freeze({ status: 'ok' }) as WireObject;
