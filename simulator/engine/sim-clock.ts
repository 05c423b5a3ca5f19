/**
 * The runtime's clocks: manual (moved by hand, for tests) or scaled (real time × speed, with pause and resume).
 * The scaled clock reads wall time through an injected function, so tests can drive it without sleeping.
 */
import { createManualClock, DEFAULT_START_MS, isSpeed, RuntimeError, SPEED_RANGE, type Clock } from '../core/index.ts';

export type ClockMode = 'manual' | 'scaled';

export interface SimClock extends Clock {
  readonly mode: ClockMode;
  /** Simulated seconds per wall second (1 for a manual clock). */
  readonly speed: number;
  readonly paused: boolean;
  /** Manual clocks only: moves time forward by `ms`. */
  advance(ms: number): number;
  /** Puts the clock back to `startMs` (a reset to the seeded start); a scaled clock keeps its speed. */
  resetTo(startMs: number): void;
  pause(): void;
  resume(): void;
  setSpeed(speed: number): void;
}

export function createManualSimClock(startMs: number = DEFAULT_START_MS): SimClock {
  let clock = createManualClock(startMs);
  return {
    mode: 'manual',
    speed: 1,
    paused: false,
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    resetTo(nextStartMs) {
      clock = createManualClock(nextStartMs);
    },
    pause() {},
    resume() {},
    setSpeed() {
      throw new RuntimeError('RUNTIME_ERR_CLOCK_MODE', 'Failed to set the speed: the clock is manual. Start with --speed N for a scaled clock.');
    },
  };
}

export interface ScaledClockOptions {
  readonly startMs?: number;
  /** Simulated seconds per wall second; default 1. */
  readonly speed?: number;
  /** Wall time in ms (monotonic); default performance.now. */
  readonly wallNowMs?: () => number;
}

export function createScaledClock(options: ScaledClockOptions = {}): SimClock {
  const wallNowMs = options.wallNowMs ?? (() => performance.now());
  let speed = checkSpeed(options.speed ?? 1);
  let anchorSimMs = options.startMs ?? DEFAULT_START_MS;
  let anchorWallMs = wallNowMs();
  let paused = false;
  const now = (): number => (paused ? anchorSimMs : anchorSimMs + (wallNowMs() - anchorWallMs) * speed);
  const reanchor = (): void => {
    anchorSimMs = now();
    anchorWallMs = wallNowMs();
  };
  return {
    mode: 'scaled',
    get speed() {
      return speed;
    },
    get paused() {
      return paused;
    },
    now,
    advance() {
      throw new RuntimeError('RUNTIME_ERR_CLOCK_MODE', 'Failed to advance the clock: it runs on wall time. Start with --speed manual to step time by hand.');
    },
    resetTo(nextStartMs) {
      anchorSimMs = nextStartMs;
      anchorWallMs = wallNowMs();
    },
    pause() {
      if (paused) return;
      reanchor();
      paused = true;
    },
    resume() {
      if (!paused) return;
      anchorWallMs = wallNowMs();
      paused = false;
    },
    setSpeed(next) {
      const checked = checkSpeed(next);
      reanchor();
      speed = checked;
    },
  };
}

function checkSpeed(speed: number): number {
  if (!isSpeed(speed)) throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to set the clock speed: ${speed} is not ${SPEED_RANGE}.`);
  return speed;
}
