/**
 * Local civil time for the Netherlands (CET/CEST) computed from simulated UTC milliseconds,
 * with the EU rule: summer time from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
 * Pure arithmetic: no Intl, no host time zone.
 */
export interface LocalTime {
  /** Offset from UTC [h]: 1 or 2. */
  readonly offsetH: number;
  /** Hour of day as a fraction, 0 ≤ hour < 24. */
  readonly hour: number;
  /** Day of the week, 0 = Sunday. */
  readonly weekday: number;
  /** Day of the year, 1..366. */
  readonly dayOfYear: number;
  /** Local date as YYYY-MM-DD. */
  readonly date: string;
  /** Epoch ms of the local day's midnight. */
  readonly midnightMs: number;
}

export function utcOffsetHours(tMs: number): 1 | 2 {
  const year = new Date(tMs).getUTCFullYear();
  return tMs >= lastSundayUtc(year, 2) && tMs < lastSundayUtc(year, 9) ? 2 : 1;
}

export function localTime(tMs: number): LocalTime {
  const offsetH = utcOffsetHours(tMs);
  const local = new Date(tMs + offsetH * 3_600_000);
  const y = local.getUTCFullYear();
  const startOfDayLocal = Date.UTC(y, local.getUTCMonth(), local.getUTCDate());
  const hour = (tMs + offsetH * 3_600_000 - startOfDayLocal) / 3_600_000;
  return {
    offsetH,
    hour,
    weekday: local.getUTCDay(),
    dayOfYear: Math.floor((startOfDayLocal - Date.UTC(y, 0, 1)) / 86_400_000) + 1,
    date: local.toISOString().slice(0, 10),
    midnightMs: startOfDayLocal - utcOffsetHours(startOfDayLocal - 3_600_000) * 3_600_000,
  };
}

/** Day of year (1..366) of a UTC instant. */
export function utcDayOfYear(tMs: number): number {
  const d = new Date(tMs);
  return Math.floor((tMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** 01:00 UTC on the last Sunday of the month (0-based) of the year. */
function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}
