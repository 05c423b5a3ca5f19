/**
 * The app around a Sessy firmware's vendor API, the dongle's or the meter's: Fastify on ESP-IDF's server
 * (../shared/esp-httpd.ts), the simulation's fault hooks and `/_sim/` control plane, `/_sim/site` for the devices of
 * a site, and the vendor routes (vendor-routes.ts). One app serves every device of a kind in a process, each on its
 * own server that marks its requests with the device (../shared/device-binding.ts, runtime/device-apps.ts); an app
 * of one device serves it on the app's own server.
 */
import Fastify, { LogController, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { attachSimulation, type SimulationBinding } from '../control/attach-simulation.ts';
import { registerSiteRoutes, type SiteRoutesOptions } from '../control/site-routes.ts';
import type { DeviceApp } from '../shared/device-server.ts';
import { espServerFactoryOptions, installEspServer, teachEspMethods, type EspServerOptions } from '../shared/esp-httpd.ts';
import { lazySchemaController } from '../shared/lazy-schema-compilers.ts';
import { registerEspVendorRoutes, type EspVendorRoutesOptions, type ReadBody } from './vendor-routes.ts';
import { NOT_FOUND_TEXT, renderSessyError, sendHttpdError } from './wire.ts';

/** A device an app serves: its model, its simulation, and whether an Authorization header opens it. */
export interface FirmwareBinding extends SimulationBinding {
  readonly authorized: (header: string | undefined) => boolean;
  /** The site the device is part of; undefined for a device alone. */
  readonly site?: SiteRoutesOptions;
}

/** What every device an app serves has in common besides its firmware. */
export interface FirmwareAppKind {
  /** Whether the devices have their `/_sim/` control plane on. */
  readonly controlPlane: boolean;
  /** Whether they are part of a site (`/_sim/site`). */
  readonly inSite: boolean;
  /** Wall-clock wait for latency and trickle faults (the runtime owns timers). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Fastify's logger (pino); off with false. Vendor requests are logged one line each by the fault hooks. */
  readonly logger: FastifyServerOptions['logger'];
}

/** The device an app of one device serves, and its server's options. */
export interface OneDevice {
  readonly device: FirmwareBinding;
  readonly server: EspServerOptions;
}

/** The vendor side: the firmware's operations, and the answer to a request that passed routing, auth and the body's read. */
export interface FirmwareVendor<C> extends Pick<EspVendorRoutesOptions<C>, 'routes' | 'configure'> {
  /** As EspVendorRoutesOptions.answer, with the device the request reached. */
  readonly answer: (reply: FastifyReply, config: C, read: ReadBody, device: FirmwareBinding) => FastifyReply;
}

/** Builds the app (no listen): serving `one` device on its own server, or every device whose server marks its requests. */
export async function createFirmwareApp<C>(kind: FirmwareAppKind, one: OneDevice | undefined, vendor: FirmwareVendor<C>): Promise<DeviceApp<FirmwareBinding>> {
  // Fastify's schema compilers load only if a route has a schema: a faster cold start (issue 13).
  const app = Fastify({ logger: kind.logger, logController: new LogController({ disableRequestLogging: true }), forceCloseConnections: true, schemaController: lazySchemaController(), ...espServerFactoryOptions(one?.server) });
  teachEspMethods(app);
  if (one) installEspServer(app.server, one.server);
  const simulation = await attachSimulation(app, { device: one?.device, controlPlane: kind.controlPlane, sleep: kind.sleep, renderError: renderSessyError, sendNotFound: (reply) => sendHttpdError(reply, 404, NOT_FOUND_TEXT) });
  const { bindingOf } = simulation;
  if (kind.inSite && kind.controlPlane) registerSiteRoutes(app, (req) => siteOf(bindingOf(req)));
  await app.register(async (context) =>
    registerEspVendorRoutes<C>(context, {
      routes: vendor.routes,
      authorized: (req) => bindingOf(req.raw).authorized(req.headers.authorization),
      sync: (req) => bindingOf(req.raw).runner.sync(),
      configure: vendor.configure,
      answer: (reply, config, read) => vendor.answer(reply, config, read, bindingOf(reply.request.raw)),
    }),
  );
  return { app, release: simulation.release };
}

/** The site of a device the app was built for sites with. */
function siteOf(binding: FirmwareBinding): SiteRoutesOptions {
  if (binding.site === undefined) throw new Error('Failed to serve /_sim/site: a device alone reached an app built for the devices of sites.');
  return binding.site;
}
