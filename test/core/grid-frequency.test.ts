import { describe, expect, it } from 'vitest';
import {
  buildFrequencyParams,
  createFrequencyModel,
  createRandomStreams,
  DEFAULT_FREQUENCY,
  frequencyDip,
  frequencyRamp,
  frequencyStep,
  overrideValueHz,
  type FrequencyParams,
} from '../../simulator/core/index.ts';

const utc = (iso: string): number => Date.parse(iso);
const START_MS = utc('2026-06-01T00:00:00Z');

function createModel(seed: number, params: FrequencyParams = DEFAULT_FREQUENCY, startMs = START_MS) {
  const streams = createRandomStreams(seed);
  return createFrequencyModel(params, streams.stream('frequency'), streams.seed, startMs);
}

/** Deviations from 50 Hz [mHz], sampled every `stepS` for `spanS`. */
function sampleMilliHz(seed: number, stepS: number, spanS: number, params: FrequencyParams = DEFAULT_FREQUENCY): Float64Array {
  const model = createModel(seed, params);
  const xs = new Float64Array(Math.floor(spanS / stepS));
  for (let i = 0; i < xs.length; i++) xs[i] = (model.advanceTo(START_MS + (i + 1) * stepS * 1000) - 50) * 1000;
  return xs;
}

function stats(xs: Float64Array, lag: number): { sigma: number; autocorrelation: number } {
  const n = xs.length;
  let mean = 0;
  for (const x of xs) mean += x / n;
  let variance = 0;
  for (const x of xs) variance += (x - mean) ** 2 / n;
  let covariance = 0;
  for (let i = 0; i + lag < n; i++) covariance += ((xs[i]! - mean) * (xs[i + lag]! - mean)) / (n - lag);
  return { sigma: Math.sqrt(variance), autocorrelation: covariance / variance };
}

/** Only the market kicks: no OU noise, no rare events. */
const kicksOnly = buildFrequencyParams({ ouSigmaMilliHz: 0, eventsPerDay: 0 });
/** Only the kicks' means: the morning and evening ramps. */
const rampsOnly = buildFrequencyParams({ ouSigmaMilliHz: 0, eventsPerDay: 0, hourKickSigmaMilliHz: 0, quarterKickSigmaMilliHz: 0 });

describe('createFrequencyModel', () => {
  it.each([1, 2, 3, 42])('with seed %i has σ in [14, 24] mHz and a lag-60 s autocorrelation in [0.5, 0.75] over a day (docs/physics.md §6.4)', (seed) => {
    const { sigma, autocorrelation } = stats(sampleMilliHz(seed, 1, 86_400), 60);
    expect(sigma).toBeGreaterThanOrEqual(14);
    expect(sigma).toBeLessThanOrEqual(24);
    expect(autocorrelation).toBeGreaterThanOrEqual(0.5);
    expect(autocorrelation).toBeLessThanOrEqual(0.75);
  });

  it('updates the OU part exactly: its σ is 17 mHz at 1 s and at 60 s steps', () => {
    const ouOnly = buildFrequencyParams({ eventsPerDay: 0, hourKickSigmaMilliHz: 0, quarterKickSigmaMilliHz: 0, hourKickMeanMilliHz: 0 });
    // Effective samples (τ = 150 s): ≈ 860 in 3 days at 1 s, ≈ 8600 in 30 days at 60 s; SE of σ ≤ 0.41 mHz.
    const fine = stats(sampleMilliHz(5, 1, 3 * 86_400, ouOnly), 60);
    const coarse = stats(sampleMilliHz(5, 60, 30 * 86_400, ouOnly), 1);
    expect(Math.abs(fine.sigma - 17)).toBeLessThan(1.5);
    expect(Math.abs(coarse.sigma - 17)).toBeLessThan(1.5);
    // exp(−60/150) = 0.67 at one lag of 60 s, whichever way it is sampled.
    expect(Math.abs(fine.autocorrelation - Math.exp(-0.4))).toBeLessThan(0.06);
    expect(Math.abs(coarse.autocorrelation - Math.exp(-0.4))).toBeLessThan(0.03);
  });

  it('evaluates the market kicks from the timestamp, so the step size cannot change them', () => {
    const fine = createModel(9, kicksOnly);
    const coarse = createModel(9, kicksOnly);
    for (let s = 7; s <= 6 * 3600; s += 7) {
      const t = START_MS + s * 1000;
      for (let f = s - 6; f <= s; f++) fine.advanceTo(START_MS + f * 1000);
      expect(coarse.advanceTo(t)).toBe(fine.hz);
    }
  });

  it.each([
    // [local time, UTC (summer, UTC+2), deviation at the kick's peak 90 s later (mHz)]
    ['05:00 (morning ramp-up)', '2026-06-01T03:00:00Z', -30],
    ['08:00 (morning ramp-up)', '2026-06-01T06:00:00Z', -30],
    ['09:00', '2026-06-01T07:00:00Z', 0],
    ['19:00 (evening ramp-down)', '2026-06-01T17:00:00Z', 30],
    ['22:00 (evening ramp-down)', '2026-06-01T20:00:00Z', 30],
    ['23:00', '2026-06-01T21:00:00Z', 0],
    ['03:00', '2026-06-01T01:00:00Z', 0],
  ])('places the full-hour kick means on the local clock: at %s', (_local, iso, milliHz) => {
    const model = createModel(1, rampsOnly, utc(iso) - 1000);
    // u·e^(1−u) peaks at 1 when u = t/τ_d = 1, i.e. 90 s after the hour.
    expect((model.advanceTo(utc(iso) + 90_000) - 50) * 1000).toBeCloseTo(milliHz, 9);
  });

  // A stepping model keeps its quarter hour and tabulates the shape at whole seconds; a fresh model starts from nothing.
  it.each([1, 0.25, 0.7, 7])('gives at %s s steps the kicks a fresh model gives at each instant, across quarter hours', (stepS) => {
    const model = createModel(9, kicksOnly);
    const wrong: string[] = [];
    for (let i = 1; i * stepS <= 2 * 3600; i++) {
      const t = START_MS + Math.round(i * stepS * 1000);
      const hz = model.advanceTo(t);
      // A fresh model for one step in 23, and around every quarter hour.
      const sinceQuarterMs = (t - START_MS) % 900_000;
      if (i % 23 === 0 || sinceQuarterMs < 2000 || sinceQuarterMs > 898_000) {
        const fresh = createModel(9, kicksOnly, t - 1).advanceTo(t);
        if (fresh !== hz) wrong.push(`${new Date(t).toISOString()}: ${hz} Hz stepping, ${fresh} Hz fresh`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets a kick die out within 8 τ_d (720 s)', () => {
    const model = createModel(1, rampsOnly, utc('2026-06-01T03:00:00Z'));
    expect(model.advanceTo(utc('2026-06-01T03:12:00Z'))).toBe(50);
  });

  it('drops by 50–150 mHz in rare events and recovers', () => {
    const eventsOnly = buildFrequencyParams({ ouSigmaMilliHz: 0, hourKickSigmaMilliHz: 0, quarterKickSigmaMilliHz: 0, hourKickMeanMilliHz: 0, eventsPerDay: 24 });
    const xs = sampleMilliHz(3, 1, 86_400, eventsOnly);
    const min = xs.reduce((a, x) => Math.min(a, x), Infinity);
    const max = xs.reduce((a, x) => Math.max(a, x), -Infinity);
    expect(min).toBeLessThan(-50);
    expect(max).toBeLessThanOrEqual(0);
    expect(xs.filter((x) => x > -1).length / xs.length).toBeGreaterThan(0.2);
  });

  it('gives the same frequency for the same seed and another for another seed', () => {
    expect(sampleMilliHz(4, 1, 600)).toEqual(sampleMilliHz(4, 1, 600));
    expect(sampleMilliHz(4, 1, 600)).not.toEqual(sampleMilliHz(5, 1, 600));
  });

  it('steps without a return value to the frequency advanceTo gives, left in now.hz', () => {
    const a = createModel(6);
    const b = createModel(6);
    for (let s = 1; s <= 2000; s++) {
      b.step(START_MS + s * 1000);
      expect(b.now.hz).toBe(a.advanceTo(START_MS + s * 1000));
      expect(b.hz).toBe(b.now.hz);
    }
  });

  it('stays put when advanced to the present', () => {
    const model = createModel(1);
    const hz = model.advanceTo(START_MS + 1000);
    expect(model.advanceTo(START_MS + 1000)).toBe(hz);
  });
});

describe('frequency overrides', () => {
  it('replace the stochastic value exactly while active, and hand back to it afterwards', () => {
    const plain = createModel(8);
    const scripted = createModel(8);
    scripted.setOverride(frequencyStep(START_MS + 60_000, 50.6, 60));
    for (let s = 1; s <= 600; s++) {
      const t = START_MS + s * 1000;
      const free = plain.advanceTo(t);
      const hz = scripted.advanceTo(t);
      if (s >= 60 && s < 120) expect(hz).toBe(50.6);
      else expect(hz).toBe(free); // the stochastic process ran on underneath, unchanged
    }
    expect(scripted.override).toBeNull();
  });

  it('take effect at once when set, and end at once when cleared', () => {
    const model = createModel(8);
    model.setOverride(frequencyStep(START_MS, 49.2));
    expect(model.hz).toBe(49.2);
    expect(model.advanceTo(START_MS + 3_600_000)).toBe(49.2); // holdS = Infinity: until cleared
    model.setOverride(null);
    expect(model.hz).not.toBe(49.2);
    expect(model.override).toBeNull();
  });

  it('ramp linearly and hold: 50.0 → 50.6 Hz over 10 s, held 60 s', () => {
    const ramp = frequencyRamp(1000, 50, 50.6, 10, 60);
    expect(overrideValueHz(ramp, 999)).toBeUndefined();
    expect(overrideValueHz(ramp, 1000)).toBe(50);
    expect(overrideValueHz(ramp, 6000)).toBeCloseTo(50.3, 12);
    expect(overrideValueHz(ramp, 11_000)).toBe(50.6);
    expect(overrideValueHz(ramp, 70_999)).toBe(50.6);
    expect(overrideValueHz(ramp, 71_000)).toBeUndefined();
  });

  it('dip: down over fallS, held, back up over recoverS', () => {
    const dip = frequencyDip(0, 49.5, 30, 1, 10);
    expect(overrideValueHz(dip, 0)).toBe(50);
    expect(overrideValueHz(dip, 500)).toBeCloseTo(49.75, 12);
    expect(overrideValueHz(dip, 1000)).toBe(49.5);
    expect(overrideValueHz(dip, 31_000)).toBe(49.5);
    expect(overrideValueHz(dip, 36_000)).toBeCloseTo(49.75, 12);
    expect(overrideValueHz(dip, 41_000)).toBeUndefined();
  });

  it.each([
    ['a negative hold', () => frequencyStep(0, 50.5, -1)],
    ['a NaN start', () => frequencyRamp(NaN, 50, 51, 10)],
    ['a frequency of 0 Hz', () => frequencyDip(0, 0, 10)],
    ['a NaN ramp time', () => frequencyRamp(0, 50, 51, NaN)],
  ])('reject %s with SIM_ERR_INVALID_EVENT', (_what, make) => {
    expect(make).toThrow(expect.objectContaining({ code: 'SIM_ERR_INVALID_EVENT' }));
  });
});
