/**
 * Time as a case sees it: always the target's own clock. An emulator with its control plane has one: a manual
 * clock is stepped (waiting costs nothing), a scaled one is read back through GET /_sim/clock until the asked
 * simulated time has passed (so a case judges the emulator at --speed 60 as at --speed 1), running at least at
 * WAIT_SPEED while it waits. Anything else keeps real time. docs/contracts.md ("Time") says why the judgements
 * never use wall time on an emulator.
 */
import { AbortedError, sleep } from './http.ts';
import type { SimClockView, SimPlane } from './sim-plane.ts';
import { SimPlaneError } from './sim-plane.ts';

/** manual: stepped by the suite; scaled: the emulator's clock at its speed; real: wall time (hardware). */
export type ClockKind = 'manual' | 'scaled' | 'real';

export interface TimeControl {
  readonly kind: ClockKind;
  /** Target seconds per wall second: the emulator's speed, 1 on real time; Infinity on a manual clock. */
  readonly speed: number;
  /** Lets `seconds` of the target's time pass; resolves with the target's clock afterwards [epoch ms]. */
  pass(seconds: number): Promise<number>;
  /** The target's clock [epoch ms]: /_sim/clock on an emulator, the wall clock otherwise. */
  now(): Promise<number>;
}

export function createRealTime(signal?: AbortSignal): TimeControl {
  return {
    kind: 'real',
    speed: 1,
    async pass(seconds) {
      await sleep(seconds * 1000, signal);
      return Date.now();
    },
    now: async () => Date.now(),
  };
}

/** Time through an emulator's control plane; `clock` is its clock as read when the run started. */
export function createSimTime(plane: SimPlane, clock: SimClockView, signal?: AbortSignal): TimeControl {
  if (clock.mode === 'manual') {
    return {
      kind: 'manual',
      speed: Infinity,
      async pass(seconds) {
        if (signal?.aborted) throw new AbortedError('Aborted');
        return (await plane.advance(seconds)).nowMs;
      },
      now: async () => (await plane.clock()).nowMs,
    };
  }
  const read = async (): Promise<SimClockView> => {
    const c = await plane.clock();
    if (c.paused) throw new SimPlaneError('the emulator\'s clock is paused, so no time passes: resume it with POST /_sim/clock {"action":"resume"}');
    return c;
  };
  // A slower clock runs at WAIT_SPEED while a case waits, and at its own speed again after: an emulator in a CI
  // container at --speed 1 would otherwise take as long as hardware.
  const waitSpeed = Math.max(clock.speed, WAIT_SPEED);
  return {
    kind: 'scaled',
    speed: waitSpeed,
    async pass(seconds) {
      let start = await read();
      const ownSpeed = start.speed;
      if (ownSpeed < WAIT_SPEED) start = await plane.setSpeed(WAIT_SPEED);
      try {
        const untilMs = start.nowMs + seconds * 1000;
        let now = start;
        while (now.nowMs < untilMs) {
          // Sleep for the wall time the rest should take at the clock's speed, then read it again: a loaded machine
          // may wake late, or early; the judgement only ever uses the clock read back.
          await sleep(Math.max(1, (untilMs - now.nowMs) / now.speed), signal);
          now = await read();
          if (now.nowMs < start.nowMs) throw new SimPlaneError(`the emulator's clock went back from ${start.nowMs} to ${now.nowMs} ms while waiting: something else reset it`);
        }
        return now.nowMs;
      } finally {
        if (ownSpeed < WAIT_SPEED) await plane.setSpeed(ownSpeed);
      }
    },
    now: async () => (await read()).nowMs,
  };
}

/**
 * The speed a slower scaled clock runs at while a case waits [simulated s per wall s]: the emulator's physics is
 * proven at ×60 by test/contracts/url-emulator.ts, and both suites then take about 20 s.
 */
export const WAIT_SPEED = 60;

/** How long `seconds` of target time take on the wall [ms]; 0 on a manual clock. */
export function wallMsOf(time: Pick<TimeControl, 'speed'>, seconds: number): number {
  return Number.isFinite(time.speed) ? (seconds * 1000) / time.speed : 0;
}
