/**
 * Replay time: starts at the recording's first entry and runs at `speed` × wall time, or stands still until
 * advanced by hand ('manual'). Wall time is injected, so tests never sleep.
 */
import { ReplayError } from './errors.ts';

export type ReplaySpeed = number | 'manual';

export interface ReplayClock {
  readonly mode: 'manual' | 'scaled';
  readonly speed: ReplaySpeed;
  /** Replay time [epoch ms]. */
  now(): number;
  /** Manual clocks only: moves replay time forward by `ms` and returns the new time. */
  advance(ms: number): number;
}

export interface ReplayClockOptions {
  /** Replay time at creation [epoch ms]. */
  readonly startMs: number;
  readonly speed: ReplaySpeed;
  /** Monotonic wall time [ms]; default performance.now. */
  readonly wallNowMs?: () => number;
}

export function createReplayClock(options: ReplayClockOptions): ReplayClock {
  const wallNowMs = options.wallNowMs ?? (() => performance.now());
  const { speed, startMs } = options;
  if (speed === 'manual') {
    let nowMs = startMs;
    return {
      mode: 'manual',
      speed,
      now: () => nowMs,
      advance(ms) {
        if (!(Number.isFinite(ms) && ms >= 0)) throw new ReplayError('REPLAY_ERR_CLOCK_MODE', `Failed to advance the replay clock: ${String(ms)} ms is not a finite time ≥ 0. Send {"seconds": N} with N ≥ 0.`);
        nowMs += ms;
        return nowMs;
      },
    };
  }
  const anchorWallMs = wallNowMs();
  return {
    mode: 'scaled',
    speed,
    now: () => startMs + (wallNowMs() - anchorWallMs) * speed,
    advance() {
      throw new ReplayError('REPLAY_ERR_CLOCK_MODE', `Failed to advance the replay clock: it runs at ${speed}× wall time. Start the replay with --speed manual to step time by hand.`);
    },
  };
}
