/**
 * Puts the simulation around a vendor app: fault hooks on its routes and the /_sim/ control plane.
 * Call it on the root instance before the vendor routes are registered. The app may serve many devices, each request
 * marked with its own (../shared/device-binding.ts), or one: `device`, the device of every request nobody marked,
 * whose server is then the app's own.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { bindingLookup } from '../shared/device-binding.ts';
import { serveControlLazily, type ControlBinding } from './lazy-control-app.ts';
import { installFaultHooks, limitConnections, type WireError } from './fault-hooks.ts';

/** What the simulation needs of the device a request reached. */
export type SimulationBinding = ControlBinding;

export interface AttachSimulationOptions<B extends SimulationBinding> {
  /** The device of a request nobody marked (an app of one device); undefined: every request is marked. */
  readonly device: B | undefined;
  /** Whether the app serves `/_sim/` (every device it serves has its control plane on, or none has). */
  readonly controlPlane: boolean;
  /** The device's own error answer for a status, used by error and 503 faults. */
  readonly renderError: (status: number) => WireError;
  readonly sleep: (ms: number) => Promise<void>;
  /** The device's answer for a URI it does not serve: what a `/_sim/` URI the control plane lacks gets. */
  readonly sendNotFound: (reply: FastifyReply) => FastifyReply;
}

/** How the app's routes find their device, and what to do when a device it serves stops. */
export interface AttachedSimulation<B extends SimulationBinding> {
  readonly bindingOf: (req: IncomingMessage) => B;
  /** Closes what the simulation built for a device (its control plane); its server's connections are its own. */
  release(binding: B): Promise<void>;
}

export async function attachSimulation<B extends SimulationBinding>(app: FastifyInstance, options: AttachSimulationOptions<B>): Promise<AttachedSimulation<B>> {
  const bindingOf = bindingLookup(options.device);
  installFaultHooks(app, { bindingOf, renderError: options.renderError, sleep: options.sleep });
  const release = options.controlPlane ? serveControlLazily(app, { bindingOf, sendNotFound: options.sendNotFound }) : async () => undefined;
  const { device } = options;
  if (device !== undefined) {
    // An app of one device listens on its own server.
    limitConnections(app.server, device);
    app.addHook('onClose', async () => release(device));
  }
  return { bindingOf, release };
}
