/**
 * The bench registry's types. A bench module exports a `name` and a `run()`; run() either returns its figures,
 * which bench/run.ts prints in one format, or prints its own and returns nothing.
 */
export interface BenchResult {
  /** What was measured, e.g. "Sessy site at 1 s steps". */
  readonly label: string;
  readonly value: number;
  /** Unit of `value` and of the baseline's value, e.g. "× real time". */
  readonly unit: string;
  /** Whether a higher value is better (throughput) or a lower one (latency). */
  readonly better: 'higher' | 'lower';
  /** The same quantity for a reference workload measured in the same run, so that machines compare. */
  readonly baseline: { readonly label: string; readonly value: number };
  /** The value the project aims for, if any. */
  readonly target?: { readonly label: string; readonly value: number };
}

export interface Bench {
  readonly name: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: a bench that prints its own table returns nothing (an async function without return)
  run(): Promise<readonly BenchResult[] | void>;
}

/** Wall time of `work` [ms], the best of `repeats` runs after one warm-up run. */
export function bestWallMs(work: () => void, repeats = 3): number {
  work();
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const startMs = performance.now();
    work();
    best = Math.min(best, performance.now() - startMs);
  }
  return best;
}
