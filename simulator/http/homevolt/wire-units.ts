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
/** Seconds already formatted by localTimestamp: a payload stamps its sensors within two or three seconds. */
const secondTexts = new Map<number, string>();

/** Local time "YYYY-MM-DD HH:MM:SS.mmm" (CET/CEST) of epoch ms, as sensors[].timestamp_str. */
export function localTimestamp(ms: number): string {
  const secondMs = Math.floor(ms / 1000) * 1000;
  let text = secondTexts.get(secondMs);
  if (text === undefined) {
    const offsetMs = localTime(secondMs).offsetH * 3_600_000;
    text = new Date(secondMs + offsetMs).toISOString().replace('T', ' ').slice(0, 19);
    if (secondTexts.size >= 16) secondTexts.clear();
    secondTexts.set(secondMs, text);
  }
  const millis = Math.floor(ms - secondMs); // Date drops fractions of a millisecond too
  return `${text}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}`;
}
