import { describe, expect, it } from 'vitest';
import { buildPvParams, clearSkyGhi, cosZenith, createPvModel, createRandomStreams, DEFAULT_PV, type PvParams, type WeatherType } from '../../simulator/core/index.ts';

const utc = (iso: string): number => Date.parse(iso);
const YEAR_START_MS = utc('2026-01-01T00:00:00Z');
const DAY_MS = 86_400_000;

function createModel(seed: number, params: PvParams = DEFAULT_PV, startMs = YEAR_START_MS) {
  return createPvModel(params, createRandomStreams(seed).stream('pv'), startMs);
}

describe('cosZenith', () => {
  it('gives the noon sun at the summer solstice 90° − (52.1° − 23.44°) above the horizon', () => {
    // Solar noon at 5.2° E is 12:00 − 5.2/15 h = 11:39:12 UTC.
    expect(cosZenith(DEFAULT_PV, utc('2026-06-21T11:39:12Z'))).toBeCloseTo(Math.cos(((52.1 - 23.44) * Math.PI) / 180), 3);
  });

  it('gives the noon sun at the winter solstice 90° − (52.1° + 23.44°) above the horizon', () => {
    expect(cosZenith(DEFAULT_PV, utc('2026-12-21T11:39:12Z'))).toBeCloseTo(Math.cos(((52.1 + 23.44) * Math.PI) / 180), 3);
  });

  it('is negative at midnight', () => {
    expect(cosZenith(DEFAULT_PV, utc('2026-06-21T23:39:12Z'))).toBeLessThan(0);
  });
});

describe('clearSkyGhi', () => {
  it('is Haurwitz: 1098·cos Z·exp(−0.059/cos Z), and 0 with the sun down', () => {
    expect(clearSkyGhi(1)).toBeCloseTo(1098 * Math.exp(-0.059), 9);
    expect(clearSkyGhi(0.5)).toBeCloseTo(549 * Math.exp(-0.118), 9);
    expect(clearSkyGhi(0)).toBe(0);
    expect(clearSkyGhi(-0.3)).toBe(0);
  });
});

describe('createPvModel', () => {
  /** kWh per kWp over 2026 at 60 s steps. */
  const yieldPerKWp = (seed: number): number => {
    const model = createModel(seed);
    let wh = 0;
    for (let t = YEAR_START_MS + 60_000; t <= YEAR_START_MS + 365 * DAY_MS; t += 60_000) wh += model.advanceTo(t) / 60;
    return wh / 1000 / (DEFAULT_PV.peakW / 1000);
  };

  it.each([1, 2, 3])('with seed %i yields 875 ± 50 kWh/kWp over a year (docs/physics.md §6.5, CBS protocol value)', (seed) => {
    expect(Math.abs(yieldPerKWp(seed) - 875)).toBeLessThanOrEqual(50);
  });

  it('produces nothing at night and never more than the inverter allows', () => {
    const model = createModel(4, buildPvParams({ peakW: 6000 }), utc('2026-06-01T00:00:00Z'));
    let max = 0;
    for (let t = utc('2026-06-01T00:00:10Z'); t < utc('2026-06-08T00:00:00Z'); t += 10_000) {
      const w = model.advanceTo(t);
      const hourUtc = (t % DAY_MS) / 3_600_000;
      if (hourUtc >= 21 || hourUtc < 2.5) expect(w).toBe(0);
      max = Math.max(max, w);
    }
    expect(max).toBe(3600);
  });

  // The model keeps each UTC day's sun terms and daylight window; cosZenith works them out afresh at every call.
  it.each([
    ['the Netherlands across the new year', DEFAULT_PV, '2025-12-30T20:00:00Z'],
    ['Sydney, whose day spans UTC midnight', buildPvParams({ latitudeDeg: -33.9, longitudeDeg: 151.2 }), '2026-06-20T00:00:00Z'],
    ['Tromsø under the midnight sun', buildPvParams({ latitudeDeg: 69.6, longitudeDeg: 18.9 }), '2026-06-20T00:00:00Z'],
  ])('produces power exactly while cosZenith says the sun is up, day after day: %s', (_name, params, startIso) => {
    const startMs = utc(startIso);
    const model = createModel(8, params, startMs);
    const wrong: string[] = [];
    for (let t = startMs + 5000; t <= startMs + 4 * DAY_MS; t += 5000) {
      const w = model.advanceTo(t);
      const cosZ = cosZenith(params, t);
      // Below cos Z ≈ 0.004 Haurwitz's exp(−0.059/cos Z) underflows towards 0: only cos Z ≤ 0 and > 0.01 are checked.
      if ((cosZ <= 0 && w !== 0) || (cosZ > 0.01 && !(w > 0))) wrong.push(`${new Date(t).toISOString()}: ${w} W at cos Z ${cosZ}`);
    }
    expect(wrong).toEqual([]);
  });

  it('steps without a return value to the output advanceTo gives, left in now.powerW', () => {
    const a = createModel(3, DEFAULT_PV, utc('2026-06-01T00:00:00Z'));
    const b = createModel(3, DEFAULT_PV, utc('2026-06-01T00:00:00Z'));
    for (let t = utc('2026-06-01T00:00:07Z'); t < utc('2026-06-02T00:00:00Z'); t += 7000) {
      b.step(t);
      expect(b.now.powerW).toBe(a.advanceTo(t));
      expect(b.powerW).toBe(b.now.powerW);
    }
  });

  it('produces nothing without panels', () => {
    const model = createModel(4, buildPvParams({ peakW: 0 }), utc('2026-06-01T00:00:00Z'));
    for (let t = utc('2026-06-01T11:00:00Z'); t < utc('2026-06-01T13:00:00Z'); t += 60_000) expect(model.advanceTo(t)).toBe(0);
  });

  it('keeps one weather type per UTC day and has more clear days in summer than in winter', () => {
    const model = createModel(6);
    const count = (fromDay: number, toDay: number, type: WeatherType): number => {
      let n = 0;
      for (let d = fromDay; d < toDay; d++) {
        model.advanceTo(YEAR_START_MS + d * DAY_MS + 12 * 3_600_000);
        const noonType = model.weather;
        model.advanceTo(YEAR_START_MS + d * DAY_MS + 15 * 3_600_000);
        expect(model.weather).toBe(noonType);
        if (noonType === type) n++;
      }
      return n;
    };
    // In time order: the model only moves forward.
    const earlyWinterClear = count(0, 60, 'clear');
    const summerClear = count(120, 240, 'clear');
    const winterClear = earlyWinterClear + count(305, 365, 'clear');
    // P(clear) ≈ 0.16 in midwinter and 0.35 at midsummer.
    expect(summerClear).toBeGreaterThan(winterClear);
  });

  it('gives the same output for the same seed and another for another seed', () => {
    const run = (seed: number) => {
      const model = createModel(seed, DEFAULT_PV, utc('2026-06-01T00:00:00Z'));
      return Array.from({ length: 200 }, (_, i) => model.advanceTo(utc('2026-06-01T10:00:00Z') + i * 60_000));
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });
});
