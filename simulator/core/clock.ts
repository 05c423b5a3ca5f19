/** A source of simulated time, in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** A clock that moves only when told to: the clock of every test. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms` (≥ 0) and returns the new time. */
  advance(ms: number): number;
}

import { SimError, requireFinite } from './errors.ts';

/** 2026-06-01T00:00:00Z: the default start of a simulation, a summer day with PV. */
export const DEFAULT_START_MS = Date.UTC(2026, 5, 1, 0, 0, 0);

export function createManualClock(startMs: number = DEFAULT_START_MS): ManualClock {
  let nowMs = requireFinite('clock start (ms)', startMs);
  return {
    now: () => nowMs,
    advance(ms: number) {
      requireFinite('clock advance (ms)', ms);
      if (ms < 0) {
        throw new SimError(
          'SIM_ERR_TIME_BACKWARDS',
          `Failed to advance the clock: ${ms} ms is negative. Simulated time only moves forward.`,
        );
      }
      nowMs += ms;
      return nowMs;
    },
  };
}
