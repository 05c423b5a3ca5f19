/**
 * Seeded randomness: one master seed split into named, independent streams.
 * Each stream is an xoshiro128** generator whose state is derived from (master seed, stream name)
 * alone, so drawing more from one stream never changes another.
 * @see https://prng.di.unimi.it/xoshiro128starstar.c
 */
export type StreamName =
  | 'frequency'
  | 'load'
  | 'pv'
  | 'prices'
  | 'faults'
  | 'identity'
  | 'voltage'
  | 'temperature'
  | (string & {});

export interface RandomStream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Exponential with the given rate (1 / mean). */
  exponential(rate: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** A 32-bit unsigned integer, e.g. to seed a library. */
  uint32(): number;
}

export interface RandomStreams {
  readonly seed: number;
  /** The stream of that name; the same object on every call. */
  stream(name: StreamName): RandomStream;
}

/** Normalises a user seed (number or string) to a 32-bit unsigned integer. */
export function normaliseSeed(seed: number | string): number {
  if (typeof seed === 'number' && Number.isInteger(seed)) return seed >>> 0;
  return fnv1a(String(seed));
}

export function createRandomStreams(seed: number | string): RandomStreams {
  const master = normaliseSeed(seed);
  const streams = new Map<string, RandomStream>();
  return {
    seed: master,
    stream(name) {
      let s = streams.get(name);
      if (!s) {
        s = createRandomStream(master, name);
        streams.set(name, s);
      }
      return s;
    },
  };
}

export function createRandomStream(masterSeed: number, name: string): RandomStream {
  // splitmix32 expands (seed, name) into the 128-bit xoshiro state.
  let sm = (masterSeed ^ Math.imul(fnv1a(name), 0x9e3779b1)) >>> 0;
  const splitmix = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1;
  let spare = NaN;

  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = (): number => uint32() / 4294967296;

  return {
    next,
    uint32,
    uniform: (min, max) => min + (max - min) * next(),
    int: (n) => Math.floor(next() * n),
    exponential: (rate) => -Math.log(1 - next()) / rate,
    normal() {
      // Box–Muller; the second value is kept for the next call.
      if (!Number.isNaN(spare)) {
        const v = spare;
        spare = NaN;
        return v;
      }
      const u1 = 1 - next();
      const u2 = next();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return r * Math.cos(2 * Math.PI * u2);
    },
  };
}

/**
 * A counter-based normal: the same (seed, key, index) always gives the same value, whatever was
 * drawn before. Used where a value belongs to a point in time (a quarter-hour's market kick)
 * rather than to a step, so that the step size cannot change it.
 */
export function hashedNormal(seed: number, key: string, index: number): number {
  const s = createRandomStream((seed ^ Math.imul(index | 0, 0x27d4eb2f) ^ Math.floor(index / 4294967296)) >>> 0, key);
  return s.normal();
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
