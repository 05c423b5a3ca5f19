/**
 * PV generation (physics.md §4.2): clear-sky GHI (Haurwitz) from the sun's position over the Netherlands,
 * times a clear-sky index that follows an OU process whose mean, spread and time constant come from the
 * day's weather type (clear, overcast, mixed), clipped to [0.05, 1.15].
 */
import { mergeParams } from './errors.ts';
import { withGetters } from './fast-object.ts';
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

/**
 * Whether the sun is surely down: more than a minute outside the day's sunrise–sunset window, so that cos Z is
 * negative by far more than its rounding. Lets the night skip the cosine; inside the margin cos Z decides.
 */
function surelyNight(day: SolarDay, utcHour: number): boolean {
  const fromNoonH = utcHour - day.noonUtcH;
  const wrappedH = fromNoonH - Math.floor((fromNoonH + 12) / 24) * 24;
  return Math.abs(wrappedH) > day.halfDayH + 1 / 60;
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

export function createPvModel(params: PvParams, rng: RandomStream, startMs: number): PvModel {
  // What changes at every step lives in one object: V8 boxes a closure's `let` number anew on every write.
  const live = { tMs: startMs, x: 0, lastUpdateMs: startMs, powerW: 0 };
  let day = NaN;
  let sun: SolarDay = solarDay(params, utcDayOfYear(startMs));
  let weather: WeatherType = 'mixed';
  let w = WEATHER[weather];
  // The OU decay over a gap, cached: the gap is the site's step size except after a night.
  let decayGapMs = NaN;
  let decayWeather: WeatherType | null = null;
  let decay = 0;
  let noiseScale = 0;

  const drawWeather = (doy: number): void => {
    const summer = 0.5 * (1 + Math.cos((2 * Math.PI * (doy - 172)) / 365));
    const pClear = 0.15 + 0.2 * summer;
    const pOvercast = 0.45 - 0.25 * summer;
    const u = rng.next();
    weather = u < pClear ? 'clear' : u < pClear + pOvercast ? 'overcast' : 'mixed';
    w = WEATHER[weather];
  };

  const compute = (): number => {
    const dayIndex = Math.floor(live.tMs / 86_400_000);
    if (dayIndex !== day) {
      day = dayIndex;
      const doy = utcDayOfYear(live.tMs);
      sun = solarDay(params, doy);
      drawWeather(doy);
    }
    const utcHour = utcHourOf(live.tMs);
    if (params.peakW === 0 || surelyNight(sun, utcHour)) return 0;
    const cosZ = cosZenithAt(sun, params, utcHour);
    if (cosZ <= 0) return 0;
    // The index only matters in daylight: update the OU exactly over the whole gap since the last daylight step.
    const gapMs = live.tMs - live.lastUpdateMs;
    if (gapMs !== decayGapMs || weather !== decayWeather) {
      decayGapMs = gapMs;
      decayWeather = weather;
      decay = Math.exp(-gapMs / 1000 / w.tauS);
      noiseScale = w.sigma * Math.sqrt(1 - decay * decay);
    }
    live.x = live.x * decay + noiseScale * rng.normal();
    live.lastUpdateMs = live.tMs;
    const k = Math.min(1.15, Math.max(0.05, w.mu + live.x));
    return Math.min(params.inverterMaxW, (params.peakW * params.systemFactor * clearSkyGhi(cosZ) * k) / 1000);
  };

  live.powerW = compute();
  const advanceTo = (targetMs: number): number => {
    if (targetMs <= live.tMs) return live.powerW;
    live.tMs = targetMs;
    live.powerW = compute();
    return live.powerW;
  };
  return withGetters({ advanceTo }, { powerW: () => live.powerW, weather: () => weather }) satisfies PvModel;
}
