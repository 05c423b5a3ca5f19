/**
 * Household load (docs/physics.md §4.1): the BDEW H0 shape scaled to the annual energy with the dynamisation
 * factor F(doy), made single-home by an OU noise term, a fridge cycle and Poisson appliance events
 * whose rate follows the profile, so that the long-run mean matches the profile's mean.
 */
import { mergeParams } from './errors.ts';
import { localClock, utcOffsetSpan } from './local-time.ts';
import type { RandomStream } from './rng.ts';

export interface HouseholdParams {
  /** Annual consumption [kWh]. */
  readonly annualKWh: number;
  /** Lowest load the house ever draws [W]. */
  readonly baseW: number;
  /** OU noise: standard deviation as a fraction of the profile mean. */
  readonly noiseFraction: number;
  /** OU noise time constant [s]. */
  readonly noiseTauS: number;
  /** Share of the mean carried by appliance events. */
  readonly eventShare: number;
  /** Phases the house is wired with: 1 or 3. */
  readonly phases: number;
}

export const DEFAULT_HOUSEHOLD: HouseholdParams = Object.freeze({
  annualKWh: 2800,
  baseW: 40,
  noiseFraction: 0.3,
  noiseTauS: 300,
  eventShare: 0.3,
  phases: 3,
});

export function buildHouseholdParams(overrides?: Partial<HouseholdParams>): HouseholdParams {
  return mergeParams('household', DEFAULT_HOUSEHOLD, overrides, {
    annualKWh: [0, 1e6],
    baseW: [0, 1e5],
    noiseFraction: [0, 5],
    noiseTauS: [1, 1e6],
    eventShare: [0, 1],
    phases: [1, 3],
  });
}

/** BDEW H0 hourly means [W per 1000 kWh/a] (docs/physics.md §4.1 table): [winter, summer] × [workday, Saturday, Sunday]. */
const H0: readonly (readonly number[])[][] = [
  [
    [58, 43, 40, 38, 39, 47, 90, 129, 134, 123, 116, 118, 131, 129, 115, 105, 105, 129, 166, 187, 168, 141, 117, 86],
    [67, 53, 42, 40, 38, 40, 53, 82, 120, 142, 148, 155, 167, 166, 153, 144, 145, 180, 209, 210, 172, 134, 122, 104],
    [78, 56, 45, 41, 39, 39, 41, 50, 89, 138, 174, 203, 207, 173, 136, 117, 107, 126, 156, 176, 160, 136, 115, 85],
  ],
  [
    [74, 55, 50, 47, 49, 59, 98, 130, 142, 144, 139, 142, 158, 153, 132, 119, 115, 122, 142, 165, 167, 158, 144, 112],
    [83, 64, 52, 50, 50, 52, 64, 93, 128, 156, 165, 171, 182, 176, 157, 148, 145, 149, 166, 180, 173, 154, 149, 125],
    [90, 67, 54, 51, 50, 49, 51, 70, 112, 160, 187, 206, 209, 175, 144, 124, 108, 110, 127, 152, 159, 150, 140, 108],
  ],
];

/** BDEW dynamisation factor for day of year t (1..366). */
export function dynamisationFactor(doy: number): number {
  const t = doy;
  return -3.92e-10 * t ** 4 + 3.2e-7 * t ** 3 - 7.02e-5 * t ** 2 + 2.1e-3 * t + 1.24;
}

type Season = 'winter' | 'summer' | 'transition';

/** What the profile takes from the local date: H0's day type (0 workday, 1 Saturday, 2 Sunday), season and F(doy). */
interface ProfileDay {
  readonly dayType: number;
  readonly season: Season;
  readonly factor: number;
}

function profileDay(weekday: number, doy: number): ProfileDay {
  // Seasons: winter 1 Nov–20 Mar, summer 15 May–14 Sep, transition between (BDEW); the transition is their mean.
  const season = doy <= 79 || doy >= 305 ? 'winter' : doy >= 135 && doy <= 257 ? 'summer' : 'transition';
  return { dayType: weekday === 0 ? 2 : weekday === 6 ? 1 : 0, season, factor: dynamisationFactor(doy) };
}

/** The profile's mean load at an instant [W] for an annual consumption. */
export function profileMeanW(params: HouseholdParams, tMs: number): number {
  const lt = localClock(tMs);
  return profileAt(params, profileDay(lt.weekday, lt.dayOfYear), lt.hour);
}

/** The profile's mean [W] at a local hour (0 ≤ hour < 24) of a day. */
function profileAt(params: HouseholdParams, day: ProfileDay, hour: number): number {
  // Linear between hour centres.
  const x = hour - 0.5;
  const h0 = Math.floor(x);
  const frac = x - h0;
  const perThousand = h0Shape(day.season, day.dayType, h0) * (1 - frac) + h0Shape(day.season, day.dayType, h0 + 1) * frac;
  return (perThousand * params.annualKWh * day.factor) / 1000;
}

/**
 * profileMeanW for instants that come in order: the local day (its figures, and the offset from UTC) is kept while
 * the instants stay in it, and the local hour is worked out from it as localClock does, so the values are the same.
 */
function createProfileClock(params: HouseholdParams): (tMs: number) => number {
  // Within [fromMs, checkMs) the UTC offset is offsetH and floor(local ms / day) is `days` (checkMs is a millisecond
  // short of the local day's end, where the division could round up).
  const span = { fromMs: NaN, checkMs: -Infinity, offsetH: 1, days: 0 };
  let day: ProfileDay = profileDay(0, 1);
  return (tMs) => {
    if (!(tMs >= span.fromMs && tMs < span.checkMs)) {
      const offset = utcOffsetSpan(tMs);
      const lt = localClock(tMs);
      span.offsetH = offset.offsetH;
      span.days = Math.floor((tMs + offset.offsetH * 3_600_000) / 86_400_000);
      const dayFromMs = span.days * 86_400_000 - offset.offsetH * 3_600_000;
      span.fromMs = Math.max(offset.fromMs, dayFromMs);
      span.checkMs = Math.min(offset.toMs, dayFromMs + 86_400_000) - 1;
      day = profileDay(lt.weekday, lt.dayOfYear);
    }
    const localMs = tMs + span.offsetH * 3_600_000;
    return profileAt(params, day, (localMs - span.days * 86_400_000) / 3_600_000);
  };
}

/** The H0 value at a whole hour (any integer, taken modulo 24) for a season and day type [W per 1000 kWh/a]. */
function h0Shape(season: Season, dayType: number, hour: number): number {
  const h = ((hour % 24) + 24) % 24;
  const w = H0[0]![dayType]![h]!;
  const s = H0[1]![dayType]![h]!;
  return season === 'winter' ? w : season === 'summer' ? s : (w + s) / 2;
}

interface Appliance {
  readonly name: string;
  readonly weight: number;
  readonly stages: readonly { readonly powerW: [number, number]; readonly minutes: [number, number] }[];
}

const APPLIANCES: readonly Appliance[] = [
  { name: 'kettle', weight: 0.5, stages: [{ powerW: [2000, 2000], minutes: [3, 3] }] },
  { name: 'cooking', weight: 0.15, stages: [{ powerW: [1500, 2500], minutes: [20, 40] }] },
  { name: 'washer', weight: 0.15, stages: [{ powerW: [2000, 2000], minutes: [15, 15] }, { powerW: [200, 200], minutes: [60, 60] }] },
  { name: 'dishwasher', weight: 0.2, stages: [{ powerW: [1800, 1800], minutes: [20, 20] }] },
];
/** Mean energy of one event [Wh]. */
const MEAN_EVENT_WH = APPLIANCES.reduce(
  (sum, a) => sum + a.weight * a.stages.reduce((s, st) => s + ((st.powerW[0] + st.powerW[1]) / 2) * ((st.minutes[0] + st.minutes[1]) / 2 / 60), 0),
  0,
);
/** Fridge: 100 W for 15 min of every 45 min (mean 33.3 W). */
const FRIDGE = { powerW: 100, onMs: 15 * 60_000, periodMs: 45 * 60_000 };
/** Whether the fridge runs at `tMs`; floor rather than %, which V8 runs as a slow fmod call for doubles. */
const fridgeOn = (tMs: number): boolean => tMs - Math.floor(tMs / FRIDGE.periodMs) * FRIDGE.periodMs < FRIDGE.onMs;

/**
 * How much the floor max(baseW, X) raises the mean of a normal X ~ N(meanW, sigmaW) [W]:
 * E[max(b, X)] − E[X] = (b − μ)·Φ(α) + σ·φ(α), α = (b − μ)/σ. At night the smooth load sits near the floor,
 * and without this correction the house used 1–1.6 % more than its profile over a year.
 */
function floorLiftW(baseW: number, meanW: number, sigmaW: number): number {
  if (!(sigmaW > 0)) return Math.max(0, baseW - meanW);
  const alpha = (baseW - meanW) / sigmaW;
  const pdf = Math.exp(-0.5 * alpha * alpha) / Math.sqrt(2 * Math.PI);
  return (baseW - meanW) * normalCdf(alpha) + sigmaW * pdf;
}

/** Standard normal CDF, Abramowitz & Stegun 26.2.17 (absolute error < 7.5e-8). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * poly;
  return x >= 0 ? 1 - tail : tail;
}

export interface HouseholdLoad {
  /** Load per phase [W]; index 0 is L1. */
  readonly phaseW: readonly [number, number, number];
  readonly totalW: number;
}

export interface HouseholdModel {
  advanceTo(tMs: number): HouseholdLoad;
  readonly load: HouseholdLoad;
  /** advanceTo without building a HouseholdLoad, for a simulation's inner loop: returns totalW; phaseW is live. */
  advance(tMs: number): number;
  /** Total load now [W]: load.totalW. */
  readonly totalW: number;
  /** Load per phase now [W]: load.phaseW as a live view, overwritten by the next step. */
  readonly phaseW: readonly number[];
  /** advance without the return value (a double returned from a call V8 does not inline costs a heap box): read `now`. */
  step(tMs: number): void;
  /** Total load now [W], as a field that step() rewrites. */
  readonly now: Readonly<{ totalW: number }>;
}

interface ActiveEvent {
  readonly startMs: number;
  readonly endMs: number;
  readonly powerW: number;
  readonly phase: number;
}

function hasEnded(events: readonly ActiveEvent[], tMs: number): boolean {
  for (let i = 0; i < events.length; i++) if (events[i]!.endMs <= tMs) return true;
  return false;
}

export function createHouseholdModel(params: HouseholdParams, rng: RandomStream, startMs: number): HouseholdModel {
  // What changes at every step lives in one object: V8 boxes a closure's `let` number anew on every write.
  const live = { tMs: startMs, noise: rng.normal(), hazard: 0, totalW: 0.5 };
  let threshold = rng.exponential(1);
  let events: ActiveEvent[] = [];
  const phaseW: number[] = [0, 0, 0];
  // The OU decay over a step, cached: the site's steps are all the same size.
  const ou = { dtS: NaN, decay: 0.5, noiseScale: 0.5 };
  // The profile changes slowly: evaluate it once per simulated minute (at the minute's centre), together with
  // the mean the floor at baseW adds to the smooth part, once with the fridge off and once with it on.
  // Within [startMs, checkMs) the minute is surely `minute` (checkMs is a millisecond before the next one, where floor
  // could round up), so most steps skip the division.
  const profile = { minute: NaN, startMs: NaN, checkMs: -Infinity, meanW: 0.5, liftOffW: 0.5, liftOnW: 0.5 };
  const profileMeanAt = createProfileClock(params);
  const fridgeCycle = { startMs: NaN, checkMs: -Infinity };
  const refresh = (atMs: number): void => {
    const minute = Math.floor(atMs / 60_000);
    profile.startMs = minute * 60_000;
    profile.checkMs = profile.startMs + 60_000 - 1;
    if (minute === profile.minute) return;
    profile.minute = minute;
    profile.meanW = profileMeanAt(minute * 60_000 + 30_000);
    const smoothW = profile.meanW * (1 - params.eventShare) - FRIDGE.powerW / 3;
    const sigmaW = params.noiseFraction * profile.meanW;
    profile.liftOffW = floorLiftW(params.baseW, smoothW, sigmaW);
    profile.liftOnW = floorLiftW(params.baseW, smoothW + FRIDGE.powerW, sigmaW);
  };
  // The load as an immutable object, built only when asked for.
  let snapshot: HouseholdLoad | null = null;
  refresh(live.tMs);
  compute(fridgeOn(live.tMs));

  /** Works out the load at live.tMs into phaseW and live.totalW; the profile is that of live.tMs's minute. */
  function compute(fridgeRuns: boolean): void {
    const meanW = profile.meanW;
    const fridgeW = fridgeRuns ? FRIDGE.powerW : 0;
    const smoothW = meanW * (1 - params.eventShare) - FRIDGE.powerW / 3 + fridgeW + params.noiseFraction * meanW * live.noise;
    phaseW[0] = phaseW[1] = phaseW[2] = 0;
    let totalW = Math.max(params.baseW, smoothW);
    if (params.phases === 3) {
      const thirdW = totalW / 3;
      phaseW[0] = phaseW[1] = phaseW[2] = thirdW;
    } else {
      phaseW[0] = totalW;
    }
    const tMs = live.tMs;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.startMs <= tMs && tMs < e.endMs) {
        const idx = params.phases === 3 ? e.phase : 0;
        phaseW[idx] = (phaseW[idx] ?? 0) + e.powerW;
        totalW += e.powerW;
      }
    }
    live.totalW = totalW;
    snapshot = null;
  }

  function startEvent(atMs: number): void {
    let pick = rng.next();
    const appliance = APPLIANCES.find((a) => (pick -= a.weight) < 0) ?? APPLIANCES[0]!;
    const phase = rng.int(3);
    let begin = atMs;
    for (const stage of appliance.stages) {
      const powerW = rng.uniform(stage.powerW[0], stage.powerW[1]);
      const durationMs = rng.uniform(stage.minutes[0], stage.minutes[1]) * 60_000;
      events.push({ startMs: begin, endMs: begin + durationMs, powerW, phase });
      begin += durationMs;
    }
  }

  /** Drops the events that are over. Its own function: a closure in step would cost a context at every call. */
  const dropEndedEvents = (): void => {
    events = events.filter((e) => e.endMs > live.tMs);
  };

  const step = (targetMs: number): void => {
    const dtS = (targetMs - live.tMs) / 1000;
    if (dtS <= 0) return;
    if (dtS !== ou.dtS) {
      ou.dtS = dtS;
      ou.decay = Math.exp(-dtS / params.noiseTauS);
      ou.noiseScale = Math.sqrt(1 - ou.decay * ou.decay);
    }
    live.noise = live.noise * ou.decay + ou.noiseScale * rng.normal();
    if (!(targetMs >= profile.startMs && targetMs < profile.checkMs)) refresh(targetMs);
    // fridgeOn with the fridge's cycle kept as the minute is: floor only when the step leaves the cycle.
    if (!(targetMs >= fridgeCycle.startMs && targetMs < fridgeCycle.checkMs)) {
      fridgeCycle.startMs = Math.floor(targetMs / FRIDGE.periodMs) * FRIDGE.periodMs;
      fridgeCycle.checkMs = fridgeCycle.startMs + FRIDGE.periodMs - 1;
    }
    const fridgeRuns = targetMs - fridgeCycle.startMs < FRIDGE.onMs;
    // Mean event power [W]: the events' share of the profile, less what the floor at baseW already adds.
    const eventMeanW = Math.max(0, params.eventShare * profile.meanW - (fridgeRuns ? profile.liftOnW : profile.liftOffW));
    // Non-homogeneous Poisson by time rescaling: events fire when the integrated rate crosses an Exp(1) threshold.
    live.hazard += (eventMeanW / MEAN_EVENT_WH) * (dtS / 3600);
    while (live.hazard >= threshold) {
      live.hazard -= threshold;
      threshold = rng.exponential(1);
      startEvent(targetMs);
    }
    live.tMs = targetMs;
    if (events.length > 0 && hasEnded(events, targetMs)) dropEndedEvents();
    compute(fridgeRuns);
  };
  const advance = (targetMs: number): number => {
    step(targetMs);
    return live.totalW;
  };
  const load = (): HouseholdLoad => {
    snapshot ??= { phaseW: [phaseW[0]!, phaseW[1]!, phaseW[2]!], totalW: live.totalW };
    return snapshot;
  };
  const advanceTo = (targetMs: number): HouseholdLoad => {
    advance(targetMs);
    return load();
  };
  const now = live as Readonly<{ totalW: number }>;
  return {
    advanceTo,
    advance,
    step,
    now,
    phaseW: phaseW as readonly number[],
    get load(): HouseholdLoad {
      return load();
    },
    get totalW(): number {
      return live.totalW;
    },
  } satisfies HouseholdModel;
}
