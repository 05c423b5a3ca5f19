/**
 * /error_report.json (real: a bare array of checks, docs/homevolt.md §3.12), /logs.json (§3.13), and the
 * shapes without a capture: /error_history.json, /ems_history.json, /ct_history.json, /ota_manifest.json.
 * The report reflects the model: local mode (ECU/local_mode_disabled), warnings, a grid trip (ems_alarm),
 * an OTA in progress.
 */
import type { EmsSample, HomevoltView, LogEntry } from '../../devices/homevolt/index.ts';
import { centiPercent } from './wire-units.ts';

type Json = Record<string, unknown>;
type Activated = 'ok' | 'warning' | 'error' | 'unknown';

const SUBSYSTEMS = ['ECU', 'EMS', 'CONNECTIVITY', 'OTA', 'PULSE SOLAR', 'PULSE GRID', 'EFR_HUB'] as const;

export function renderErrorReport(v: HomevoltView): Json[] {
  const items: Json[] = [];
  const add = (sub: (typeof SUBSYSTEMS)[number], errorId: number, name: string, activated: Activated, message: string, details: readonly string[] = []): void => {
    items.push({ sub_system_id: SUBSYSTEMS.indexOf(sub), sub_system_name: sub, error_id: errorId, error_name: name, activated, message, details: [...details] });
  };
  const u = v.units[0]!;
  const info = u.info;
  const warnings = v.units.flatMap((x) => x.warnings).filter((w, i, all) => all.indexOf(w) === i);
  const alarms = v.units.flatMap((x) => x.alarms).filter((w, i, all) => all.indexOf(w) === i);
  add('ECU', 1, 'power_24v', 'ok', '');
  add('ECU', 2, 'ledstrip_detected', 'ok', 'Rev:2 (461 mV)');
  // Activates while local control is off (docs/homevolt.md §3.12: the item reflects settings_local).
  add('ECU', 3, 'local_mode_disabled', v.localMode ? 'ok' : 'warning', v.localMode ? '' : 'Local mode disabled');
  add('EMS', 1, 'ems_connectivity', 'ok', 'EMS online');
  add('EMS', 2, 'no_battery_found', 'ok', `BMS online count: ${v.units.length * 2}`);
  add('EMS', 4, 'ems_alarm', alarms.length ? 'error' : 'ok', alarms.length ? `${alarms.length} EMS alarms` : 'No EMS alarms', alarms);
  add('EMS', 6, 'ems_data_valid', 'ok', 'EMS data valid');
  add('EMS', 7, 'protocol_version', 'ok', 'Protocol version: 5');
  add('EMS', 8, 'ems_info', 'ok', `${info.length} EMS infos`, info);
  add('EMS', 9, 'ems_warning', warnings.length ? 'warning' : 'ok', `${warnings.length} EMS warnings`, warnings);
  add('EMS', 10, 'ems_state', 'ok', u.throttled ? 'Throttled' : 'Running');
  add('CONNECTIVITY', 1, 'wifi_sta', 'ok', 'WiFi OK');
  add('CONNECTIVITY', 2, 'lte', 'ok', 'LTE OK');
  add('CONNECTIVITY', 3, 'ems', 'ok', 'EMS OK');
  add('CONNECTIVITY', 4, 'wifi_ap', 'ok', 'AP OK');
  add('OTA', 1, 'Firmware for esp32', 'ok', v.otaRunning ? 'installing' : 'up2date');
  add('OTA', 2, 'Firmware for bg95', 'ok', 'up2date');
  add('OTA', 3, 'Firmware for webapp', 'ok', 'up2date');
  add('OTA', 4, 'Firmware for hub efr32', 'ok', 'up2date');
  add('OTA', 5, 'Firmware for pulse', 'ok', 'up2date');
  for (const [sub, node, label] of [
    ['PULSE SOLAR', v.identity.solar, 'Solar'],
    ['PULSE GRID', v.identity.grid, 'Grid'],
  ] as const) {
    add(sub, 1, 'distribute status', 'ok', 'up2date');
    add(sub, 2, 'upload state', 'ok', 'idle');
    add(sub, 3, 'packet loss', 'ok', 'Packet loss 0.00%');
    add(sub, 4, 'available', 'ok', `${label} clamp available`);
    add(sub, 5, 'rssi', 'ok', `RSSI ${node.rssiDbm.toFixed(2)}`);
    add(sub, 6, 'battery voltage', 'ok', `Battery voltage ${node.usbPower ? '2.96' : '2.73'}`);
    add(sub, 7, 'calibration status', 'ok', 'Not available');
  }
  add('EFR_HUB', 1, 'ac_voltage', 'ok', `AC voltage: ${(v.phaseVoltageV[0] ?? 230).toFixed(2)} V`);
  add('EFR_HUB', 2, 'frequency', 'ok', `Frequency: ${v.freqHz.toFixed(2)} Hz`);
  return items;
}

export function renderLogs(entries: readonly LogEntry[]): Json[] {
  return entries.map((e) => ({ timestamp: e.timestampMs, core: e.core, level: e.level, data: e.data, tag: e.tag, task: e.task }));
}

/** No capture: one object per event, newest last [x-evidence: doc-only]. */
export function renderErrorHistory(entries: readonly LogEntry[]): Json[] {
  return entries.map((e) => ({ timestamp: e.timestampMs, severity: e.level.toUpperCase(), sub_system_name: e.tag, message: e.data }));
}

/** No capture: periodic EMS snapshots, as docs/homevolt.md §3.7 suggests [x-evidence: doc-only]. */
export function renderEmsHistory(samples: readonly EmsSample[]): Json[] {
  return samples.map((s) => ({ timestamp_ms: s.tMs, power: Math.round(s.batteryW), grid_power: Math.round(s.gridW), solar_power: Math.round(s.pvW), soc_avg: centiPercent(s.socFraction) }));
}

/** No capture: the grid clamp's history from the same samples [x-evidence: doc-only]. */
export function renderCtHistory(samples: readonly EmsSample[], fn: 'grid' | 'solar'): Json[] {
  return samples.map((s) => ({ ts: s.tMs, tpw: Math.round(fn === 'grid' ? s.gridW : s.pvW) }));
}

/** STY reads a top-level `version`; the Tibber doc shows `{timestamp, updates[]}` – both, unverified. */
export function renderOtaManifest(v: HomevoltView): Json {
  return {
    version: v.firmware.espVersion,
    timestamp: Math.floor(v.tMs / 1000),
    updates: [{ product_id: 1, current_version: v.firmware.espVersion, available_version: v.firmware.espVersion, file_size: 0, manifest_url: '', state: 'IDLE', progress_percent: 0, up2date: true }],
  };
}
