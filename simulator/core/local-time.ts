/**
 * Local civil time for the Netherlands (CET/CEST) computed from simulated UTC milliseconds,
 * with the EU rule: summer time from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
 * Pure integer arithmetic on days (no Date, no Intl, no host time zone): the simulation asks for the
 * time of day at every step, and allocating a Date each time was a large share of a simulated year's cost.
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

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function utcOffsetHours(tMs: number): 1 | 2 {
  const year = civilDate(Math.floor(tMs / DAY_MS)).year;
  return tMs >= lastSundayUtc(year, 3) && tMs < lastSundayUtc(year, 10) ? 2 : 1;
}

/**
 * The stretch of UTC time around `tMs` with one UTC offset: from the start of the year or a change of summer time
 * to the next change or the next year, as instants [ms]; utcOffsetHours is `offsetH` throughout [fromMs, toMs).
 */
export function utcOffsetSpan(tMs: number): { readonly offsetH: 1 | 2; readonly fromMs: number; readonly toMs: number } {
  const year = civilDate(Math.floor(tMs / DAY_MS)).year;
  const summerFromMs = lastSundayUtc(year, 3);
  const summerToMs = lastSundayUtc(year, 10);
  if (tMs < summerFromMs) return { offsetH: 1, fromMs: daysFromCivil(year, 1, 1) * DAY_MS, toMs: summerFromMs };
  if (tMs < summerToMs) return { offsetH: 2, fromMs: summerFromMs, toMs: summerToMs };
  return { offsetH: 1, fromMs: summerToMs, toMs: daysFromCivil(year + 1, 1, 1) * DAY_MS };
}

export function localTime(tMs: number): LocalTime {
  const offsetH = utcOffsetHours(tMs);
  const localMs = tMs + offsetH * HOUR_MS;
  const days = Math.floor(localMs / DAY_MS);
  const { year, month, day, dayOfYear } = civilDate(days);
  const startOfDayLocal = days * DAY_MS;
  return {
    offsetH,
    hour: (localMs - startOfDayLocal) / HOUR_MS,
    weekday: weekdayOf(days),
    dayOfYear,
    date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    midnightMs: startOfDayLocal - utcOffsetHours(startOfDayLocal - HOUR_MS) * HOUR_MS,
  };
}

/** The local hour, weekday and day of year of localTime, without the date string and midnight it also works out. */
export function localClock(tMs: number): Pick<LocalTime, 'hour' | 'weekday' | 'dayOfYear'> {
  const localMs = tMs + utcOffsetHours(tMs) * HOUR_MS;
  const days = Math.floor(localMs / DAY_MS);
  return { hour: (localMs - days * DAY_MS) / HOUR_MS, weekday: weekdayOf(days), dayOfYear: civilDate(days).dayOfYear };
}

/** Day of year (1..366) of a UTC instant. */
export function utcDayOfYear(tMs: number): number {
  return civilDate(Math.floor(tMs / DAY_MS)).dayOfYear;
}

interface CivilDate {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
  /** 1..366 */
  readonly dayOfYear: number;
}

/**
 * The proleptic Gregorian date of a day number (days since 1970-01-01).
 * @see https://howardhinnant.github.io/date_algorithms.html#civil_from_days
 */
function civilDate(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  // Day of a year that starts on 1 March, so that the leap day comes last.
  const dayOfMarchYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfMarchYear + 2) / 153);
  const day = dayOfMarchYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  // 1 March is day 60, or 61 in a leap year; January and February close the March-based year.
  const dayOfYear = month <= 2 ? dayOfMarchYear - 305 : dayOfMarchYear + 60 + (isLeapYear(year) ? 1 : 0);
  return { year, month, day, dayOfYear };
}

/** Day number (days since 1970-01-01) of a proleptic Gregorian date; `day` may be 0 for the month's eve. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfMarchYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfMarchYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** 0 = Sunday; 1970-01-01 was a Thursday. */
function weekdayOf(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** 01:00 UTC on the last Sunday of the month (1-based: 3 = March) of the year. */
function lastSundayUtc(year: number, month: number): number {
  const lastDay = daysFromCivil(year, month + 1, 0);
  return (lastDay - weekdayOf(lastDay)) * DAY_MS + HOUR_MS;
}
