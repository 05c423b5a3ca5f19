/**
 * Scenarios: a timeline of changes in simulated time, written in YAML or JSON and validated on load with
 * messages that name the bad entry and why. Times are offsets from when the scenario is loaded:
 * "HH:MM", "HH:MM:SS" or a number of seconds.
 *
 * ```yaml
 * name: Evening dip
 * events:
 *   - at: "00:10"
 *     frequency: { dip: { minHz: 49.6, holdS: 20 } }
 *   - at: "01:00"
 *     reboot: true
 *   - from: "02:00"
 *     to: "03:00"
 *     fault: { type: error, rate: 0.2, scope: { path: /api/v1/energy/status } }
 *   - at: "04:00"
 *     set: { soc: 0.95 }
 * ```
 */
import { createRequire } from 'node:module';
import { type FaultSpec, parseFaultSpec } from './fault-spec.ts';
import { type FrequencyAction, parseFrequencyAction } from './frequency-action.ts';
import { parseStatePatch, type StatePatch } from './state-patch.ts';

export type { FrequencyAction } from './frequency-action.ts';

export type ScenarioAction =
  | { readonly type: 'frequency'; readonly frequency: FrequencyAction }
  | { readonly type: 'set'; readonly patch: StatePatch }
  | { readonly type: 'fault'; readonly fault: FaultSpec }
  | { readonly type: 'reboot' };

export interface ScenarioEvent {
  /** Offset from the scenario's start [s]. */
  readonly atS: number;
  readonly action: ScenarioAction;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Sorted by time; events at the same time keep their file order. */
  readonly events: readonly ScenarioEvent[];
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly code = 'SIM_ERR_INVALID_SCENARIO';
}

const ACTIONS = ['frequency', 'set', 'fault', 'reboot'] as const;

/**
 * yaml, required on the first scenario rather than imported at start: its import costs about 0.24 s of CPU, a
 * fifth of what a Homevolt emulator needs to answer its first request (README, Start time).
 */
function parseYaml(text: string): unknown {
  return (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);
}

/** Parses scenario text (YAML, of which JSON is a subset). */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new ScenarioError(`Failed to load the ${source}: it is neither valid YAML nor JSON (${(e as Error).message.split('\n')[0]}).`);
  }
  return scenarioFromData(data, source);
}

export function scenarioFromData(data: unknown, source = 'scenario'): Scenario {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ScenarioError(`Failed to load the ${source}: expected an object with "events", got ${describe(data)}.`);
  }
  const o = data as Record<string, unknown>;
  const extra = Object.keys(o).find((k) => !['name', 'description', 'events'].includes(k));
  if (extra) throw new ScenarioError(`Failed to load the ${source}: unknown top-level field "${extra}". Allowed: name, description, events.`);
  if (!Array.isArray(o.events) || o.events.length === 0) {
    throw new ScenarioError(`Failed to load the ${source}: "events" must be a non-empty list.`);
  }
  const events = o.events.map((entry, i) => parseEvent(entry, `${source} entry ${i + 1}`));
  const order = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.atS - b.e.atS || a.i - b.i);
  return {
    name: typeof o.name === 'string' ? o.name : source,
    description: typeof o.description === 'string' ? o.description : '',
    events: order.map(({ e }) => e),
  };
}

function parseEvent(entry: unknown, where: string): ScenarioEvent {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new ScenarioError(`Failed to load ${where}: expected an object such as {at: "00:10", set: {soc: 0.5}}, got ${describe(entry)}.`);
  }
  const o = entry as Record<string, unknown>;
  const actions = ACTIONS.filter((a) => a in o);
  const unknown = Object.keys(o).find((k) => !['at', 'from', 'to', ...ACTIONS].includes(k));
  if (unknown) throw new ScenarioError(`Failed to load ${where}: unknown field "${unknown}". An entry has "at" (or "from"/"to") and one of ${ACTIONS.join(', ')}.`);
  if (actions.length !== 1) {
    throw new ScenarioError(`Failed to load ${where}: it must have exactly one action (${ACTIONS.join(', ')}), found ${actions.length === 0 ? 'none' : actions.join(' and ')}.`);
  }
  const action = actions[0]!;
  if (action === 'fault') {
    if (o.at !== undefined && o.from !== undefined) throw new ScenarioError(`Failed to load ${where}: give either "at" or "from"/"to", not both.`);
    const startS = offsetOf(o.from ?? o.at, `${where} "${o.from !== undefined ? 'from' : 'at'}"`);
    const raw = { ...(o.fault as Record<string, unknown>) };
    if (o.to !== undefined) {
      const endS = offsetOf(o.to, `${where} "to"`);
      if (endS <= startS) throw new ScenarioError(`Failed to load ${where}: "to" (${String(o.to)}) must come after "from" (${String(o.from ?? o.at)}).`);
      const scope = typeof raw.scope === 'object' && raw.scope !== null ? (raw.scope as Record<string, unknown>) : {};
      raw.scope = { ...scope, durationS: endS - startS };
    }
    return { atS: startS, action: { type: 'fault', fault: rethrow(where, () => parseFaultSpec(raw, `fault of ${where}`)) } };
  }
  if (o.from !== undefined || o.to !== undefined) throw new ScenarioError(`Failed to load ${where}: "from"/"to" belong to fault entries; use "at" for ${action}.`);
  const atS = offsetOf(o.at, `${where} "at"`);
  switch (action) {
    case 'reboot':
      if (o.reboot !== true) throw new ScenarioError(`Failed to load ${where}: write "reboot: true".`);
      return { atS, action: { type: 'reboot' } };
    case 'set':
      return { atS, action: { type: 'set', patch: rethrow(where, () => parseStatePatch(o.set, `"set" of ${where}`)) } };
    case 'frequency':
      return { atS, action: { type: 'frequency', frequency: rethrow(where, () => parseFrequencyAction(o.frequency, where)) } };
  }
}

/** "HH:MM", "HH:MM:SS" or seconds → seconds. */
export function offsetOf(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const m = /^(\d+):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?$/.exec(value.trim());
    if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  }
  throw new ScenarioError(`Failed to load ${where}: the time must be "HH:MM", "HH:MM:SS" or seconds ≥ 0, got ${describe(value)}.`);
}

function rethrow<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    const message = (e as Error).message;
    throw new ScenarioError(message.includes(where) ? message : `${message.replace(/\.$/, '')} (in ${where}).`);
  }
}

function describe(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}
