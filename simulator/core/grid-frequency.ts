/**
 * Grid frequency (docs/physics.md §3.2): an Ornstein–Uhlenbeck process updated exactly for any step,
 * deterministic market kicks at every quarter hour evaluated from the timestamp, rare Poisson
 * events, and scripted overrides (step, ramp, dip) that replace the stochastic value while active.
 */
import { mergeParams, SimError, requireFinite } from './errors.ts';
import { utcOffsetHours } from './local-time.ts';
import { hashedNormal, type RandomStream } from './rng.ts';

export interface FrequencyParams {
  /** Nominal frequency [Hz]. */
  readonly nominalHz: number;
  /** OU time constant [s]. */
  readonly ouTauS: number;
  /** OU stationary standard deviation [mHz]. */
  readonly ouSigmaMilliHz: number;
  /** Kick shape time constant [s]. */
  readonly kickTauS: number;
  /** Standard deviation of the full-hour kicks [mHz]. */
  readonly hourKickSigmaMilliHz: number;
  /** Standard deviation of the :15/:30/:45 kicks [mHz]. */
  readonly quarterKickSigmaMilliHz: number;
  /** Mean of the full-hour kick in the morning ramp (05–09 h, negative) and evening (19–23 h, positive) [mHz]. */
  readonly hourKickMeanMilliHz: number;
  /** Rate of rare under-frequency events [1/day]. */
  readonly eventsPerDay: number;
  /** Recovery time constant of a rare event [s]. */
  readonly eventTauS: number;
}

export const DEFAULT_FREQUENCY: FrequencyParams = Object.freeze({
  nominalHz: 50,
  ouTauS: 150,
  ouSigmaMilliHz: 17,
  kickTauS: 90,
  hourKickSigmaMilliHz: 30,
  quarterKickSigmaMilliHz: 10,
  hourKickMeanMilliHz: 30,
  eventsPerDay: 2,
  eventTauS: 120,
});

export function buildFrequencyParams(overrides?: Partial<FrequencyParams>): FrequencyParams {
  return mergeParams('frequency', DEFAULT_FREQUENCY, overrides, {
    nominalHz: [1, 1000],
    ouTauS: [1e-3, 1e9],
    ouSigmaMilliHz: [0, 1e4],
    kickTauS: [1e-3, 1e6],
    hourKickSigmaMilliHz: [0, 1e4],
    quarterKickSigmaMilliHz: [0, 1e4],
    hourKickMeanMilliHz: [-1e4, 1e4],
    eventsPerDay: [0, 1e5],
    eventTauS: [1e-3, 1e6],
  });
}

/** A scripted frequency profile: linear between points, held after the last until `untilMs`. */
export interface FrequencyOverride {
  readonly points: readonly { readonly atMs: number; readonly hz: number }[];
  /** When the override ends and the stochastic model takes over again; Infinity to hold forever. */
  readonly untilMs: number;
}

/** A step to `hz` at `atMs`, held for `holdS` seconds (Infinity: until cleared). */
export function frequencyStep(atMs: number, hz: number, holdS = Infinity): FrequencyOverride {
  checkEvent(atMs, [hz], holdS);
  return { points: [{ atMs, hz }], untilMs: atMs + holdS * 1000 };
}

/** A ramp from `fromHz` to `toHz` over `rampS`, then held for `holdS`. */
export function frequencyRamp(atMs: number, fromHz: number, toHz: number, rampS: number, holdS = Infinity): FrequencyOverride {
  checkEvent(atMs, [fromHz, toHz], holdS, rampS);
  const endMs = atMs + rampS * 1000;
  return { points: [{ atMs, hz: fromHz }, { atMs: endMs, hz: toHz }], untilMs: endMs + holdS * 1000 };
}

/** A dip: down to `minHz` over `fallS`, held for `holdS`, back to nominal over `recoverS`. */
export function frequencyDip(atMs: number, minHz: number, holdS: number, fallS = 1, recoverS = 10, nominalHz = 50): FrequencyOverride {
  checkEvent(atMs, [minHz], holdS, fallS, recoverS);
  const lowMs = atMs + fallS * 1000;
  const upMs = lowMs + holdS * 1000;
  const endMs = upMs + recoverS * 1000;
  return {
    points: [
      { atMs, hz: nominalHz },
      { atMs: lowMs, hz: minHz },
      { atMs: upMs, hz: minHz },
      { atMs: endMs, hz: nominalHz },
    ],
    untilMs: endMs,
  };
}

/** The override's value at a time, or undefined when it is not active then. */
export function overrideValueHz(override: FrequencyOverride, tMs: number): number | undefined {
  const pts = override.points;
  const first = pts[0];
  if (!first || tMs < first.atMs || tMs >= override.untilMs) return undefined;
  for (let i = 1; i < pts.length; i++) {
    const b = pts[i]!;
    if (tMs < b.atMs) {
      const a = pts[i - 1]!;
      return a.hz + ((b.hz - a.hz) * (tMs - a.atMs)) / (b.atMs - a.atMs);
    }
  }
  return pts[pts.length - 1]!.hz;
}

export interface FrequencyModel {
  /** The frequency now [Hz]. */
  readonly hz: number;
  /** Advances to `tMs` (≥ the current time) and returns the frequency then [Hz]. */
  advanceTo(tMs: number): number;
  /** Replaces the stochastic value while the override is active; null clears it. */
  setOverride(override: FrequencyOverride | null): void;
  readonly override: FrequencyOverride | null;
}

/** A FrequencyModel with what a simulation's inner loop needs. */
export interface FrequencyStepper extends FrequencyModel {
  /** advanceTo without the return value (a double returned from a call V8 does not inline costs a heap box): read `now`. */
  step(tMs: number): void;
  /** The frequency now [Hz], as a field that step() rewrites. */
  readonly now: Readonly<{ hz: number }>;
}

const QUARTER_MS = 900_000;

interface KickTables {
  readonly decayPerSecond: Float64Array;
  readonly decayPerMilli: Float64Array;
  readonly shapePerSecond: Float64Array;
}

/**
 * The kick tables per τ_d [s], built once and shared by every model with that τ_d (never written after): 19 KB a
 * model otherwise, which counts when a process runs a thousand devices (bench/emulator-memory.ts).
 */
const KICK_TABLES = new Map<number, KickTables>();

/**
 * exp(−age/τ_d) tabulated per whole second and per millisecond within one, so that a kick's shape costs two lookups
 * instead of Math.exp at every step. It stays a function of the kick's age alone: step size cannot change it.
 */
function kickTablesFor(kickTauS: number): KickTables {
  let tables = KICK_TABLES.get(kickTauS);
  if (tables === undefined) {
    const kickTauMs = kickTauS * 1000;
    const kickWindowMs = 8 * kickTauS * 1000;
    const decayPerSecond = Float64Array.from({ length: Math.ceil(kickWindowMs / 1000) + 1 }, (_, s) => Math.exp(-(s * 1000) / kickTauMs));
    const decayPerMilli = Float64Array.from({ length: 1000 }, (_, m) => Math.exp(-m / kickTauMs));
    // The shape at whole seconds of age, the same product as the model's with a millisecond part of 0: one lookup per 1 s step.
    const shapePerSecond = decayPerSecond.map((d, sec) => ((sec * 1000) / kickTauMs) * Math.E * d * decayPerMilli[0]!);
    KICK_TABLES.set(kickTauS, (tables = { decayPerSecond, decayPerMilli, shapePerSecond }));
  }
  return tables;
}

export function createFrequencyModel(params: FrequencyParams, rng: RandomStream, seed: number, startMs: number): FrequencyStepper {
  // What changes at every step lives in one object: V8 boxes a closure's `let` number anew on every write.
  const live = { tMs: startMs, ouMilliHz: params.ouSigmaMilliHz * rng.normal(), hz: params.nominalHz };
  let nextEventMs = startMs + rng.exponential(params.eventsPerDay / 86_400_000);
  let events: { atMs: number; depthMilliHz: number }[] = [];
  let override: FrequencyOverride | null = null;
  let lastDtS = NaN;
  let decay = 0;
  let noiseScale = 0;
  const kickCache = new Map<number, number>();
  // With the default τ_d one kick is active at a time, asked for at every step: keep the last one at hand.
  let lastKick = NaN;
  let lastKickMilliHz = 0;
  const kickWindowMs = 8 * params.kickTauS * 1000;
  const kickTauMs = params.kickTauS * 1000;
  const { decayPerSecond, decayPerMilli, shapePerSecond } = kickTablesFor(params.kickTauS);
  // The quarter hour now: within [startMs, checkMs) floor(t / 15 min) is sure to be k (checkMs is a millisecond
  // before the next quarter, where the division could round up), so most steps skip it.
  const quarter = { k: NaN, startMs: NaN, checkMs: -Infinity };
  const eventWindowMs = 10 * params.eventTauS * 1000;

  /** Amplitude of the kick at quarter hour k [mHz]; it belongs to its timestamp, drawn by hashing, so step size cannot change it. */
  const kickAmplitudeMilliHz = (k: number): number => {
    if (k === lastKick) return lastKickMilliHz;
    let amplitude = kickCache.get(k);
    if (amplitude === undefined) {
      const kMs = k * QUARTER_MS;
      // The morning and evening ramps follow the market's clock: local time (CET/CEST), not UTC.
      const localMs = kMs + utcOffsetHours(kMs) * 3_600_000;
      const hourOfDay = (localMs - Math.floor(localMs / 86_400_000) * 86_400_000) / 3_600_000;
      const fullHour = kMs % 3_600_000 === 0;
      const mean = !fullHour ? 0 : hourOfDay >= 5 && hourOfDay < 9 ? -params.hourKickMeanMilliHz : hourOfDay >= 19 && hourOfDay < 23 ? params.hourKickMeanMilliHz : 0;
      const sigma = fullHour ? params.hourKickSigmaMilliHz : params.quarterKickSigmaMilliHz;
      amplitude = mean + sigma * hashedNormal(seed, 'frequency-kick', k);
      if (kickCache.size > 16) kickCache.clear();
      kickCache.set(k, amplitude);
    }
    lastKick = k;
    lastKickMilliHz = amplitude;
    return amplitude;
  };

  const nominalHz = params.nominalHz;
  const eventTauMs = params.eventTauS * 1000;
  /**
   * The stochastic frequency at `atMs` [Hz]: OU part, market kicks and rare events. The kicks' sum and shape are
   * written out here rather than called: a double returned from a call V8 does not inline costs a heap box.
   */
  const stochasticHz = (atMs: number): number => {
    let eventMilliHz = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      eventMilliHz -= e.depthMilliHz * Math.exp(-(atMs - e.atMs) / eventTauMs);
    }
    // The kicks still within their window, newest first: a kick's shape is u·e^(1−u) with u = age/τ_d.
    if (!(atMs >= quarter.startMs && atMs < quarter.checkMs)) {
      quarter.k = Math.floor(atMs / QUARTER_MS);
      quarter.startMs = quarter.k * QUARTER_MS;
      quarter.checkMs = quarter.startMs + QUARTER_MS - 1;
    }
    let kickSum = 0;
    for (let k = quarter.k; k * QUARTER_MS > atMs - kickWindowMs; k--) {
      const ageMs = atMs - k * QUARTER_MS;
      const amplitude = k === lastKick ? lastKickMilliHz : kickAmplitudeMilliHz(k);
      let shape: number;
      if (Number.isInteger(ageMs)) {
        const seconds = Math.floor(ageMs / 1000);
        const milli = ageMs - seconds * 1000;
        shape = milli === 0 ? shapePerSecond[seconds]! : (ageMs / kickTauMs) * Math.E * decayPerSecond[seconds]! * decayPerMilli[milli]!;
      } else {
        const u = ageMs / kickTauMs;
        shape = u * Math.exp(1 - u);
      }
      kickSum += amplitude * shape;
    }
    return nominalHz + (live.ouMilliHz + kickSum + eventMilliHz) / 1000;
  };

  /**
   * Events are in time order: drop those whose recovery is over once the oldest is. Its own function: a closure
   * over step's argument would make V8 allocate a context for step at every call.
   */
  const dropRecoveredEvents = (atMs: number): void => {
    events = events.filter((e) => atMs - e.atMs < eventWindowMs);
  };

  /** Its own function, so that the message's template stays out of step's bytecode (V8 inlines by bytecode size). */
  const rejectPast = (targetMs: number): never => {
    throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to advance the grid frequency to ${targetMs}: it is already at ${live.tMs}.`);
  };

  live.hz = stochasticHz(live.tMs);
  /** Advances to `targetMs` (≥ the current time) and works out live.hz. */
  const step = (targetMs: number): void => {
    if (targetMs < live.tMs) rejectPast(targetMs);
    const dtS = (targetMs - live.tMs) / 1000;
    if (dtS !== lastDtS) {
      lastDtS = dtS;
      decay = Math.exp(-dtS / params.ouTauS);
      noiseScale = params.ouSigmaMilliHz * Math.sqrt(1 - decay * decay);
    }
    if (dtS > 0) live.ouMilliHz = live.ouMilliHz * decay + noiseScale * rng.normal();
    while (nextEventMs <= targetMs) {
      events.push({ atMs: nextEventMs, depthMilliHz: rng.uniform(50, 150) });
      nextEventMs += rng.exponential(params.eventsPerDay / 86_400_000);
    }
    if (events.length > 0 && targetMs - events[0]!.atMs >= eventWindowMs) dropRecoveredEvents(targetMs);
    live.tMs = targetMs;
    if (override === null) {
      live.hz = stochasticHz(targetMs);
    } else {
      const forced = overrideValueHz(override, targetMs);
      if (targetMs >= override.untilMs) override = null;
      live.hz = forced === undefined ? stochasticHz(targetMs) : forced;
    }
  };
  const methods = {
    setOverride(next: FrequencyOverride | null): void {
      override = next;
      const forced = next && overrideValueHz(next, live.tMs);
      live.hz = forced === null || forced === undefined ? stochasticHz(live.tMs) : forced;
    },
    advanceTo(targetMs: number): number {
      step(targetMs);
      return live.hz;
    },
    step,
    now: live as Readonly<{ hz: number }>,
    get hz(): number {
      return live.hz;
    },
    get override(): FrequencyOverride | null {
      return override;
    },
  };
  return methods satisfies FrequencyStepper;
}

function checkEvent(atMs: number, hzs: number[], ...durationsS: number[]): void {
  try {
    requireFinite('event start (ms)', atMs);
    hzs.forEach((hz) => requireFinite('event frequency (Hz)', hz, 1, 1000));
    durationsS.forEach((s) => {
      if (!(s >= 0)) throw new Error(`a duration must be ≥ 0 s, got ${s}`);
    });
  } catch (cause) {
    throw new SimError('SIM_ERR_INVALID_EVENT', `Failed to script a frequency event: ${(cause as Error).message}.`);
  }
}
