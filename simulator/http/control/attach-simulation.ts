/**
 * Puts the simulation around a vendor app: fault hooks on its routes and the /_sim/ control plane.
 * Call it on the root instance before the vendor routes are registered.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import { serveControlLazily } from './lazy-control-app.ts';
import { installFaultHooks, type WireError } from './fault-hooks.ts';

export interface AttachSimulationOptions {
  readonly runner: DeviceRunner;
  readonly control: SimControl;
  readonly access: ControlAccess;
  /** The device's own error answer for a status, used by error and 503 faults. */
  readonly renderError: (status: number) => WireError;
  readonly sleep: (ms: number) => Promise<void>;
  /** The device's answer for a URI it does not serve: what a `/_sim/` URI the control plane lacks gets. */
  readonly sendNotFound: (reply: FastifyReply) => FastifyReply;
}

export async function attachSimulation(app: FastifyInstance, options: AttachSimulationOptions): Promise<void> {
  installFaultHooks(app, options);
  serveControlLazily(app, { runner: options.runner, control: options.control, access: options.access, sendNotFound: options.sendNotFound });
}
