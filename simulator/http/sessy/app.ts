/**
 * Builds the app that serves Sessy dongles (no listen): the vendor API in its own encapsulated context, the
 * operations of openapi/sessy.yaml that the firmware profile serves (method, path, auth and body schema read from
 * the spec, the handler from the table keyed by operationId), and the `/_sim/` control plane beside it. One app
 * serves every dongle of a firmware in a process, each on its own server that marks its requests with the dongle
 * (../shared/device-binding.ts, runtime/device-apps.ts); buildSessyApp makes an app of one dongle.
 * Order of checks, as the firmware's (vendor-routes.ts, shared with the meter): URI and method (404/405, before
 * auth, as ESP-IDF matches handlers first), then Basic auth (401), then the body (400), then the handler.
 */
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import type { FirmwareVersion, SessyDevice } from '../../devices/sessy/index.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import { createBasicAuthCheck, type Credentials } from '../shared/credentials.ts';
import type { DeviceApp } from '../shared/device-server.ts';
import type { EspServerOptions } from '../shared/esp-httpd.ts';
import { bodyCheckOf } from './body-check.ts';
import { createFirmwareApp, type FirmwareAppKind, type FirmwareBinding, type OneDevice } from './firmware-app.ts';
import { SESSY_OPERATIONS } from './handlers/index.ts';
import type { FirmwareFields, OperationEntry, OperationId, SessyRequest, WireResult } from './operations.ts';
import { firmwareRoutesOf } from './spec.ts';
import { printResult, sendJsonBytes, sendResult } from './wire.ts';

export { MAX_BODY_BYTES } from './vendor-routes.ts';

export interface SessyAppOptions extends EspServerOptions {
  readonly runner: DeviceRunner;
  /** null: no credentials stored, nothing is protected (docs/sessy.md §1.2). */
  readonly credentials: Credentials | null;
  /** The simulation control and its access rules; faults act on the vendor routes through it. */
  readonly control: SimControl;
  readonly access: ControlAccess;
  /** Wall-clock wait for latency and trickle faults (the runtime owns timers). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Fastify's logger (pino); default off. Vendor requests are logged one line each by the fault hooks. */
  readonly logger?: FastifyServerOptions['logger'];
}

/** What every dongle an app serves has in common. */
export interface SessyAppKind extends FirmwareAppKind {
  readonly firmware: FirmwareVersion;
}

/** What a vendor route's answer needs: its handler and its body check. */
interface RouteConfig {
  readonly entry: OperationEntry;
  /** Whether a parsed body fits the operation's request schema; undefined for an operation without a body. */
  readonly bodyFits: ((body: unknown) => boolean) | undefined;
}

/** The last printed answer of each reusable operation of a model, and the model state it shows; a reset's fresh model starts empty. */
const printedOf = new WeakMap<SessyDevice, Map<RouteConfig, { key: string; bytes: Buffer }>>();

/** An app of one dongle, which listens on its own server (tests, through inject() or listen()). */
export async function buildSessyApp(options: SessyAppOptions): Promise<FastifyInstance> {
  const { runner, control, access } = options;
  const device: FirmwareBinding = { runner, control, access, authorized: createBasicAuthCheck(options.credentials) };
  const firmware = (runner.device as SessyDevice).profile.version;
  const { app } = await createSessyApp({ firmware, controlPlane: access.enabled, inSite: false, sleep: options.sleep, logger: options.logger ?? false }, { device, server: options });
  return app;
}

/**
 * Builds an app serving dongles of one firmware (no listen). With `one`, the app serves that dongle alone on the app's
 * own server; without, every request comes marked from a dongle's server (../shared/device-server.ts).
 */
export async function createSessyApp(kind: SessyAppKind, one?: OneDevice): Promise<DeviceApp<FirmwareBinding>> {
  const { routes, powerStatusKeys } = firmwareRoutesOf(kind.firmware);
  const fields: FirmwareFields = { powerStatusKeys };
  return createFirmwareApp<RouteConfig>(kind, one, {
    routes,
    configure(route) {
      const entry = SESSY_OPERATIONS[route.operationId as OperationId];
      if (entry === undefined) throw new Error(`Failed to build the Sessy app: openapi/sessy.yaml names operation ${route.operationId}, which has no handler. Add it to simulator/http/sessy/handlers/.`);
      return { entry, bodyFits: route.bodySchema === undefined ? undefined : bodyCheckOf(route.bodySchema) };
    },
    // Read the device from the runner on every request: a reset puts a fresh one in place.
    answer: (reply, config, read, dongle) => answer(reply, config, { device: dongle.runner.device as SessyDevice, fields, ...read }),
  });
}

/** The handler's answer, or the firmware's refusal of a body that does not fit the operation's schema. */
function answer(reply: FastifyReply, config: RouteConfig, request: SessyRequest): FastifyReply {
  const { entry } = config;
  if (entry.reusable) {
    const { device } = request;
    const key = `${device.site.now()} ${device.site.version} ${device.version}`;
    let printed = printedOf.get(device);
    if (printed === undefined) printedOf.set(device, (printed = new Map()));
    let last = printed.get(config);
    if (last?.key !== key) printed.set(config, (last = { key, bytes: printResult(entry.handle(request)) }));
    return sendJsonBytes(reply, last.bytes);
  }
  const fits = config.bodyFits === undefined || config.bodyFits(request.body);
  return sendResult(reply, fits ? entry.handle(request) : invalidResult(entry, request));
}

/** What the firmware answers for a body that fails the operation's schema. */
function invalidResult(entry: OperationEntry, request: SessyRequest): WireResult {
  return 'invalid' in entry && entry.invalid ? entry.invalid(request) : { kind: 'error', status: 400, text: 'Failed to parse json' };
}
