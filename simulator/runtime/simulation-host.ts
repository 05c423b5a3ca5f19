/**
 * What both start functions share: the clock chosen by --speed, the runner, the control surface and the
 * control-plane access rules, all built from one device factory so that a reset rebuilds the same device.
 */
import { type ControlAccess, resolveControlAccess } from '../control/control-access.ts';
import { createSimControl, type SimControl } from '../control/sim-control.ts';
import type { SimulatedDevice } from '../devices/simulated-device.ts';
import { createDeviceRunner, type DeviceRunner } from '../engine/device-runner.ts';
import type { SpeedOption } from './emulator.ts';
import { createManualSimClock, createScaledClock, type SimClock } from '../engine/sim-clock.ts';

export interface SimulationHostOptions {
  readonly createDevice: () => SimulatedDevice;
  readonly speed: SpeedOption;
  readonly host: string;
  /** false: no /_sim/ at all (--no-control). */
  readonly control?: boolean;
  /** Required to expose /_sim/ beyond loopback (--control-token). */
  readonly controlToken?: string;
  /** Requests the /_sim/log keeps (--log-entries). */
  readonly logEntries?: number;
}

export interface SimulationHost {
  readonly clock: SimClock;
  readonly runner: DeviceRunner;
  readonly control: SimControl;
  readonly access: ControlAccess;
}

export function createSimulationHost(options: SimulationHostOptions): SimulationHost {
  const access = resolveControlAccess(options.host, { ...(options.control === undefined ? {} : { control: options.control }), ...(options.controlToken === undefined ? {} : { controlToken: options.controlToken }) });
  const device = options.createDevice();
  const startMs = device.site.now();
  const clock = options.speed === 'manual' ? createManualSimClock(startMs) : createScaledClock({ startMs, speed: options.speed });
  const runner = createDeviceRunner(device, clock);
  const control = createSimControl({ runner, startMs, createDevice: options.createDevice, ...(options.logEntries !== undefined ? { logEntries: options.logEntries } : {}) });
  return { clock, runner, control, access };
}
