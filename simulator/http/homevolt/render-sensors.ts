/**
 * `sensors[]` of /ems.json (homevolt.md §3.2): one `battery` sensor per unit (sensor_type "ems"), the Pulse
 * CT clamps for `grid` and `solar` (sensor_type "pulse_ct", sampled once a second, a moment in the past),
 * and the `virtual` load whose total_power = −(grid + solar + Σ battery), as the real capture shows.
 * Firmware 2929 has `type` instead of `function`/`sensor_type`, `node_id` on every sensor and second stamps.
 */
import type { HomevoltView } from '../../devices/homevolt/index.ts';
import { localTimestamp, r2 } from './wire-units.ts';

type Json = Record<string, unknown>;
interface Phase {
  readonly voltage: number;
  readonly amp: number;
  readonly power: number;
  readonly pf: number;
}

/** Lifetime CT registers before the simulation [kWh] (orders of magnitude of the capture). */
const GRID_BASE_KWH = { imported: 8000, exported: 7000 };
const SOLAR_BASE_KWH = 13000;
const LOAD_IMPORTED_KWH = 489.16;

function phases(v: HomevoltView, powerW: readonly number[], pf: number): Phase[] {
  return [0, 1, 2].map((i) => {
    const volts = v.phaseVoltageV[i] ?? 230;
    const p = powerW[i] ?? 0;
    return { voltage: r2(volts), amp: r2(Math.abs(p) / volts / Math.max(Math.abs(pf), 0.01)), power: r2(p), pf: p === 0 ? 0 : pf };
  });
}

/** The CT node's latest sample time: whole seconds plus the node's phase, never after now [epoch ms]. */
function sampleMs(tMs: number, phaseMs: number): number {
  const t = Math.floor((tMs - phaseMs) / 1000) * 1000 + phaseMs;
  return t;
}

export function renderSensors(v: HomevoltView, batteryPowerW: readonly number[]): Json[] {
  const old = v.firmware.name === 'pre-2512';
  const gridTotal = Math.round(v.gridW);
  const solarTotal = Math.round(v.pvW);
  const batteryTotal = batteryPowerW.reduce((a, b) => a + b, 0);
  const loadTotal = -(gridTotal + solarTotal + batteryTotal);
  const third = (w: number): number[] => [w / 3, w / 3, w / 3];
  const batteryPhaseW = third(v.batteryW);
  const solarPhaseW = third(v.pvW);
  const loadPhaseW = [0, 1, 2].map((i) => -((v.gridPhaseW[i] ?? 0) + (solarPhaseW[i] ?? 0) + (batteryPhaseW[i] ?? 0)));
  const hz = r2(v.freqHz);
  const sensor = (fn: string, kind: string, nodeId: number | null, euid: string, iface: number, rssi: number, ph: Phase[], total: number, imported: number, exported: number, tsMs: number): Json => {
    const head: Json = old ? { type: fn === 'battery' ? 'unspecified' : fn, node_id: nodeId ?? 0 } : { function: fn, sensor_type: kind, ...(nodeId !== null ? { node_id: nodeId } : {}) };
    return {
      ...head,
      euid,
      interface: iface,
      available: true,
      rssi,
      average_rssi: rssi === 0 ? 0 : r2(rssi + 0.35),
      pdr: rssi === 0 ? 0 : 100,
      phase: ph,
      frequency: kind === 'ems' ? r2(v.freqHz) : hz,
      total_power: total,
      energy_imported: r2(imported),
      energy_exported: r2(exported),
      timestamp: old ? Math.floor(tsMs / 1000) : tsMs,
      timestamp_str: localTimestamp(tsMs),
    };
  };
  const nowS = Math.floor(v.tMs / 1000) * 1000;
  const { grid, solar } = v.identity;
  const batteries = v.units.map((u, i) => {
    const perUnit = batteryPhaseW.map((w) => w / v.units.length);
    return sensor('battery', 'ems', null, `0000${u.identity.ecuId}`, 0, 0, phases(v, perUnit, 1), batteryPowerW[i] ?? 0, u.producedWh / 1000, u.consumedWh / 1000, nowS);
  });
  const solarSensor = sensor('solar', 'pulse_ct', solar.nodeId, solar.euid, 7, solar.rssiDbm, phases(v, solarPhaseW, 0.99), solarTotal, SOLAR_BASE_KWH + v.pvProducedWh / 1000, 12.85, sampleMs(v.tMs, solar.phaseMs));
  const gridSensor = sensor('grid', 'pulse_ct', grid.nodeId, grid.euid, 7, grid.rssiDbm, phases(v, v.gridPhaseW, 0.95), gridTotal, GRID_BASE_KWH.imported + v.gridImportWh / 1000, GRID_BASE_KWH.exported + v.gridExportWh / 1000, sampleMs(v.tMs, grid.phaseMs));
  const loadSensor = sensor('load', 'virtual', old ? 0 : null, '0000000000000000', 0, 0, phases(v, loadPhaseW, -1), loadTotal, LOAD_IMPORTED_KWH, v.loadConsumedWh / 1000, nowS);
  if (old) return [gridSensor, solarSensor, loadSensor];
  return [batteries[0]!, solarSensor, gridSensor, loadSensor, ...batteries.slice(1)];
}
