/** Helpers for behaviour over time, the same on simulated and real time. */
import type { CaseContext } from './context.ts';
import { wallMsOf } from './time.ts';

/** What a wait is for, as the person watching reads it. */
export interface WaitLabel {
  /** e.g. "power to reach 1000 W" */
  readonly what: string;
  /** The latest reading, e.g. "300 W"; shown with the progress of a long wait. */
  readonly reading?: () => string | undefined;
}

/** A long wait reports its progress at most this often on the wall [ms]. */
const PROGRESS_EVERY_MS = 10_000;

/**
 * Lets the target's time pass in `stepS` steps until `probe` returns a value (not undefined) or `timeoutS` passed;
 * returns the value, or undefined. A wait that takes seconds on the wall says what it waits for, and how it goes.
 */
export async function waitFor<T>(ctx: CaseContext, timeoutS: number, stepS: number, probe: () => Promise<T | undefined>, label?: WaitLabel): Promise<{ value: T | undefined; elapsedS: number }> {
  let elapsedS = 0;
  // Elapsed time is the target's: the sum of the steps on a manual clock (requests take none of it); on a running
  // clock, read back after each step, so the time the requests take counts against the timeout too.
  const startMs = ctx.time.kind === 'manual' ? 0 : await ctx.time.now();
  const long = wallMsOf(ctx.time, timeoutS) >= 3000;
  if (long && label) ctx.progress(`waiting up to ${timeoutS} s for ${label.what}`);
  let reportedAt = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, elapsedS };
    if (elapsedS >= timeoutS) return { value: undefined, elapsedS };
    if (long && label && Date.now() - reportedAt >= PROGRESS_EVERY_MS) {
      reportedAt = Date.now();
      const reading = label.reading?.();
      ctx.progress(`still waiting for ${label.what}${reading ? `: reads ${reading}` : ''} (${elapsedS} of ${timeoutS} s)`);
    }
    const nowMs = await ctx.time.pass(Math.min(stepS, Math.max(0, timeoutS - elapsedS)));
    elapsedS = ctx.time.kind === 'manual' ? elapsedS + stepS : (nowMs - startMs) / 1000;
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

/**
 * Runs `check` with the emulator's clock standing still: an exact comparison with the model must read the state it
 * just set, and a scaled clock moves on between two requests. A manual clock stands still anyway.
 */
export async function withClockStopped<T>(ctx: CaseContext, check: () => Promise<T>): Promise<T> {
  if (ctx.time.kind !== 'scaled' || !ctx.sim) return check();
  await ctx.sim.hold('pause');
  try {
    return await check();
  } finally {
    await ctx.sim.hold('resume');
  }
}
