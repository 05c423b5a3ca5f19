/** Conversions from SI to the Homevolt wire units (docs/homevolt.md §0.3, §3.2). */
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
/** The UTC hour whose offset is known (summer time changes on a whole UTC hour), and the local day's date text. */
let offsetHourKey = Number.NaN;
let offsetMs = 0;
let dayKey = Number.NaN;
let dayText = '';

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Local time "YYYY-MM-DD HH:MM:SS.mmm" (CET/CEST) of epoch ms, as sensors[].timestamp_str. */
export function localTimestamp(ms: number): string {
  // Every /ems.json stamps several sensors: the offset is looked up once an hour and the date once a day.
  const hourKey = Math.floor(ms / 3_600_000);
  if (hourKey !== offsetHourKey) {
    offsetMs = localTime(hourKey * 3_600_000).offsetH * 3_600_000;
    offsetHourKey = hourKey;
  }
  const local = Math.floor(ms) + offsetMs; // Date drops fractions of a millisecond too
  const day = Math.floor(local / 86_400_000);
  if (day !== dayKey) {
    dayText = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dayKey = day;
  }
  let rest = local - day * 86_400_000;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${dayText} ${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}`;
}
