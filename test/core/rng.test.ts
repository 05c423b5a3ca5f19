import { describe, expect, it } from 'vitest';
import { createRandomStream, createRandomStreams, hashedNormal, normaliseSeed } from '../../simulator/core/index.ts';

const draw = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

describe('createRandomStreams', () => {
  it('gives the same sequence for the same seed and stream name', () => {
    const a = createRandomStreams(42).stream('frequency');
    const b = createRandomStreams(42).stream('frequency');
    expect(draw(1000, () => a.next())).toEqual(draw(1000, () => b.next()));
  });

  it('gives a different sequence for another seed', () => {
    const a = createRandomStreams(42).stream('frequency');
    const b = createRandomStreams(43).stream('frequency');
    expect(draw(10, () => a.next())).not.toEqual(draw(10, () => b.next()));
  });

  it('gives different sequences to different stream names of one seed', () => {
    const streams = createRandomStreams(42);
    expect(draw(10, () => streams.stream('load').next())).not.toEqual(draw(10, () => streams.stream('pv').next()));
  });

  it('never changes a stream when more is drawn from another', () => {
    const quiet = createRandomStreams(7);
    const busy = createRandomStreams(7);
    for (let i = 0; i < 10_000; i++) busy.stream('load').normal();
    busy.stream('pv').uniform(0, 1);
    expect(draw(100, () => busy.stream('frequency').normal())).toEqual(draw(100, () => quiet.stream('frequency').normal()));
  });

  it('hands out the same stream object for a name on every call', () => {
    const streams = createRandomStreams(1);
    expect(streams.stream('prices')).toBe(streams.stream('prices'));
  });

  it('accepts string seeds and normalises them to 32-bit integers', () => {
    expect(createRandomStreams('battsim').seed).toBe(normaliseSeed('battsim'));
    expect(normaliseSeed('battsim')).not.toBe(normaliseSeed('battsim2'));
    expect(normaliseSeed(-1)).toBe(0xffffffff);
    expect(normaliseSeed(2 ** 32 + 5)).toBe(5);
  });
});

describe('createRandomStream', () => {
  const n = 100_000;

  it('draws uniforms in [0, 1) with mean ½ and variance 1/12', () => {
    const s = createRandomStream(3, 'test');
    const xs = draw(n, () => s.next());
    const mean = xs.reduce((a, x) => a + x, 0) / n;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Standard error of the mean: sqrt(1/12/n) ≈ 0.0009; 5 σ.
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeGreaterThan(1 / 12 - 0.002);
    expect(variance).toBeLessThan(1 / 12 + 0.002);
  });

  it('draws standard normals with mean 0, variance 1 and light tails', () => {
    const s = createRandomStream(3, 'test');
    const xs = draw(n, () => s.normal());
    const mean = xs.reduce((a, x) => a + x, 0) / n;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
    const beyond3 = xs.filter((x) => Math.abs(x) > 3).length / n;
    // SE of the mean 0.003, of the variance ≈ sqrt(2/n) = 0.0045; P(|x| > 3) = 0.0027.
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1)).toBeLessThan(0.025);
    expect(beyond3).toBeGreaterThan(0.0017);
    expect(beyond3).toBeLessThan(0.0037);
  });

  it('draws normals that pass a Kolmogorov–Smirnov test against Φ, tails and layers included', () => {
    const s = createRandomStream(11, 'ks');
    const xs = Float64Array.from({ length: n }, () => s.normal()).sort();
    let d = 0;
    xs.forEach((x, i) => {
      const f = normalCdf(x);
      d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    });
    // Critical value at the 1 % level: 1.63/√n ≈ 0.0052.
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
  });

  it('draws normals beyond 4 σ as often as Φ says (the ziggurat’s tail)', () => {
    const s = createRandomStream(12, 'tail');
    let beyond4 = 0;
    for (let i = 0; i < 2_000_000; i++) if (Math.abs(s.normal()) > 4) beyond4++;
    // Expected 2e6 · 6.334e-5 = 127 ± 11 (Poisson).
    expect(beyond4).toBeGreaterThan(127 - 40);
    expect(beyond4).toBeLessThan(127 + 40);
  });

  it('draws exponentials with mean 1/rate', () => {
    const s = createRandomStream(3, 'test');
    const mean = draw(n, () => s.exponential(4)).reduce((a, x) => a + x, 0) / n;
    expect(mean).toBeCloseTo(0.25, 2);
  });

  it('draws integers in [0, n) and uniforms in [min, max)', () => {
    const s = createRandomStream(3, 'test');
    const ints = new Set(draw(10_000, () => s.int(3)));
    expect([...ints].sort()).toEqual([0, 1, 2]);
    for (const x of draw(10_000, () => s.uniform(-2, 5))) {
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThan(5);
    }
  });

  it('draws 32-bit unsigned integers', () => {
    const s = createRandomStream(3, 'test');
    for (const x of draw(1000, () => s.uint32())) {
      expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
    }
  });
});

describe('hashedNormal', () => {
  it('gives the same value for the same (seed, key, index), whatever was asked before', () => {
    const first = hashedNormal(9, 'kick', 12345);
    hashedNormal(9, 'kick', 12346);
    hashedNormal(10, 'kick', 12345);
    expect(hashedNormal(9, 'kick', 12345)).toBe(first);
  });

  it('gives different values for neighbouring indices, keys and seeds', () => {
    const v = hashedNormal(9, 'kick', 12345);
    expect(hashedNormal(9, 'kick', 12346)).not.toBe(v);
    expect(hashedNormal(9, 'other', 12345)).not.toBe(v);
    expect(hashedNormal(8, 'kick', 12345)).not.toBe(v);
  });

  it('is standard normal over indices', () => {
    const xs = draw(20_000, (() => {
      let i = 0;
      return () => hashedNormal(5, 'kick', 2_000_000 + i++);
    })());
    const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length;
    // SE of the mean 0.007, of the variance 0.01.
    expect(Math.abs(mean)).toBeLessThan(0.035);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

/** Φ(x) via erfc (Numerical Recipes' erfcc, absolute error < 1.2e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}
