/**
 * Builds the meter emulator's Fastify app (no listen): one route per operation of openapi/sessy-meter.yaml that
 * the meter's variant serves, on the same ESP-IDF server and in the same order of checks as the dongle
 * (../sessy/vendor-routes.ts, docs/sessy.md §1.1, §5): URI and method first (404/405), then Basic auth (401), then
 * the body (400); the `/_sim/` control plugin beside it.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import type { MeterVariant, SessyMeterDevice } from '../../devices/sessy-meter/index.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import { createBasicAuthCheck, type Credentials } from '../shared/credentials.ts';
import { attachSimulation } from '../control/attach-simulation.ts';
import { espServerFactoryOptions, installEspServer, type EspServerOptions } from '../shared/esp-httpd.ts';
import { lazySchemaController } from '../shared/lazy-schema-compilers.ts';
import { renderSessyError } from '../sessy/app.ts';
import { bodyCheckOf } from '../sessy/body-check.ts';
import { routesOf, type SpecRoute } from '../sessy/spec.ts';
import { registerEspVendorRoutes } from '../sessy/vendor-routes.ts';
import { NOT_FOUND_TEXT, sendHttpdError, sendResult } from '../sessy/wire.ts';
import { METER_OPERATIONS } from './handlers.ts';
import { badRequest, type MeterOperationEntry, type MeterOperationId } from './operations.ts';
import { loadMeterSpec, meterSpecForVariant } from './spec.ts';

export interface SessyMeterAppOptions extends EspServerOptions {
  readonly runner: DeviceRunner;
  /** null: no credentials stored, nothing is protected. */
  readonly credentials: Credentials | null;
  readonly control: SimControl;
  readonly access: ControlAccess;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger?: FastifyServerOptions['logger'];
}

/** What a meter route's answer needs: its handler and its body check. */
interface RouteConfig {
  readonly entry: MeterOperationEntry;
  /** Whether a parsed body fits the operation's request schema; undefined for an operation without a body. */
  readonly bodyFits: ((body: unknown) => boolean) | undefined;
}

/** The routes of each variant, read from the spec once per process: every meter of a site shares them. */
const routesByVariant = new Map<MeterVariant, readonly SpecRoute[]>();
const routesFor = (variant: MeterVariant): readonly SpecRoute[] => {
  let routes = routesByVariant.get(variant);
  if (routes === undefined) routesByVariant.set(variant, (routes = routesOf(meterSpecForVariant(loadMeterSpec(), variant))));
  return routes;
};

export async function buildSessyMeterApp(options: SessyMeterAppOptions): Promise<FastifyInstance> {
  const { runner } = options;
  // Read the device from the runner on every request: a reset puts a fresh one in place.
  const device = (): SessyMeterDevice => runner.device as SessyMeterDevice;

  const app = Fastify({ logger: options.logger ?? false, logController: new LogController({ disableRequestLogging: true }), forceCloseConnections: true, schemaController: lazySchemaController(), ...espServerFactoryOptions(options) });
  installEspServer(app, options);
  await attachSimulation(app, { runner, control: options.control, access: options.access, sleep: options.sleep, renderError: renderSessyError, sendNotFound: (reply) => sendHttpdError(reply, 404, NOT_FOUND_TEXT) });
  await app.register(async (vendor) =>
    registerEspVendorRoutes<RouteConfig>(vendor, {
      routes: routesFor(device().variant),
      authorized: createBasicAuthCheck(options.credentials),
      sync: () => runner.sync(),
      configure(route) {
        const entry = METER_OPERATIONS[route.operationId as MeterOperationId];
        if (entry === undefined) throw new Error(`Failed to build the meter app: openapi/sessy-meter.yaml names operation ${route.operationId}, which has no handler. Add it to simulator/http/sessy-meter/handlers.ts.`);
        return { entry, bodyFits: route.bodySchema === undefined ? undefined : bodyCheckOf(route.bodySchema) };
      },
      answer(reply, { entry, bodyFits }, read) {
        const request = { device: device(), ...read };
        if (bodyFits === undefined || bodyFits(request.body)) return sendResult(reply, entry.handle(request));
        return sendResult(reply, entry.invalid ? entry.invalid(request) : badRequest('Failed to parse json'));
      },
    }),
  );
  return app;
}
