/**
 * Puts the simulation around a vendor app: fault hooks on its routes and the /_sim/ control plane.
 * Call it on the root instance before the vendor routes are registered.
 */
import type { FastifyInstance } from 'fastify';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import { controlPlugin } from './control-plugin.ts';
import { installFaultHooks, type WireError } from './fault-hooks.ts';

export interface AttachSimulationOptions {
  readonly runner: DeviceRunner;
  readonly control: SimControl;
  readonly access: ControlAccess;
  /** The device's own error answer for a status, used by error and 503 faults. */
  readonly renderError: (status: number) => WireError;
  readonly sleep: (ms: number) => Promise<void>;
}

export async function attachSimulation(app: FastifyInstance, options: AttachSimulationOptions): Promise<void> {
  installFaultHooks(app, options);
  await app.register(controlPlugin, { runner: options.runner, control: options.control, access: options.access });
}
