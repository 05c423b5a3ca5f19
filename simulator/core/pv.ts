/**
 * PV generation (physics.md §4.2): clear-sky GHI (Haurwitz) from the sun's position over the Netherlands,
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
  const doy = utcDayOfYear(tMs);
  const decl = ((23.44 * Math.PI) / 180) * Math.sin((2 * Math.PI * (284 + doy)) / 365);
  const utcHour = (tMs % 86_400_000) / 3_600_000;
  const solarHour = utcHour + params.longitudeDeg / 15;
  const ha = ((15 * (solarHour - 12)) * Math.PI) / 180;
  const lat = (params.latitudeDeg * Math.PI) / 180;
  return Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * Math.cos(decl) * Math.cos(ha);
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
  let tMs = startMs;
  let day = NaN;
  let weather: WeatherType = 'mixed';
  let x = 0;
  let lastUpdateMs = startMs;
  let powerW = 0;

  const drawWeather = (doy: number): void => {
    const summer = 0.5 * (1 + Math.cos((2 * Math.PI * (doy - 172)) / 365));
    const pClear = 0.15 + 0.2 * summer;
    const pOvercast = 0.45 - 0.25 * summer;
    const u = rng.next();
    weather = u < pClear ? 'clear' : u < pClear + pOvercast ? 'overcast' : 'mixed';
  };

  const compute = (): number => {
    const dayIndex = Math.floor(tMs / 86_400_000);
    if (dayIndex !== day) {
      day = dayIndex;
      drawWeather(utcDayOfYear(tMs));
    }
    const cosZ = cosZenith(params, tMs);
    if (cosZ <= 0 || params.peakW === 0) return 0;
    // The index only matters in daylight: update the OU exactly over the whole gap since the last daylight step.
    const w = WEATHER[weather];
    const decay = Math.exp(-(tMs - lastUpdateMs) / 1000 / w.tauS);
    x = x * decay + w.sigma * Math.sqrt(1 - decay * decay) * rng.normal();
    lastUpdateMs = tMs;
    const k = Math.min(1.15, Math.max(0.05, w.mu + x));
    return Math.min(params.inverterMaxW, (params.peakW * params.systemFactor * clearSkyGhi(cosZ) * k) / 1000);
  };

  powerW = compute();
  return {
    get powerW() {
      return powerW;
    },
    get weather() {
      return weather;
    },
    advanceTo(targetMs) {
      if (targetMs <= tMs) return powerW;
      tMs = targetMs;
      powerW = compute();
      return powerW;
    },
  };
}
