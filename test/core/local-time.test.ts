import { describe, expect, it } from 'vitest';
import { localClock, localTime, utcDayOfYear, utcOffsetHours, utcOffsetSpan } from '../../simulator/core/index.ts';

const utc = (iso: string): number => Date.parse(iso);

describe('utcOffsetHours', () => {
  // EU rule: summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
  it.each([
    ['2026-03-29T00:59:59.999Z', 1],
    ['2026-03-29T01:00:00.000Z', 2],
    ['2026-10-25T00:59:59.999Z', 2],
    ['2026-10-25T01:00:00.000Z', 1],
    ['2025-03-30T00:59:59.999Z', 1],
    ['2025-03-30T01:00:00.000Z', 2],
    ['2025-10-26T00:59:59.999Z', 2],
    ['2025-10-26T01:00:00.000Z', 1],
    ['2024-03-31T01:00:00.000Z', 2],
    ['2024-10-27T01:00:00.000Z', 1],
    ['2026-01-15T12:00:00.000Z', 1],
    ['2026-07-15T12:00:00.000Z', 2],
  ])('is %s → UTC+%i', (iso, offset) => {
    expect(utcOffsetHours(utc(iso))).toBe(offset);
  });
});

describe('localTime', () => {
  it('gives the local hour, weekday, day of year and date in winter (UTC+1)', () => {
    const lt = localTime(utc('2026-01-01T23:30:00Z'));
    expect(lt).toEqual({
      offsetH: 1,
      hour: 0.5,
      weekday: 5, // Friday 2 January 2026
      dayOfYear: 2,
      date: '2026-01-02',
      midnightMs: utc('2026-01-01T23:00:00Z'),
    });
  });

  it('gives local midnight two hours before UTC midnight in summer', () => {
    const lt = localTime(utc('2026-06-01T12:00:00Z'));
    expect(lt.hour).toBe(14);
    expect(lt.midnightMs).toBe(utc('2026-05-31T22:00:00Z'));
    expect(lt.date).toBe('2026-06-01');
  });

  it('skips 02:00–03:00 on the spring switch day, whose local day lasts 23 hours', () => {
    const before = localTime(utc('2026-03-29T00:59:00Z'));
    const after = localTime(utc('2026-03-29T01:00:00Z'));
    expect(before.hour).toBeCloseTo(1 + 59 / 60, 12);
    expect(after.hour).toBe(3);
    expect(before.midnightMs).toBe(after.midnightMs);
    expect(after.midnightMs).toBe(utc('2026-03-28T23:00:00Z'));
    expect(localTime(utc('2026-03-29T23:00:00Z')).midnightMs - after.midnightMs).toBe(23 * 3_600_000);
  });

  it('repeats 02:00–03:00 on the autumn switch day, whose local day lasts 25 hours', () => {
    const first = localTime(utc('2026-10-25T00:30:00Z'));
    const second = localTime(utc('2026-10-25T01:30:00Z'));
    expect(first.hour).toBe(2.5);
    expect(second.hour).toBe(2.5);
    expect(first.offsetH).toBe(2);
    expect(second.offsetH).toBe(1);
    expect(second.midnightMs).toBe(utc('2026-10-24T22:00:00Z'));
    expect(localTime(utc('2026-10-25T23:00:00Z')).midnightMs - second.midnightMs).toBe(25 * 3_600_000);
  });
});

describe('localClock', () => {
  it('gives the hour, weekday and day of year of localTime, around both DST switches', () => {
    for (let t = utc('2026-03-28T20:00:00Z'); t < utc('2026-03-29T06:00:00Z'); t += 1_234_567) {
      const { hour, weekday, dayOfYear } = localTime(t);
      expect(localClock(t)).toEqual({ hour, weekday, dayOfYear });
    }
    for (let t = utc('2026-10-24T20:00:00Z'); t < utc('2026-10-25T06:00:00Z'); t += 1_234_567) {
      const { hour, weekday, dayOfYear } = localTime(t);
      expect(localClock(t)).toEqual({ hour, weekday, dayOfYear });
    }
  });
});

describe('utcDayOfYear', () => {
  it.each([
    ['2026-01-01T00:00:00Z', 1],
    ['2026-01-01T23:59:59.999Z', 1],
    ['2026-03-01T00:00:00Z', 60],
    ['2026-12-31T23:59:59Z', 365],
    ['2028-02-29T12:00:00Z', 60],
    ['2028-12-31T12:00:00Z', 366],
    ['1999-12-31T12:00:00Z', 365],
  ])('is %s → day %i', (iso, doy) => {
    expect(utcDayOfYear(utc(iso))).toBe(doy);
  });
});

describe('utcOffsetSpan', () => {
  it('contains the instant and has utcOffsetHours’s offset throughout, from end to end, over three years', () => {
    const wrong: string[] = [];
    for (let t = utc('2025-01-01T00:00:00Z'); t < utc('2028-01-01T00:00:00Z'); t += 3_600_000 + 17_000) {
      const span = utcOffsetSpan(t);
      const ok = span.fromMs <= t && t < span.toMs && [t, span.fromMs, span.toMs - 1].every((x) => utcOffsetHours(x) === span.offsetH);
      if (!ok) wrong.push(new Date(t).toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it('ends at the change to summer time and at the new year', () => {
    expect(utcOffsetSpan(utc('2026-02-01T00:00:00Z'))).toEqual({ offsetH: 1, fromMs: utc('2026-01-01T00:00:00Z'), toMs: utc('2026-03-29T01:00:00Z') });
    expect(utcOffsetSpan(utc('2026-11-01T00:00:00Z'))).toEqual({ offsetH: 1, fromMs: utc('2026-10-25T01:00:00Z'), toMs: utc('2027-01-01T00:00:00Z') });
  });
});
