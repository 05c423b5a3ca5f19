import { describe, expect, it } from 'vitest';
import { createPriceGenerator, createPriceTable, localTime, parsePriceFile, type PriceSource } from '../../simulator/core/index.ts';

const utc = (iso: string): number => Date.parse(iso);
const DAY_MS = 86_400_000;
const ORIGIN_MS = utc('2026-01-01T12:00:00Z');

/** Every slot of `days` consecutive local days from the origin. */
function slotsOf(source: PriceSource, days: number): number[] {
  const prices: number[] = [];
  for (let d = 0; d < days; d++) for (const s of source.dayPrices(ORIGIN_MS + d * DAY_MS)) prices.push(s.eurPerMWh);
  return prices;
}

describe('createPriceGenerator', () => {
  // The AR(1) day level (φ = 0.85, σ = 18 €/MWh) moves a single year's mean by σ ≈ 6.6 €/MWh, as much as the
  // tolerance; over ten years that shrinks to ≈ 2 €/MWh, so the generator's own mean is what the test sees.
  const decade = slotsOf(createPriceGenerator(42), 3650);

  it('has a long-run mean of 86 ± 6 €/MWh (docs/physics.md §5.2; NL 2025 ≈ 88)', () => {
    const mean = decade.reduce((a, p) => a + p, 0) / decade.length;
    expect(mean).toBeGreaterThan(80);
    expect(mean).toBeLessThan(92);
  });

  it('has 5–11 % negative slots (docs/physics.md §5.2: 7–8 %; NL 2025: 6.7 %)', () => {
    const negative = decade.filter((p) => p < 0).length / decade.length;
    expect(negative).toBeGreaterThan(0.05);
    expect(negative).toBeLessThan(0.11);
  });

  it('never goes below the SDAC floor of −500 €/MWh and rounds to cents', () => {
    expect(decade.filter((p) => p < -500 || Math.round(p * 100) / 100 !== p)).toEqual([]);
  });

  it('is cheaper at 13:00 than at 19:00 on average (solar trough, evening peak)', () => {
    const gen = createPriceGenerator(42);
    let noon = 0;
    let evening = 0;
    for (let d = 0; d < 365; d++) {
      noon += gen.priceAt(utc('2026-01-01T12:00:00Z') + d * DAY_MS)!.eurPerMWh;
      evening += gen.priceAt(utc('2026-01-01T18:00:00Z') + d * DAY_MS)!.eurPerMWh;
    }
    expect(evening / 365 - noon / 365).toBeGreaterThan(40);
  });

  it.each([
    ['an ordinary day', 96, '2026-06-10T10:00:00Z'],
    ['the spring DST day (23 h)', 92, '2026-03-29T10:00:00Z'],
    ['the autumn DST day (25 h)', 100, '2026-10-25T10:00:00Z'],
  ])('gives %s %i quarter-hour slots from local midnight', (_what, count, iso) => {
    const slots = createPriceGenerator(1).dayPrices(utc(iso));
    expect(slots).toHaveLength(count);
    expect(slots[0]!.startMs).toBe(localTime(utc(iso)).midnightMs);
    slots.forEach((s, i) => {
      expect(s.durationMs).toBe(900_000);
      expect(s.startMs).toBe(slots[0]!.startMs + i * 900_000);
    });
  });

  it('gives the same prices for the same seed, whatever order the days are asked in', () => {
    const forward = createPriceGenerator(7);
    const backward = createPriceGenerator(7);
    const days = [0, 1, 2, 30, 200, -5];
    const backwardPrices = [...days].reverse().map((d) => backward.dayPrices(ORIGIN_MS + d * DAY_MS));
    expect(days.map((d) => forward.dayPrices(ORIGIN_MS + d * DAY_MS))).toEqual(backwardPrices.reverse());
  });

  // issue 14: a real-time run starts at the host's date, so a date's prices must not depend on when a run began.
  it('draws a date’s prices from the date and the seed alone, not from the first day asked for (issue 14)', () => {
    const day = ORIGIN_MS + 400 * DAY_MS;
    const fromFarBack = createPriceGenerator(7);
    fromFarBack.dayPrices(ORIGIN_MS - 900 * DAY_MS);
    expect(createPriceGenerator(7).dayPrices(day)).toEqual(fromFarBack.dayPrices(day));
  });

  it('keeps the day level an AR(1): successive day means correlate, at about φ = 0.85 (docs/physics.md §5.2)', () => {
    const gen = createPriceGenerator(11);
    const means = Array.from({ length: 1500 }, (_, d) => {
      const slots = gen.dayPrices(ORIGIN_MS + d * DAY_MS);
      return slots.reduce((a, p) => a + p.eurPerMWh, 0) / slots.length;
    });
    const m = means.reduce((a, x) => a + x, 0) / means.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < means.length; i++) {
      den += (means[i]! - m) ** 2;
      if (i > 0) num += (means[i]! - m) * (means[i - 1]! - m);
    }
    // Season and weekends add their own correlation; the level's alone is 0.85.
    expect(num / den).toBeGreaterThan(0.6);
  });

  it('gives other prices for another seed', () => {
    expect(slotsOf(createPriceGenerator(7), 2)).not.toEqual(slotsOf(createPriceGenerator(8), 2));
  });

  it('finds the slot in force at an instant', () => {
    const gen = createPriceGenerator(7);
    const t = utc('2026-06-10T10:07:00Z');
    const slot = gen.priceAt(t)!;
    expect(slot.startMs).toBe(utc('2026-06-10T10:00:00Z'));
    expect(gen.dayPrices(t)).toContain(slot);
  });
});

describe('parsePriceFile', () => {
  it('reads CSV rows of (ISO start, €/MWh) after a header, with commas or semicolons', () => {
    const slots = parsePriceFile('start,price\n2026-06-01T00:00:00Z,63.29\r\n2026-06-01T00:15:00Z;-4.5\n\n', 'csv');
    expect(slots).toEqual([
      { startMs: utc('2026-06-01T00:00:00Z'), durationMs: 900_000, eurPerMWh: 63.29 },
      { startMs: utc('2026-06-01T00:15:00Z'), durationMs: 900_000, eurPerMWh: -4.5 },
    ]);
  });

  it('reads a JSON array under any of its accepted key names and sorts it', () => {
    const json = JSON.stringify([
      { startsAt: '2026-06-01T01:00:00Z', value: 70 },
      { start: '2026-06-01T00:00:00Z', price: 60 },
      { time: '2026-06-01T02:00:00Z', eurPerMWh: 80 },
    ]);
    expect(parsePriceFile(json, 'json')).toEqual([
      { startMs: utc('2026-06-01T00:00:00Z'), durationMs: 3_600_000, eurPerMWh: 60 },
      { startMs: utc('2026-06-01T01:00:00Z'), durationMs: 3_600_000, eurPerMWh: 70 },
      { startMs: utc('2026-06-01T02:00:00Z'), durationMs: 3_600_000, eurPerMWh: 80 },
    ]);
  });

  it('takes a single row as an hourly price', () => {
    expect(parsePriceFile('[{"start":"2026-06-01T00:00:00Z","price":1}]', 'json')[0]!.durationMs).toBe(3_600_000);
  });

  it.each<[string, string, 'csv' | 'json']>([
    ['JSON that does not parse', '[{', 'json'],
    ['JSON that is not an array', '{"start":"2026-06-01T00:00:00Z","price":1}', 'json'],
    ['a JSON row without a price', '[{"start":"2026-06-01T00:00:00Z"}]', 'json'],
    ['a JSON row with a string price', '[{"start":"2026-06-01T00:00:00Z","price":"1"}]', 'json'],
    ['a JSON row with a null entry', '[null]', 'json'],
    ['an empty JSON array', '[]', 'json'],
    ['a CSV with only a header', 'start,price\n', 'csv'],
    ['a CSV row with a bad date', 'start,price\nyesterday,12', 'csv'],
    ['a CSV row without a price', 'start,price\n2026-06-01T00:00:00Z', 'csv'],
    ['a CSV row with a non-numeric price', 'start,price\n2026-06-01T00:00:00Z,cheap', 'csv'],
    ['two rows at the same time', 'start,price\n2026-06-01T00:00:00Z,1\n2026-06-01T00:00:00Z,2', 'csv'],
  ])('rejects %s with SIM_ERR_INVALID_PRICE_FILE', (_what, text, format) => {
    expect(() => parsePriceFile(text, format)).toThrow(expect.objectContaining({ code: 'SIM_ERR_INVALID_PRICE_FILE', message: expect.stringMatching(/^Failed to read the price file: /) }));
  });
});

describe('createPriceTable', () => {
  const slots = parsePriceFile('start,price\n2026-06-01T22:00:00Z,10\n2026-06-01T22:15:00Z,20\n2026-06-01T21:45:00Z,5', 'csv');
  const table = createPriceTable(slots);

  it('gives the slots of the local day (2 June starts at 22:00 UTC on 1 June)', () => {
    expect(table.dayPrices(utc('2026-06-02T08:00:00Z')).map((s) => s.eurPerMWh)).toEqual([10, 20]);
    expect(table.dayPrices(utc('2026-06-01T08:00:00Z')).map((s) => s.eurPerMWh)).toEqual([5]);
  });

  it('finds the price in force, and none outside the table', () => {
    expect(table.priceAt(utc('2026-06-01T22:20:00Z'))?.eurPerMWh).toBe(20);
    expect(table.priceAt(utc('2026-06-01T22:30:00Z'))).toBeUndefined();
    expect(table.dayPrices(utc('2026-07-01T08:00:00Z'))).toEqual([]);
  });
});
