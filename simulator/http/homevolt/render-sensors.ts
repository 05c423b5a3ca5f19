/**
 * `sensors[]` of /ems.json (docs/homevolt.md §3.2): one `battery` sensor per unit (sensor_type "ems"), the Pulse
 * CT clamps for `grid` and `solar` (sensor_type "pulse_ct", sampled once a second, a moment in the past),
 * and the `virtual` load whose total_power = −(grid + solar + Σ battery), as the real capture shows.
 * Firmware 2929 has `type` instead of `function`/`sensor_type`, `node_id` on every sensor and second stamps.
 * Written as JSON text in wire key order, as render-ems.ts writes the rest of the payload.
 */
import type { HomevoltView } from '../../devices/homevolt/index.ts';
import { jsonNumber as num, jsonString } from './json-text.ts';
import { localTimestamp, r2 } from './wire-units.ts';

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

/** What differs between sensors; the rest of a sensor object is the same for all of them. */
interface SensorSpec {
  readonly fn: 'battery' | 'solar' | 'grid' | 'load';
  readonly kind: 'ems' | 'pulse_ct' | 'virtual';
  readonly nodeId: number | null;
  readonly euid: string;
  readonly iface: number;
  readonly rssi: number;
  readonly phases: Phase[];
  readonly total: number;
  readonly importedKWh: number;
  readonly exportedKWh: number;
  readonly tsMs: number;
}

function phase(volts: number, powerW: number, pf: number): Phase {
  return { voltage: r2(volts), amp: r2(Math.abs(powerW) / volts / Math.max(Math.abs(pf), 0.01)), power: r2(powerW), pf: powerW === 0 ? 0 : pf };
}

function phases(v: HomevoltView, w0: number, w1: number, w2: number, pf: number): Phase[] {
  const u = v.phaseVoltageV;
  return [phase(u[0] ?? 230, w0, pf), phase(u[1] ?? 230, w1, pf), phase(u[2] ?? 230, w2, pf)];
}

/** The CT node's latest sample time: whole seconds plus the node's phase, never after now [epoch ms]. */
function sampleMs(tMs: number, phaseMs: number): number {
  return Math.floor((tMs - phaseMs) / 1000) * 1000 + phaseMs;
}

function phaseText(p: Phase): string {
  return `{"voltage":${num(p.voltage)},"amp":${num(p.amp)},"power":${num(p.power)},"pf":${num(p.pf)}}`;
}

/** From "euid" to "total_power": the same on both firmwares. */
function sensorBody(s: SensorSpec, hz: number): string {
  const [a, b, c] = s.phases as [Phase, Phase, Phase];
  const noRadio = s.rssi === 0;
  return (
    `"euid":${jsonString(s.euid)},"interface":${s.iface},"available":true,"rssi":${num(s.rssi)},"average_rssi":${noRadio ? 0 : num(r2(s.rssi + 0.35))},` +
    `"pdr":${noRadio ? 0 : 100},"phase":[${phaseText(a)},${phaseText(b)},${phaseText(c)}],"frequency":${num(hz)},"total_power":${num(s.total)},` +
    `"energy_imported":${num(r2(s.importedKWh))},"energy_exported":${num(r2(s.exportedKWh))}`
  );
}

/** Firmware 2512: `function`, `sensor_type`, and `node_id` only on real nodes (key order as captured); ms stamps. */
function sensor(s: SensorSpec, hz: number): string {
  const nodeId = s.nodeId === null ? '' : `,"node_id":${num(s.nodeId)}`;
  return `{"function":"${s.fn}","sensor_type":"${s.kind}"${nodeId},${sensorBody(s, hz)},"timestamp":${num(s.tsMs)},"timestamp_str":"${localTimestamp(s.tsMs)}"}`;
}

/** Firmware 2929: `type` (battery: "unspecified"), `node_id` on every sensor, second stamps. */
function legacySensor(s: SensorSpec, hz: number): string {
  return (
    `{"type":"${s.fn === 'battery' ? 'unspecified' : s.fn}","node_id":${num(s.nodeId ?? 0)},${sensorBody(s, hz)},` +
    `"timestamp":${num(Math.floor(s.tsMs / 1000))},"timestamp_str":"${localTimestamp(s.tsMs)}"}`
  );
}

/** The `sensors` array. */
export function renderSensors(v: HomevoltView, batteryPowerW: readonly number[]): string {
  const old = v.firmware.name === 'pre-2512';
  const gridTotal = Math.round(v.gridW);
  const solarTotal = Math.round(v.pvW);
  let batteryTotal = 0;
  for (const w of batteryPowerW) batteryTotal += w;
  const loadTotal = -(gridTotal + solarTotal + batteryTotal);
  const batteryThirdW = v.batteryW / 3;
  const solarThirdW = v.pvW / 3;
  const gridPhaseW = v.gridPhaseW;
  const hz = r2(v.freqHz);
  const nowS = Math.floor(v.tMs / 1000) * 1000;
  const { grid, solar } = v.identity;
  const render = old ? legacySensor : sensor;
  const unitThirdW = batteryThirdW / v.units.length;
  const batteries: string[] = [];
  for (let i = 0; i < v.units.length; i++) {
    const u = v.units[i]!;
    batteries.push(
      render(
        { fn: 'battery', kind: 'ems', nodeId: null, euid: `0000${u.identity.ecuId}`, iface: 0, rssi: 0, phases: phases(v, unitThirdW, unitThirdW, unitThirdW, 1), total: batteryPowerW[i] ?? 0, importedKWh: u.producedWh / 1000, exportedKWh: u.consumedWh / 1000, tsMs: nowS },
        hz,
      ),
    );
  }
  const solarSensor = render(
    { fn: 'solar', kind: 'pulse_ct', nodeId: solar.nodeId, euid: solar.euid, iface: 7, rssi: solar.rssiDbm, phases: phases(v, solarThirdW, solarThirdW, solarThirdW, 0.99), total: solarTotal, importedKWh: SOLAR_BASE_KWH + v.pvProducedWh / 1000, exportedKWh: 12.85, tsMs: sampleMs(v.tMs, solar.phaseMs) },
    hz,
  );
  const gridSensor = render(
    { fn: 'grid', kind: 'pulse_ct', nodeId: grid.nodeId, euid: grid.euid, iface: 7, rssi: grid.rssiDbm, phases: phases(v, gridPhaseW[0] ?? 0, gridPhaseW[1] ?? 0, gridPhaseW[2] ?? 0, 0.95), total: gridTotal, importedKWh: GRID_BASE_KWH.imported + v.gridImportWh / 1000, exportedKWh: GRID_BASE_KWH.exported + v.gridExportWh / 1000, tsMs: sampleMs(v.tMs, grid.phaseMs) },
    hz,
  );
  const loadPhaseW = (i: number): number => -((gridPhaseW[i] ?? 0) + solarThirdW + batteryThirdW);
  const loadSensor = render(
    { fn: 'load', kind: 'virtual', nodeId: old ? 0 : null, euid: '0000000000000000', iface: 0, rssi: 0, phases: phases(v, loadPhaseW(0), loadPhaseW(1), loadPhaseW(2), -1), total: loadTotal, importedKWh: LOAD_IMPORTED_KWH, exportedKWh: v.loadConsumedWh / 1000, tsMs: nowS },
    hz,
  );
  if (old) return `[${gridSensor},${solarSensor},${loadSensor}]`;
  return `[${batteries[0]!},${solarSensor},${gridSensor},${loadSensor}${batteries.length > 1 ? `,${batteries.slice(1).join(',')}` : ''}]`;
}
