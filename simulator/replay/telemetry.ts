/**
 * The outside world of a recorded household, read from its battery's telemetry: household load, PV,
 * grid frequency and SOC over time, in SI. Pure; the hybrid mode (`battsim sessy --from-recording`) feeds
 * these to the core Site as overrides while the client's commands act on the simulated battery.
 *
 * Sessy (`GET /api/v1/power/status`, docs/sessy.md §3.1): SOC fraction, battery `power` (+ = discharge), PV as the
 * sum of `renewable_energy_phaseN.power`, `frequency` in mHz. The dongle does not see the grid, so the load is
 * only known when the recording also holds the P1/CT meter (`/api/v2/p1/details` consumed − produced, or
 * `/api/v1/ct/details` total_power, docs/sessy.md §6) within 30 s: load = grid + PV + battery.
 * Homevolt (`GET /ems.json`, docs/homevolt.md §3.2): SOC from `soc_avg` (centi-%), frequency in mHz, battery power,
 * and the `grid`/`solar`/`load` sensors (old firmware names them `type`); load = −load.total_power, or
 * grid + solar + battery when the virtual load sensor is missing.
 */
import { ReplayError } from './errors.ts';
import { entryTimeMs } from './har-read.ts';
import type { HarDocument, HarEntry } from './har-types.ts';

export interface OutsideWorldSample {
  /** When the exchange started [epoch ms]. */
  readonly atMs: number;
  /** Household consumption [W], ≥ 0; null when the recording cannot tell. */
  readonly loadW: number | null;
  /** PV production [W], ≥ 0; null when unknown. */
  readonly pvW: number | null;
  /** Grid frequency [Hz]. */
  readonly freqHz: number | null;
  /** State of charge [fraction 0..1]. */
  readonly socFraction: number | null;
  /** Battery AC power as recorded [W], + = discharge; for reference, the simulation makes its own. */
  readonly batteryW: number | null;
}

export interface OutsideWorld {
  readonly device: 'sessy' | 'homevolt';
  /** SOC at the first sample that has one [fraction]. */
  readonly startSocFraction: number | null;
  /** Samples in time order. */
  readonly samples: readonly OutsideWorldSample[];
}

/** Grid readings closer than this to a battery sample count for its load [ms]. */
export const GRID_MATCH_WINDOW_MS = 30_000;

type Json = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

function jsonOf(entry: HarEntry, pathname: string): Json | null {
  if (entry.request.method !== 'GET' || entry.response.status !== 200 || new URL(entry.request.url).pathname !== pathname) return null;
  const c = entry.response.content;
  if (c.text === undefined) return null;
  try {
    const doc = JSON.parse(c.encoding === 'base64' ? Buffer.from(c.text, 'base64').toString('utf8') : c.text) as unknown;
    return doc !== null && typeof doc === 'object' ? (doc as Json) : null;
  } catch {
    return null;
  }
}

function sessyGridW(entry: HarEntry): number | null {
  const p1 = jsonOf(entry, '/api/v2/p1/details');
  if (p1) {
    const consumed = num(p1['power_consumed']);
    const produced = num(p1['power_produced']);
    return consumed !== null && produced !== null ? consumed - produced : num(p1['power_total']);
  }
  const ct = jsonOf(entry, '/api/v1/ct/details');
  return ct ? num(ct['total_power']) : null;
}

function sessySamples(entries: readonly HarEntry[]): OutsideWorldSample[] {
  const grid = entries.flatMap((e) => {
    const w = sessyGridW(e);
    return w === null ? [] : [{ atMs: entryTimeMs(e), w }];
  });
  return entries.flatMap((e) => {
    const doc = jsonOf(e, '/api/v1/power/status');
    if (!doc) return [];
    const atMs = entryTimeMs(e);
    const sessy = obj(doc['sessy']);
    const phases = [1, 2, 3].map((n) => num(obj(doc[`renewable_energy_phase${n}`])['power']));
    const pvW = phases.every((p) => p === null) ? null : Math.max(0, phases.reduce<number>((a, p) => a + (p ?? 0), 0));
    const batteryW = num(sessy['power']);
    const near = grid.reduce<{ atMs: number; w: number } | null>((best, g) => (Math.abs(g.atMs - atMs) <= GRID_MATCH_WINDOW_MS && (best === null || Math.abs(g.atMs - atMs) < Math.abs(best.atMs - atMs)) ? g : best), null);
    const loadW = near !== null && batteryW !== null ? Math.max(0, near.w + (pvW ?? 0) + batteryW) : null;
    const mHz = num(sessy['frequency']);
    return [{ atMs, loadW, pvW, freqHz: mHz === null ? null : mHz / 1000, socFraction: num(sessy['state_of_charge']), batteryW }];
  });
}

function homevoltSamples(entries: readonly HarEntry[]): OutsideWorldSample[] {
  return entries.flatMap((e) => {
    const doc = jsonOf(e, '/ems.json');
    if (!doc) return [];
    const units = Array.isArray(doc['ems']) ? (doc['ems'] as unknown[]).map(obj) : [];
    const aggregated = obj(obj(doc['aggregated'])['ems_data']);
    const first = obj(units[0]?.['ems_data']);
    const sensors = Array.isArray(doc['sensors']) ? (doc['sensors'] as unknown[]).map(obj) : [];
    const sensorW = (fn: string): number | null => {
      const s = sensors.find((x) => (x['function'] ?? x['type']) === fn && x['available'] !== false);
      return s ? num(s['total_power']) : null;
    };
    const batteryW = num(aggregated['power']) ?? (units.length > 0 ? units.reduce<number>((a, u) => a + (num(obj(u['ems_data'])['power']) ?? 0), 0) : null);
    const pv = sensorW('solar');
    const pvW = pv === null ? null : Math.max(0, pv);
    const gridW = sensorW('grid');
    const load = sensorW('load');
    const loadW = load !== null ? Math.max(0, -load) : gridW !== null && batteryW !== null ? Math.max(0, gridW + (pvW ?? 0) + batteryW) : null;
    const mHz = num(first['frequency']);
    const centiPercent = num(aggregated['soc_avg']) ?? num(first['soc_avg']);
    return [{ atMs: entryTimeMs(e), loadW, pvW, freqHz: mHz === null ? null : mHz / 1000, socFraction: centiPercent === null ? null : centiPercent / 10_000, batteryW }];
  });
}

/** The outside world recorded in `har`, from whichever battery's telemetry it holds (Sessy first). */
export function extractOutsideWorld(har: HarDocument): OutsideWorld {
  const entries = har.log.entries;
  const sessy = sessySamples(entries);
  const device = sessy.length > 0 ? 'sessy' : 'homevolt';
  const samples = (sessy.length > 0 ? sessy : homevoltSamples(entries)).sort((a, b) => a.atMs - b.atMs);
  if (samples.length === 0) {
    throw new ReplayError('REPLAY_ERR_NO_TELEMETRY', 'Failed to read the outside world from the recording: it holds no successful GET /api/v1/power/status (Sessy) or GET /ems.json (Homevolt). Record a session in which the client polls the battery.');
  }
  return { device, startSocFraction: samples.find((s) => s.socFraction !== null)?.socFraction ?? null, samples };
}

/** The sample in force at `atMs`: the latest at or before it (the first one before the recording starts). */
export function sampleAt(world: OutsideWorld, atMs: number): OutsideWorldSample {
  let found = world.samples[0] as OutsideWorldSample;
  for (const s of world.samples) {
    if (s.atMs > atMs) break;
    found = s;
  }
  return found;
}
