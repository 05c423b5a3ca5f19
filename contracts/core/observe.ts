/** Helpers for behaviour over time, the same on simulated and real time. */
import type { CaseContext } from './context.ts';

/**
 * Lets time pass in `stepS` steps until `probe` returns a value (not undefined) or `timeoutS` passed; returns the
 * value, or undefined with the last probe's reading in `last`.
 */
export async function waitFor<T>(ctx: CaseContext, timeoutS: number, stepS: number, probe: () => Promise<T | undefined>): Promise<{ value: T | undefined; elapsedS: number }> {
  let elapsedS = 0;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, elapsedS };
    if (elapsedS >= timeoutS) return { value: undefined, elapsedS };
    await ctx.time.pass(stepS);
    elapsedS += stepS;
  }
}

/** Numbers within an absolute or relative tolerance, whichever is larger. */
export function near(actual: number, expected: number, absolute: number, relative = 0): boolean {
  return Math.abs(actual - expected) <= Math.max(absolute, Math.abs(expected) * relative);
}

/** A plain-object view of unknown JSON, for reading fields without casts everywhere. */
export function field(value: unknown, ...path: (string | number)[]): unknown {
  let v: unknown = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

export function num(value: unknown, ...path: (string | number)[]): number | undefined {
  const v = field(value, ...path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
