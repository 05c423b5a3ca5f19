import { describe, expect, it } from 'vitest';
import { DEFAULT_START_MS } from '../../simulator/core/index.ts';
import { parseStartText, resolveStartMs } from '../../simulator/runtime/start-time.ts';

const utc = (iso: string): number => Date.parse(iso);

describe('parseStartText', () => {
  it.each([
    ['now', 'now'],
    ['2026-12-02T05:30:00Z', utc('2026-12-02T05:30:00Z')],
    ['2026-12-02T05:30Z', utc('2026-12-02T05:30:00Z')],
    ['2026-12-02T05:30:00.250Z', utc('2026-12-02T05:30:00.250Z')],
    ['2026-03-29T03:30:00+02:00', utc('2026-03-29T01:30:00Z')],
    // A date is local midnight in the devices' time zone (CET/CEST), also on the days summer time starts and ends.
    ['2026-03-29', utc('2026-03-28T23:00:00Z')],
    ['2026-07-01', utc('2026-06-30T22:00:00Z')],
    ['2026-10-25', utc('2026-10-24T22:00:00Z')],
  ])('reads %s', (text, expected) => {
    expect(parseStartText(text)).toBe(expected);
  });

  it.each([['yesterday'], ['2026-02-30'], ['2026-13-01'], ['2026-03-29T25:00:00Z'], ['2026-03-29T01:30:00'], ['1969-12-31'], [''], ['2026-3-29']])(
    'refuses %j with a message that shows the accepted forms',
    (text) => {
      const parsed = parseStartText(text);
      expect(parsed).toMatchObject({ error: expect.stringContaining('2026-03-29T01:30:00Z') });
    },
  );
});

describe('resolveStartMs', () => {
  const hostNowMs = () => utc('2026-12-02T05:30:12.345Z');

  it('starts a manual clock at the fixed default, so that a seed gives the same day every run', () => {
    expect(resolveStartMs(undefined, 'manual', hostNowMs)).toBe(DEFAULT_START_MS);
  });

  it('starts a scaled clock at the host’s now, as a device on NTP time is (issue 14)', () => {
    expect(resolveStartMs(undefined, 1, hostNowMs)).toBe(utc('2026-12-02T05:30:12.345Z'));
    expect(resolveStartMs(undefined, 60, hostNowMs)).toBe(utc('2026-12-02T05:30:12.345Z'));
  });

  it('takes "now" or a time given, whatever the clock', () => {
    expect(resolveStartMs('now', 'manual', hostNowMs)).toBe(utc('2026-12-02T05:30:12.345Z'));
    expect(resolveStartMs('2026-03-29', 1, hostNowMs)).toBe(utc('2026-03-28T23:00:00Z'));
    expect(resolveStartMs('soon', 1, hostNowMs)).toMatchObject({ error: expect.any(String) });
  });
});
