/**
 * Runs a control task at a fixed cadence on any clock. The runner owns no timers: `tick()` runs the task when
 * it is due (tests step a manual clock and call it by hand), and `run()` loops with an injected `wait(ms)`
 * (setTimeout in production, a manual clock's advance in tests).
 * Due times sit on a grid (start + k·cadence); a tick that comes late runs once and skips the missed slots,
 * so a stalled process does not fire a burst of stale commands.
 */
import { ControllerError, rejectUnknownKeys, requireNumber } from './errors.ts';

/** A source of time in epoch ms; the simulator's clocks and `{ now: Date.now }` both fit. */
export interface Clock {
  now(): number;
}

/** The work done at each due time; it may be async (HTTP). */
export type ControlTask = (nowMs: number) => unknown;

export interface RunnerOptions {
  readonly clock: Clock;
  /** Time between runs of the task [ms]. */
  readonly cadenceMs: number;
  readonly task: ControlTask;
  /** Waits `ms` of the clock's time; needed by `run()` only. */
  readonly wait?: (ms: number) => Promise<void>;
  /** Receives a task's error; without it the error propagates from `tick()` and stops `run()`. */
  readonly onError?: (error: unknown, nowMs: number) => void;
}

export interface RunOptions {
  /** Stop once the clock reaches this time [epoch ms]. */
  readonly untilMs?: number;
  readonly signal?: AbortSignal;
}

export interface Runner {
  readonly cadenceMs: number;
  /** When the task is next due [epoch ms]; null before the first run (due at once). */
  readonly nextDueMs: number | null;
  /** Runs done and due times skipped because a tick came late. */
  readonly runs: number;
  readonly skipped: number;
  /** Runs the task if it is due and none is in flight; resolves true when it ran. */
  tick(): Promise<boolean>;
  /** Ticks, then waits until the next due time, until `untilMs` or the signal. */
  run(options?: RunOptions): Promise<void>;
}

const OPTION_KEYS = ['clock', 'cadenceMs', 'task', 'wait', 'onError'];

export function createRunner(options: RunnerOptions): Runner {
  rejectUnknownKeys('the runner', options, OPTION_KEYS);
  const cadenceMs = requireNumber('the runner', 'cadenceMs', options.cadenceMs, 1, 86_400_000);
  const { clock, task, wait, onError } = options;
  let nextDueMs: number | null = null;
  let runs = 0;
  let skipped = 0;
  let inFlight = false;
  let running = false;

  const tick = async (): Promise<boolean> => {
    const nowMs = clock.now();
    if (inFlight || (nextDueMs !== null && nowMs < nextDueMs)) return false;
    if (nextDueMs === null) {
      nextDueMs = nowMs + cadenceMs;
    } else {
      const late = Math.floor((nowMs - nextDueMs) / cadenceMs);
      skipped += late;
      nextDueMs += (late + 1) * cadenceMs;
    }
    inFlight = true;
    try {
      runs++;
      await task(nowMs);
    } catch (error) {
      if (!onError) throw error;
      onError(error, nowMs);
    } finally {
      inFlight = false;
    }
    return true;
  };

  return {
    cadenceMs,
    get nextDueMs() {
      return nextDueMs;
    },
    get runs() {
      return runs;
    },
    get skipped() {
      return skipped;
    },
    tick,
    async run(runOptions = {}) {
      if (!wait) {
        throw new ControllerError('CONTROL_ERR_INVALID_PARAMETER', 'Failed to run: the runner has no wait(ms). Pass one (e.g. a setTimeout promise), or call tick() yourself.');
      }
      if (running) {
        throw new ControllerError('CONTROL_ERR_RUNNER_BUSY', 'Failed to run: this runner is already running. Abort the first run before starting another.');
      }
      running = true;
      try {
        const { untilMs = Infinity, signal } = runOptions;
        while (!signal?.aborted && clock.now() < untilMs) {
          await tick();
          const nowMs = clock.now();
          const dueMs = Math.min(nextDueMs ?? nowMs, untilMs);
          if (signal?.aborted || nowMs >= untilMs) break;
          await wait(Math.max(0, dueMs - nowMs));
        }
      } finally {
        running = false;
      }
    },
  };
}
