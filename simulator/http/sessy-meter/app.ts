/**
 * Builds the app that serves Sessy meters (no listen): the operations of openapi/sessy-meter.yaml that the meter's
 * variant serves, on the same ESP-IDF server and in the same order of checks as the dongle (../sessy/vendor-routes.ts,
 * docs/sessy.md §1.1, §5): URI and method first (404/405), then Basic auth (401), then the body (400); the `/_sim/`
 * control plane beside it. One app serves every meter of a variant in a process, each on its own server
 * (../shared/device-binding.ts, runtime/device-apps.ts); buildSessyMeterApp makes an app of one meter.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import type { MeterVariant, SessyMeterDevice } from '../../devices/sessy-meter/index.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import { createBasicAuthCheck, type Credentials } from '../shared/credentials.ts';
import type { DeviceApp } from '../shared/device-server.ts';
import type { EspServerOptions } from '../shared/esp-httpd.ts';
import { bodyCheckOf } from '../sessy/body-check.ts';
import { createFirmwareApp, type FirmwareAppKind, type FirmwareBinding, type OneDevice } from '../sessy/firmware-app.ts';
import { routesOf, type SpecRoute } from '../sessy/spec.ts';
import { sendResult } from '../sessy/wire.ts';
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

/** What every meter an app serves has in common. */
export interface SessyMeterAppKind extends FirmwareAppKind {
  readonly variant: MeterVariant;
}

/** An app of one meter, which listens on its own server (tests, through inject() or listen()). */
export async function buildSessyMeterApp(options: SessyMeterAppOptions): Promise<FastifyInstance> {
  const { runner, control, access } = options;
  const device: FirmwareBinding = { runner, control, access, authorized: createBasicAuthCheck(options.credentials) };
  const variant = (runner.device as SessyMeterDevice).variant;
  const { app } = await createSessyMeterApp({ variant, controlPlane: access.enabled, inSite: false, sleep: options.sleep, logger: options.logger ?? false }, { device, server: options });
  return app;
}

/**
 * Builds an app serving meters of one variant (no listen). With `one`, the app serves that meter alone on the app's
 * own server; without, every request comes marked from a meter's server (../shared/device-server.ts).
 */
export async function createSessyMeterApp(kind: SessyMeterAppKind, one?: OneDevice): Promise<DeviceApp<FirmwareBinding>> {
  return createFirmwareApp<RouteConfig>(kind, one, {
    routes: routesFor(kind.variant),
    configure(route) {
      const entry = METER_OPERATIONS[route.operationId as MeterOperationId];
      if (entry === undefined) throw new Error(`Failed to build the meter app: openapi/sessy-meter.yaml names operation ${route.operationId}, which has no handler. Add it to simulator/http/sessy-meter/handlers.ts.`);
      return { entry, bodyFits: route.bodySchema === undefined ? undefined : bodyCheckOf(route.bodySchema) };
    },
    answer(reply, { entry, bodyFits }, read, meter) {
      // Read the device from the runner on every request: a reset puts a fresh one in place.
      const request = { device: meter.runner.device as SessyMeterDevice, ...read };
      if (bodyFits === undefined || bodyFits(request.body)) return sendResult(reply, entry.handle(request));
      return sendResult(reply, entry.invalid ? entry.invalid(request) : badRequest('Failed to parse json'));
    },
  });
}
