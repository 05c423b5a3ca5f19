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
import { checkInputShapeInSlices, MAX_LIST_ITEMS, quote } from './input-limits.ts';
import { parseStatePatch, type StatePatch } from './state-patch.ts';
import { BattsimError } from '../core/index.ts';

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

export class ScenarioError extends BattsimError<'SIM_ERR_INVALID_SCENARIO'> {
  override readonly name = 'ScenarioError';
  constructor(message: string) {
    super('SIM_ERR_INVALID_SCENARIO', message);
  }
}

/** Most events in one scenario: the control plane's longest list (@see docs/control-plane-limits.md). */
export const MAX_SCENARIO_EVENTS = MAX_LIST_ITEMS;
/**
 * Largest scenario written in YAML [characters]. The yaml library parses about 0.5 MB/s in one go, so a bigger
 * YAML file would hold the event loop (and every vendor request) for more than 50 ms; JSON, which parses
 * 100 times faster, may fill the whole control body. @see docs/control-plane-limits.md
 */
export const MAX_SCENARIO_YAML_CHARS = 16 * 1024;
/** Latest offset an event may have [s]: ten years of simulated time. */
export const MAX_OFFSET_S = 10 * 366 * 86_400;
/** Events validated between two yields of an incremental load (a few ms of work). */
export const EVENTS_PER_SLICE = 250;

const ACTIONS = ['frequency', 'set', 'fault', 'reboot'] as const;
const ENTRY_KEYS = new Set<string>(['at', 'from', 'to', ...ACTIONS]);
const TOP_KEYS = new Set(['name', 'description', 'events']);

/**
 * yaml, required on the first scenario rather than imported at start: its import costs about 0.24 s of CPU, a
 * fifth of what a Homevolt emulator needs to answer its first request (README, Start time).
 */
function parseYaml(text: string): unknown {
  return (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);
}

/**
 * Parses scenario text: JSON when it is JSON (fast, up to the control body limit), else YAML (of which JSON
 * is a subset) up to MAX_SCENARIO_YAML_CHARS.
 */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  return finish(buildScenario(parseScenarioText(text, source), source));
}

/** The data in scenario text, before validation. */
export function parseScenarioText(text: string, source = 'scenario'): unknown {
  const head = text.trimStart()[0];
  if (head === '{') {
    try {
      return JSON.parse(text);
    } catch {
      // Not JSON after all: YAML flow mappings start with "{" too.
    }
  }
  if (text.length > MAX_SCENARIO_YAML_CHARS) {
    throw new ScenarioError(
      `Failed to load the ${source}: it is ${text.length} characters of YAML, over the limit of ${MAX_SCENARIO_YAML_CHARS} (MAX_SCENARIO_YAML_CHARS). Send a larger timeline as JSON (application/json), up to ${MAX_SCENARIO_EVENTS} events.`,
    );
  }
  try {
    return parseYaml(text);
  } catch (e) {
    throw new ScenarioError(`Failed to load the ${source}: it is neither valid YAML nor JSON (${((e as Error).message.split('\n')[0] ?? '').slice(0, 200)}).`);
  }
}

/**
 * Validates scenario data in slices of EVENTS_PER_SLICE events, yielding between them, so that a caller can
 * give the event loop a turn; returns the scenario. The work is O(n log n): one pass per event and one sort.
 */
export function* buildScenario(data: unknown, source = 'scenario'): Generator<void, Scenario> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ScenarioError(`Failed to load the ${source}: expected an object with "events", got ${quote(data)}.`);
  }
  const o = data as Record<string, unknown>;
  const extra = Object.keys(o).find((k) => !TOP_KEYS.has(k));
  if (extra) throw new ScenarioError(`Failed to load the ${source}: unknown top-level field ${quote(extra)}. Allowed: name, description, events.`);
  if (!Array.isArray(o.events) || o.events.length === 0) {
    throw new ScenarioError(`Failed to load the ${source}: "events" must be a non-empty list.`);
  }
  if (o.events.length > MAX_SCENARIO_EVENTS) {
    throw new ScenarioError(`Failed to load the ${source}: it has ${o.events.length} events, over the limit of ${MAX_SCENARIO_EVENTS} (MAX_SCENARIO_EVENTS). Split it.`);
  }
  yield* checkInputShapeInSlices(data, source);
  const raw = o.events as unknown[];
  const events: ScenarioEvent[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    if (i > 0 && i % EVENTS_PER_SLICE === 0) yield;
    events[i] = parseEvent(raw[i], source, i);
  }
  // One stable sort (file order breaks ties): O(n log n).
  events.sort((a, b) => a.atS - b.atS);
  return {
    name: typeof o.name === 'string' ? o.name : source,
    description: typeof o.description === 'string' ? o.description : '',
    events,
  };
}

function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function parseEvent(entry: unknown, source: string, index: number): ScenarioEvent {
  // Named only when something fails: building the name for each of 50,000 good entries costs more than checking them.
  const where = (): string => `${source} entry ${index + 1}`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new ScenarioError(`Failed to load ${where()}: expected an object such as {at: "00:10", set: {soc: 0.5}}, got ${quote(entry)}.`);
  }
  const o = entry as Record<string, unknown>;
  let action: (typeof ACTIONS)[number] | undefined;
  let actions = 0;
  for (const key in o) {
    if (!Object.hasOwn(o, key)) continue;
    if (!ENTRY_KEYS.has(key)) throw new ScenarioError(`Failed to load ${where()}: unknown field ${quote(key)}. An entry has "at" (or "from"/"to") and one of ${ACTIONS.join(', ')}.`);
    if (key !== 'at' && key !== 'from' && key !== 'to') {
      actions++;
      action = key as (typeof ACTIONS)[number];
    }
  }
  if (actions !== 1 || action === undefined) {
    const found = ACTIONS.filter((a) => a in o);
    throw new ScenarioError(`Failed to load ${where()}: it must have exactly one action (${ACTIONS.join(', ')}), found ${found.length === 0 ? 'none' : found.join(' and ')}.`);
  }
  if (action === 'fault') {
    if (o.at !== undefined && o.from !== undefined) throw new ScenarioError(`Failed to load ${where()}: give either "at" or "from"/"to", not both.`);
    const startS = offsetOf(o.from ?? o.at, () => `${where()} "${o.from !== undefined ? 'from' : 'at'}"`);
    const fault = o.fault;
    let spec = fault;
    if (o.to !== undefined) {
      const endS = offsetOf(o.to, () => `${where()} "to"`);
      if (endS <= startS) throw new ScenarioError(`Failed to load ${where()}: "to" (${quote(o.to)}) must come after "from" (${quote(o.from ?? o.at)}).`);
      const f = typeof fault === 'object' && fault !== null ? (fault as Record<string, unknown>) : {};
      const scope = typeof f.scope === 'object' && f.scope !== null ? (f.scope as Record<string, unknown>) : {};
      spec = { ...f, scope: { ...scope, durationS: endS - startS } };
    }
    return { atS: startS, action: { type: 'fault', fault: rethrow(where, () => parseFaultSpec(spec, `fault of ${where()}`)) } };
  }
  if (o.from !== undefined || o.to !== undefined) throw new ScenarioError(`Failed to load ${where()}: "from"/"to" belong to fault entries; use "at" for ${action}.`);
  const atS = offsetOf(o.at, () => `${where()} "at"`);
  switch (action) {
    case 'reboot':
      if (o.reboot !== true) throw new ScenarioError(`Failed to load ${where()}: write "reboot: true".`);
      return { atS, action: { type: 'reboot' } };
    case 'set':
      return { atS, action: { type: 'set', patch: rethrow(where, () => parseStatePatch(o.set, `"set" of ${where()}`)) } };
    case 'frequency':
      return { atS, action: { type: 'frequency', frequency: rethrow(where, () => parseFrequencyAction(o.frequency, where())) } };
  }
}

/** "HH:MM", "HH:MM:SS" or seconds → seconds. */
export function offsetOf(value: unknown, where: string | (() => string)): number {
  let seconds = NaN;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string' && value.length <= 20) {
    const m = /^(\d{1,6}):([0-5]\d)(?::([0-5]\d(?:\.\d{1,3})?))?$/.exec(value.trim());
    if (m) seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  }
  if (seconds >= 0 && seconds <= MAX_OFFSET_S) return seconds;
  const name = typeof where === 'string' ? where : where();
  throw new ScenarioError(`Failed to load ${name}: the time must be "HH:MM", "HH:MM:SS" or seconds from 0 to ${MAX_OFFSET_S} (MAX_OFFSET_S, ten years), got ${quote(value)}.`);
}

function rethrow<T>(where: () => string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    const message = (e as Error).message;
    const name = where();
    throw new ScenarioError(message.includes(name) ? message : `${message.replace(/\.$/, '')} (in ${name}).`);
  }
}