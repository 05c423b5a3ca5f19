/**
 * PV generation (docs/physics.md §4.2): clear-sky GHI (Haurwitz) from the sun's position over the Netherlands,
 * times a clear-sky index that follows an OU process whose mean, spread and time constant come from the
 * day's weather type (clear, overcast, mixed), clipped to [0.05, 1.15].
 */
import { mergeParams } from './errors.ts';
import { utcDayOfYear } from './local-time.ts';
import type { RandomStream } from './rng.ts';

export interface PvParams {
  /** Installed peak power [W]; 0 for a house without PV. */
  readonly peakW: number;
  /** PV inverter's AC limit [W]. */
  readonly inverterMaxW: number;
  /** System factor from GHI to AC (k_sys). */
  readonly systemFactor: number;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  /** Phase the PV inverter feeds: 1..3, or 0 for a symmetric three-phase inverter. */
  readonly phase: number;
}

export const DEFAULT_PV: PvParams = Object.freeze({
  peakW: 4000,
  inverterMaxW: 3600,
  systemFactor: 0.855,
  latitudeDeg: 52.1,
  longitudeDeg: 5.2,
  phase: 1,
});

export function buildPvParams(overrides?: Partial<PvParams>): PvParams {
  return mergeParams('pv', DEFAULT_PV, overrides, {
    peakW: [0, 1e7],
    inverterMaxW: [0, 1e7],
    systemFactor: [0, 2],
    latitudeDeg: [-90, 90],
    longitudeDeg: [-180, 180],
    phase: [0, 3],
  });
}

export type WeatherType = 'clear' | 'overcast' | 'mixed';
const WEATHER: Record<WeatherType, { mu: number; sigma: number; tauS: number }> = {
  clear: { mu: 0.97, sigma: 0.03, tauS: 30 * 60 },
  overcast: { mu: 0.25, sigma: 0.1, tauS: 20 * 60 },
  mixed: { mu: 0.6, sigma: 0.3, tauS: 8 * 60 },
};

/** Cosine of the solar zenith angle at a UTC instant. */
export function cosZenith(params: PvParams, tMs: number): number {
  return cosZenithAt(solarDay(params, utcDayOfYear(tMs)), params, utcHourOf(tMs));
}

/** What holds for a whole day: the parts of cos Z, sin φ·sin δ and cos φ·cos δ, and when the sun is up. */
interface SolarDay {
  readonly sinProduct: number;
  readonly cosProduct: number;
  /** UTC hour of solar noon. */
  readonly noonUtcH: number;
  /** Half the length of the day [h]: −Infinity in polar night, Infinity under the midnight sun. */
  readonly halfDayH: number;
}

function solarDay(params: PvParams, doy: number): SolarDay {
  const decl = ((23.44 * Math.PI) / 180) * Math.sin((2 * Math.PI * (284 + doy)) / 365);
  const lat = (params.latitudeDeg * Math.PI) / 180;
  const sinProduct = Math.sin(lat) * Math.sin(decl);
  const cosProduct = Math.cos(lat) * Math.cos(decl);
  // The sun is up while cos ω > −sinProduct/cosProduct (the sunrise equation).
  const cosHalfDay = cosProduct > 0 ? -sinProduct / cosProduct : sinProduct > 0 ? -Infinity : Infinity;
  const halfDayH = cosHalfDay >= 1 ? -Infinity : cosHalfDay <= -1 ? Infinity : (Math.acos(cosHalfDay) * 12) / Math.PI;
  return { sinProduct, cosProduct, noonUtcH: 12 - params.longitudeDeg / 15, halfDayH };
}

/** UTC hour of day; tMs − floor(tMs/day)·day rather than %, which V8 runs as a slow fmod call for doubles (both exact). */
function utcHourOf(tMs: number): number {
  return (tMs - Math.floor(tMs / 86_400_000) * 86_400_000) / 3_600_000;
}

/** cos Z = sin φ sin δ + cos φ cos δ cos ω, with the hour angle ω from the UTC hour and the longitude. */
function cosZenithAt(day: SolarDay, params: PvParams, utcHour: number): number {
  const solarHour = utcHour + params.longitudeDeg / 15;
  const ha = ((15 * (solarHour - 12)) * Math.PI) / 180;
  return day.sinProduct + day.cosProduct * Math.cos(ha);
}

/** Clear-sky global horizontal irradiance [W/m²] (Haurwitz). @see pvlib.clearsky.haurwitz */
export function clearSkyGhi(cosZ: number): number {
  return cosZ > 0 ? 1098 * cosZ * Math.exp(-0.059 / cosZ) : 0;
}

export interface PvModel {
  /** PV AC output now [W]. */
  readonly powerW: number;
  readonly weather: WeatherType;
  advanceTo(tMs: number): number;
}

/** A PvModel with what a simulation's inner loop needs. */
export interface PvStepper extends PvModel {
  /** advanceTo without the return value (a double returned from a call V8 does not inline costs a heap box): read `now`. */
  step(tMs: number): void;
  /** PV AC output now [W], as a field that step() rewrites. */
  readonly now: Readonly<{ powerW: number }>;
}

/**
 * cos ω per whole second of the UTC day for each longitude [degrees], NaN until a model fills it. One table per
 * longitude for the whole process, not per model: 675 KiB a household otherwise, which a process running hundreds
 * of sites cannot afford (bench/emulator-memory.ts). An entry depends on the longitude and the second alone.
 */
const HOUR_ANGLE_COS = new Map<number, Float64Array>();

function hourAngleCosTableFor(longitudeDeg: number): Float64Array {
  let table = HOUR_ANGLE_COS.get(longitudeDeg);
  if (table === undefined) HOUR_ANGLE_COS.set(longitudeDeg, (table = new Float64Array(86_400).fill(NaN)));
  return table;
}

export function createPvModel(params: PvParams, rng: RandomStream, startMs: number): PvStepper {
  // What changes at every step lives in one object: V8 boxes a closure's `let` number anew on every write.
  const live = { tMs: startMs, x: 0, lastUpdateMs: startMs, powerW: 0 };
  /**
   * The UTC day the model is in, and what holds for all of it. startMs is day·86 400 000 with day = floor(tMs/day):
   * the same double utcHourOf subtracts, so the hour of day comes out bit for bit the same without a floor per step.
   * Outside [fromMs, toMs] the sun is surely down: more than a minute outside the sunrise equation's window, so
   * cos Z is negative by far more than its rounding (an empty window in polar night). Inside, cos Z decides.
   */
  const today = { index: NaN, startMs: NaN, nextCheckMs: -Infinity, fromMs: 0, toMs: 0, sinProduct: 0, cosProduct: 0 };
  let weather: WeatherType = 'mixed';
  let w = WEATHER[weather];
  // The OU decay over a gap, cached: the gap is the site's step size except after a night.
  const ou = { gapMs: NaN, decay: 0, noiseScale: 0 };
  let decayWeather: WeatherType | null = null;
  const hourAngleOffsetH = params.longitudeDeg / 15;
  /** cos ω as cosZenithAt works it out, from the time since UTC midnight [ms]. */
  const cosHourAngleAt = (sinceMidnightMs: number): number => {
    const utcHour = sinceMidnightMs / 3_600_000;
    const solarHour = utcHour + hourAngleOffsetH;
    return Math.cos((15 * (solarHour - 12) * Math.PI) / 180);
  };
  // cos ω per whole second of the UTC day, filled as daylight reaches it: Math.cos was the costliest line of a
  // site's step. 86 400 doubles (675 KiB), allocated at the first daylight step and shared by every model at the
  // same longitude (HOUR_ANGLE_COS): each second's entry is the same number whichever model writes it.
  let hourAngleCos: Float64Array | null = null;
  const peakFactor = params.peakW * params.systemFactor;

  const drawWeather = (doy: number): void => {
    const summer = 0.5 * (1 + Math.cos((2 * Math.PI * (doy - 172)) / 365));
    const pClear = 0.15 + 0.2 * summer;
    const pOvercast = 0.45 - 0.25 * summer;
    const u = rng.next();
    weather = u < pClear ? 'clear' : u < pClear + pOvercast ? 'overcast' : 'mixed';
    w = WEATHER[weather];
  };

  /** Enters the UTC day of `tMs` if it is another one: the sun's day terms, the daylight window and a new weather type. */
  const enterDay = (tMs: number): void => {
    const dayIndex = Math.floor(tMs / 86_400_000);
    // Checked again a millisecond before the next midnight: floor may round up to the next day just below it.
    today.nextCheckMs = (dayIndex + 1) * 86_400_000 - 1;
    if (dayIndex === today.index) return;
    today.index = dayIndex;
    today.startMs = dayIndex * 86_400_000;
    const doy = utcDayOfYear(tMs);
    const sun = solarDay(params, doy);
    today.sinProduct = sun.sinProduct;
    today.cosProduct = sun.cosProduct;
    const fromH = sun.noonUtcH - sun.halfDayH - 1 / 60;
    const toH = sun.noonUtcH + sun.halfDayH + 1 / 60;
    if (sun.halfDayH === -Infinity) {
      today.fromMs = Infinity;
      today.toMs = -Infinity;
    } else if (fromH >= 0 && toH < 24) {
      today.fromMs = today.startMs + fromH * 3_600_000;
      today.toMs = today.startMs + toH * 3_600_000;
    } else {
      // Midnight sun, or a window across UTC midnight (far from Greenwich): cos Z decides at every step.
      today.fromMs = -Infinity;
      today.toMs = Infinity;
    }
    drawWeather(doy);
  };

  /**
   * Works out the output at live.tMs into live.powerW [W]: clearSkyGhi(cosZenith) times the clear-sky index, as the
   * exported functions compute them. It writes rather than returns: a double returned from a call costs a heap box.
   */
  const compute = (): void => {
    const tMs = live.tMs;
    if (tMs >= today.nextCheckMs || tMs < today.startMs) enterDay(tMs);
    if (params.peakW === 0 || tMs < today.fromMs || tMs > today.toMs) {
      live.powerW = 0;
      return;
    }
    const sinceMidnightMs = tMs - today.startMs;
    const second = sinceMidnightMs / 1000;
    let cosHourAngle: number;
    if (Number.isInteger(second) && second * 1000 === sinceMidnightMs) {
      // A whole second of the UTC day: the hour angle's cosine is the same on every day, worked out once.
      hourAngleCos ??= hourAngleCosTableFor(params.longitudeDeg);
      cosHourAngle = hourAngleCos[second]!;
      // The unary plus gives V8 a number where the paths join: a call's result has no known type, and joining
      // the table's double with it would box the double at every step.
      if (Number.isNaN(cosHourAngle)) cosHourAngle = hourAngleCos[second] = +cosHourAngleAt(sinceMidnightMs);
    } else {
      cosHourAngle = +cosHourAngleAt(sinceMidnightMs);
    }
    const cosZ = today.sinProduct + today.cosProduct * cosHourAngle;
    if (cosZ <= 0) {
      live.powerW = 0;
      return;
    }
    // The index only matters in daylight: update the OU exactly over the whole gap since the last daylight step.
    const gapMs = tMs - live.lastUpdateMs;
    if (gapMs !== ou.gapMs || weather !== decayWeather) {
      ou.gapMs = gapMs;
      decayWeather = weather;
      ou.decay = Math.exp(-gapMs / 1000 / w.tauS);
      ou.noiseScale = w.sigma * Math.sqrt(1 - ou.decay * ou.decay);
    }
    live.x = live.x * ou.decay + ou.noiseScale * rng.normal();
    live.lastUpdateMs = tMs;
    const k = Math.min(1.15, Math.max(0.05, w.mu + live.x));
    const ghi = 1098 * cosZ * Math.exp(-0.059 / cosZ);
    live.powerW = Math.min(params.inverterMaxW, (peakFactor * ghi * k) / 1000);
  };

  compute();
  const step = (targetMs: number): void => {
    if (targetMs > live.tMs) {
      live.tMs = targetMs;
      compute();
    }
  };
  const advanceTo = (targetMs: number): number => {
    step(targetMs);
    return live.powerW;
  };
  const now = live as Readonly<{ powerW: number }>;
  return {
    advanceTo,
    step,
    now,
    get powerW(): number {
      return live.powerW;
    },
    get weather() {
      return weather;
    },
  } satisfies PvStepper;
}
