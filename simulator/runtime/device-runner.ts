/**
 * Keeps a device model in step with its clock. Vendor and control requests call `sync()` first, so the
 * model is always at the clock's time when it answers; a scaled clock also gets a ticker so that the
 * model never falls far behind (bounded catch-up work per request).
 *
 * Actions scheduled at a simulated time (a scenario's events) run exactly then, however far one sync jumps;
 * per-second listeners (the SSE stream) see the model at every whole simulated second.
 * Read `runner.device` at request time, never keep it: a reset replaces it.
 */
import type { SimulatedDevice } from '../devices/simulated-device.ts';
import type { SimClock } from './sim-clock.ts';

export interface DeviceRunner {
  readonly device: SimulatedDevice;
  readonly clock: SimClock;
  /** Steps the model to the clock's current time, running due actions on the way. */
  sync(): void;
  /** Manual clocks: advances time by `seconds` and steps the model there. */
  advance(seconds: number): void;
  /** Runs `action` when the model reaches `atMs` (at once if it is already there). */
  schedule(atMs: number, action: () => void): void;
  /** Drops every scheduled action. */
  clearSchedule(): void;
  /** Calls `listener` at every whole simulated second the model passes; returns the unsubscribe function. */
  onSecond(listener: (tMs: number) => void): () => void;
  /** Puts a fresh device in place (a reset); scheduled actions are dropped. */
  replaceDevice(device: SimulatedDevice): void;
  /** Starts the background ticker (scaled clocks); a no-op for manual clocks. */
  start(): void;
  stop(): void;
}

/** Wall interval of the ticker [ms]. */
const TICK_MS = 200;

export function createDeviceRunner(initialDevice: SimulatedDevice, clock: SimClock): DeviceRunner {
  let device = initialDevice;
  let timer: NodeJS.Timeout | undefined;
  let actions: { atMs: number; seq: number; run: () => void }[] = [];
  let seq = 0;
  const secondListeners = new Set<(tMs: number) => void>();
  let syncing = false;

  const stepTo = (targetMs: number): void => {
    if (secondListeners.size === 0) {
      if (targetMs > device.site.now()) device.stepTo(targetMs);
      return;
    }
    for (let next = Math.floor(device.site.now() / 1000) * 1000 + 1000; next <= targetMs; next += 1000) {
      device.stepTo(next);
      for (const listener of secondListeners) listener(next);
    }
    if (targetMs > device.site.now()) device.stepTo(targetMs);
  };

  const sync = (): void => {
    if (syncing) return;
    syncing = true;
    try {
      const target = Math.floor(clock.now());
      while (actions.length > 0 && actions[0]!.atMs <= target) {
        const due = actions.shift()!;
        stepTo(Math.max(due.atMs, device.site.now()));
        due.run();
      }
      stepTo(target);
    } finally {
      syncing = false;
    }
  };

  return {
    get device() {
      return device;
    },
    clock,
    sync,
    advance(seconds) {
      clock.advance(seconds * 1000);
      sync();
    },
    schedule(atMs, run) {
      actions.push({ atMs, seq: seq++, run });
      actions.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
      sync();
    },
    clearSchedule() {
      actions = [];
    },
    onSecond(listener) {
      secondListeners.add(listener);
      return () => secondListeners.delete(listener);
    },
    replaceDevice(next) {
      device = next;
      actions = [];
    },
    start() {
      if (clock.mode !== 'scaled' || timer) return;
      timer = setInterval(sync, TICK_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
