/** The Homevolt wire's unit conversions, and the sensors' local time stamps across summer time and the year. */
import { describe, expect, it } from 'vitest';
import { centiPercent, deciC, localTimestamp, milliHz, r2 } from '../../simulator/http/homevolt/wire-units.ts';

describe('localTimestamp', () => {
  it.each([
    ['winter (CET, +1 h)', Date.UTC(2026, 0, 15, 11, 5, 9, 7), '2026-01-15 12:05:09.007'],
    ['summer (CEST, +2 h)', Date.UTC(2026, 5, 1, 22, 0, 0, 120), '2026-06-02 00:00:00.120'],
    ['the last second before summer time', Date.UTC(2026, 2, 29, 0, 59, 59, 999), '2026-03-29 01:59:59.999'],
    ['the first second of summer time', Date.UTC(2026, 2, 29, 1, 0, 0, 0), '2026-03-29 03:00:00.000'],
    ['the last second of summer time', Date.UTC(2026, 9, 25, 0, 59, 59, 500), '2026-10-25 02:59:59.500'],
    ['the first second after it', Date.UTC(2026, 9, 25, 1, 0, 0, 0), '2026-10-25 02:00:00.000'],
    ['new year, local', Date.UTC(2026, 11, 31, 23, 0, 0, 1), '2027-01-01 00:00:00.001'],
    ['a fraction of a millisecond, dropped as Date does', Date.UTC(2026, 0, 1, 0, 0, 0, 5) + 0.75, '2026-01-01 01:00:00.005'],
  ])('stamps %s', (_when, ms, text) => {
    expect(localTimestamp(ms)).toBe(text);
  });

  it('gives the same text whatever was stamped before (its caches follow the hour and the day)', () => {
    const ms = Date.UTC(2026, 2, 29, 1, 30, 0, 0);
    const alone = localTimestamp(ms);
    localTimestamp(Date.UTC(2026, 2, 29, 0, 30, 0, 0));
    localTimestamp(Date.UTC(2025, 6, 1));
    expect(localTimestamp(ms)).toBe(alone);
    expect(alone).toBe('2026-03-29 03:30:00.000');
  });
});

describe('wire units', () => {
  it('rounds once into the firmware integers', () => {
    expect([centiPercent(0.68), deciC(20.54), milliHz(49.9984), r2(1.005 * 1000) / 1000]).toEqual([6800, 205, 49998, 1.005]);
  });
});
