/**
 * Keeps a device model in step with its clock. Vendor and control requests call `sync()` first, so the
 * model is always at the clock's time when it answers; a scaled clock also gets a ticker so that the
 * model never falls far behind (bounded catch-up work per request).
 */
import type { SimulatedDevice } from '../devices/simulated-device.ts';
import type { SimClock } from './sim-clock.ts';

export interface DeviceRunner {
  readonly device: SimulatedDevice;
  readonly clock: SimClock;
  /** Steps the model to the clock's current time. */
  sync(): void;
  /** Manual clocks: advances time by `seconds` and steps the model there. */
  advance(seconds: number): void;
  /** Starts the background ticker (scaled clocks); a no-op for manual clocks. */
  start(): void;
  stop(): void;
}

/** Wall interval of the ticker [ms]. */
const TICK_MS = 200;

export function createDeviceRunner(device: SimulatedDevice, clock: SimClock): DeviceRunner {
  let timer: NodeJS.Timeout | undefined;
  const sync = (): void => {
    const target = Math.floor(clock.now());
    if (target > device.site.now()) device.stepTo(target);
  };
  return {
    device,
    clock,
    sync,
    advance(seconds) {
      clock.advance(seconds * 1000);
      sync();
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
