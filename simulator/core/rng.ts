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
  const g = seedGenerator(masterSeed, name);
  const next = (): number => nextUint32(g) / 4294967296;
  return {
    next,
    uint32: () => nextUint32(g),
    uniform: (min, max) => min + (max - min) * next(),
    int: (n) => Math.floor(next() * n),
    exponential: (rate) => -Math.log(1 - next()) / rate,
    normal: () => normalOf(g),
  };
}

/**
 * The xoshiro128** state: four 32-bit words, kept as int32 (every operation on them converts to int32 anyway), so
 * that V8 stores them unboxed. The generator is module-level functions on this state, which a one-off draw
 * (hashedNormal) uses without building a stream.
 */
interface Generator {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** splitmix32 expands (seed, name) into the 128-bit xoshiro state. */
function seedGenerator(masterSeed: number, name: string): Generator {
  const sm = { state: (masterSeed ^ Math.imul(fnv1a(name), 0x9e3779b1)) >>> 0 };
  const splitmix = (): number => {
    sm.state = (sm.state + 0x9e3779b9) | 0;
    let z = sm.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  const g = { a: splitmix(), b: splitmix(), c: splitmix(), d: splitmix() };
  if ((g.a | g.b | g.c | g.d) === 0) g.a = 1;
  return g;
}

/**
 * The next 32-bit unsigned integer (xoshiro128**). Written with locals, one read and one write per word and the
 * rotations spelled out: the bytecode stays small enough for V8 to inline a normal draw into a model's step.
 */
function nextUint32(g: Generator): number {
  const a = g.a;
  const b = g.b;
  const c = g.c ^ a;
  const d = g.d ^ b;
  const m = Math.imul(b, 5);
  g.a = a ^ d;
  g.b = b ^ c;
  g.c = c ^ (b << 9);
  g.d = (d << 11) | (d >>> 21);
  return Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
}

/** Uniform in (0, 1): safe to take the logarithm of. */
function nextOpen01(g: Generator): number {
  return (nextUint32(g) + 0.5) / 4294967296;
}

/**
 * A standard normal: Ziggurat (Doornik's ZIGNOR). This takes the first test, which ends 98.8 % of draws with no
 * logarithm or trigonometry, and leaves the rest to normalFrom: small enough for V8 to inline into the models'
 * inner loops.
 */
function normalOf(g: Generator): number {
  const bits = nextUint32(g);
  const i = bits & (ZIGGURAT_LAYERS - 1);
  const u = (((bits >>> 7) + 0.5) / 33_554_432) * 2 - 1;
  // The unary plus tells V8 the slow path gives a number too: without it the fast path's value is boxed to meet
  // an unknown type where the two paths join.
  return Math.abs(u) < ZIGGURAT_RATIO[i]! ? u * ZIGGURAT_X[i]! : +normalFrom(g, bits);
}

/** The Ziggurat from a first 32-bit draw on: the layer, wedge and tail tests, drawing again until a value is accepted. */
function normalFrom(g: Generator, firstBits: number): number {
  for (let bits = firstBits; ; bits = nextUint32(g)) {
    // One 32-bit draw: the low 7 bits pick the layer, the high 25 give u in (−1, 1); disjoint bits, so
    // the layer and the value are independent (the flaw Doornik found in Marsaglia & Tsang's RNOR).
    const i = bits & (ZIGGURAT_LAYERS - 1);
    const u = (((bits >>> 7) + 0.5) / 33_554_432) * 2 - 1;
    if (Math.abs(u) < ZIGGURAT_RATIO[i]!) return u * ZIGGURAT_X[i]!;
    if (i === 0) return normalTail(g, u < 0);
    const x = u * ZIGGURAT_X[i]!;
    const xi = ZIGGURAT_X[i]!;
    const xj = ZIGGURAT_X[i + 1]!;
    const f0 = Math.exp(-0.5 * (xi * xi - x * x));
    const f1 = Math.exp(-0.5 * (xj * xj - x * x));
    if (f1 + nextOpen01(g) * (f0 - f1) < 1) return x;
  }
}

/**
 * Ziggurat tables for N(0, 1) with 128 layers: the layers' right edges X and the share of each layer that lies
 * wholly under the density, X[i + 1] / X[i]. Constants computed once; never written after.
 * @see J. A. Doornik, "An Improved Ziggurat Method to Generate Normal Random Samples" (2005), ZIGNOR.
 */
const ZIGGURAT_LAYERS = 128;
/** Start of the tail [σ], and the area of each layer. */
const ZIGGURAT_R = 3.442619855899;
const ZIGGURAT_V = 9.91256303526217e-3;
const ZIGGURAT_X = zigguratEdges();
const ZIGGURAT_RATIO = Float64Array.from({ length: ZIGGURAT_LAYERS }, (_, i) => ZIGGURAT_X[i + 1]! / ZIGGURAT_X[i]!);

function zigguratEdges(): Float64Array {
  const x = new Float64Array(ZIGGURAT_LAYERS + 1);
  let f = Math.exp(-0.5 * ZIGGURAT_R * ZIGGURAT_R);
  x[0] = ZIGGURAT_V / f; // the bottom layer: rectangle plus tail, as wide as its area over f(R)
  x[1] = ZIGGURAT_R;
  for (let i = 2; i < ZIGGURAT_LAYERS; i++) {
    x[i] = Math.sqrt(-2 * Math.log(ZIGGURAT_V / x[i - 1]! + f));
    f = Math.exp(-0.5 * x[i]! * x[i]!);
  }
  x[ZIGGURAT_LAYERS] = 0;
  return x;
}

/** A draw from the normal tail beyond R (Marsaglia 1964), negated when asked. */
function normalTail(g: Generator, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    x = Math.log(nextOpen01(g)) / ZIGGURAT_R;
    y = Math.log(nextOpen01(g));
  } while (-2 * y < x * x);
  return negative ? x - ZIGGURAT_R : ZIGGURAT_R - x;
}

/**
 * A counter-based normal: the same (seed, key, index) always gives the same value, whatever was
 * drawn before. Used where a value belongs to a point in time (a quarter-hour's market kick)
 * rather than to a step, so that the step size cannot change it.
 */
export function hashedNormal(seed: number, key: string, index: number): number {
  return normalOf(seedGenerator((seed ^ Math.imul(index | 0, 0x27d4eb2f) ^ Math.floor(index / 4294967296)) >>> 0, key));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
