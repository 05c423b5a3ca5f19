/** Conversions from SI to the Homevolt wire units (homevolt.md §0.3, §3.2). */
import { localTime } from '../../core/index.ts';

/** Fraction 0..1 → centi-percent integer (6800 = 68.00 %). */
export const centiPercent = (fraction: number): number => Math.round(fraction * 10_000);
/** °C → deci-°C integer (205 = 20.5 °C). */
export const deciC = (c: number): number => Math.round(c * 10);
/** V → deci-V integer (2305 = 230.5 V). */
export const deciV = (v: number): number => Math.round(v * 10);
/** Hz → mHz integer (49998). */
export const milliHz = (hz: number): number => Math.round(hz * 1000);
/** Two decimals, as the firmware prints floats. */
export const r2 = (x: number): number => Math.round(x * 100) / 100;
/** Whole seconds of epoch ms, in ms (EMS data are stamped on the second). */
export const floorSecondMs = (ms: number): number => Math.floor(ms / 1000) * 1000;
/** Local time "YYYY-MM-DD HH:MM:SS.mmm" (CET/CEST) of epoch ms, as sensors[].timestamp_str. */
export function localTimestamp(ms: number): string {
  const offsetMs = localTime(ms).offsetH * 3_600_000;
  return new Date(ms + offsetMs).toISOString().replace('T', ' ').slice(0, 23);
}
