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
  /** Schedules many actions, then syncs once (a scenario's events). */
  scheduleAll(items: readonly { readonly atMs: number; readonly run: () => void }[]): void;
  /** Drops every scheduled action. */
  clearSchedule(): void;
  /** Scheduled actions not yet run. */
  readonly pending: number;
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
  // A binary min-heap on (atMs, seq): scheduling and running an action cost O(log n), so 50,000 scenario
  // events load in O(n log n) (a sorted array re-sorted per action was quadratic).
  let actions = createActionHeap();
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
      while (actions.size > 0 && actions.peek()!.atMs <= target) {
        const due = actions.pop()!;
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
      sync();
    },
    scheduleAll(items) {
      for (const { atMs, run } of items) actions.push({ atMs, seq: seq++, run });
      sync();
    },
    clearSchedule() {
      actions = createActionHeap();
    },
    get pending() {
      return actions.size;
    },
    onSecond(listener) {
      secondListeners.add(listener);
      return () => secondListeners.delete(listener);
    },
    replaceDevice(next) {
      device = next;
      actions = createActionHeap();
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

interface ScheduledAction {
  readonly atMs: number;
  readonly seq: number;
  readonly run: () => void;
}

/** A min-heap of actions, earliest first; equal times in the order they were scheduled. */
function createActionHeap(): { readonly size: number; push(a: ScheduledAction): void; peek(): ScheduledAction | undefined; pop(): ScheduledAction | undefined } {
  const heap: ScheduledAction[] = [];
  const before = (a: ScheduledAction, b: ScheduledAction): boolean => a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  return {
    get size() {
      return heap.length;
    },
    push(a) {
      let i = heap.push(a) - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!before(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    },
    peek: () => heap[0],
    pop() {
      const top = heap[0];
      const last = heap.pop();
      if (heap.length > 0 && last) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
          if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m]!, heap[i]!];
          i = m;
        }
      }
      return top;
    },
  };
}
