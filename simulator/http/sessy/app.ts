/**
 * Builds the Sessy emulator's Fastify app (no listen): the vendor API in its own encapsulated context, one Fastify
 * route per operation of openapi/sessy.yaml that the firmware profile serves (method, path, auth and body schema
 * read from the spec, the handler from the table keyed by operationId), and the `/_sim/` control plugin beside it.
 * Order of checks, as the firmware's (vendor-routes.ts, shared with the meter): URI and method (404/405, before
 * auth, as ESP-IDF matches handlers first), then Basic auth (401), then the body (400), then the handler.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { SessyDevice } from '../../devices/sessy/index.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import { attachSimulation } from '../control/attach-simulation.ts';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import { createBasicAuthCheck, type Credentials } from '../shared/credentials.ts';
import { SESSY_OPERATIONS } from './handlers/index.ts';
import type { FirmwareFields, OperationEntry, OperationId, SessyRequest, WireResult } from './operations.ts';
import { bodyCheckOf } from './body-check.ts';
import { firmwareRoutesOf } from './spec.ts';
import type { WireError } from '../control/fault-hooks.ts';
import { cJsonPrintUnformatted } from './cjson.ts';
import { espServerFactoryOptions, installEspServer, type EspServerOptions } from '../shared/esp-httpd.ts';
import { lazySchemaController } from '../shared/lazy-schema-compilers.ts';
import { METHOD_NOT_ALLOWED_TEXT, NOT_FOUND_TEXT, printResult, sendHttpdError, sendJsonBytes, sendResult } from './wire.ts';
import { registerEspVendorRoutes } from './vendor-routes.ts';

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

/** What a vendor route's answer needs: its handler and its body check. */
interface RouteConfig {
  readonly entry: OperationEntry;
  /** Whether a parsed body fits the operation's request schema; undefined for an operation without a body. */
  readonly bodyFits: ((body: unknown) => boolean) | undefined;
  /** The last printed answer of a reusable operation and the model state it shows. */
  printed: { device: SessyDevice; key: string; bytes: Buffer } | undefined;
}

export async function buildSessyApp(options: SessyAppOptions): Promise<FastifyInstance> {
  const { runner } = options;
  // Read the device from the runner on every request: a reset puts a fresh one in place.
  const device = (): SessyDevice => runner.device as SessyDevice;
  const { routes, powerStatusKeys } = firmwareRoutesOf(device().profile.version);
  const fields: FirmwareFields = { powerStatusKeys };

  // Fastify's schema compilers load only if a route has a schema: a faster cold start (issue 13).
  const app = Fastify({ logger: options.logger ?? false, logController: new LogController({ disableRequestLogging: true }), forceCloseConnections: true, schemaController: lazySchemaController(), ...espServerFactoryOptions(options) });
  installEspServer(app, options);
  await attachSimulation(app, { runner, control: options.control, access: options.access, sleep: options.sleep, renderError: renderSessyError, sendNotFound: (reply) => sendHttpdError(reply, 404, NOT_FOUND_TEXT) });
  await app.register(async (vendor) =>
    registerEspVendorRoutes<RouteConfig>(vendor, {
      routes,
      authorized: createBasicAuthCheck(options.credentials),
      sync: () => runner.sync(),
      configure(route) {
        const entry = SESSY_OPERATIONS[route.operationId as OperationId];
        if (entry === undefined) throw new Error(`Failed to build the Sessy app: openapi/sessy.yaml names operation ${route.operationId}, which has no handler. Add it to simulator/http/sessy/handlers/.`);
        return { entry, bodyFits: route.bodySchema === undefined ? undefined : bodyCheckOf(route.bodySchema), printed: undefined };
      },
      answer: (reply, config, read) => answer(reply, config, { device: device(), fields, ...read }),
    }),
  );
  return app;
}

/** The handler's answer, or the firmware's refusal of a body that does not fit the operation's schema. */
function answer(reply: FastifyReply, config: RouteConfig, request: SessyRequest): FastifyReply {
  const { entry } = config;
  if (entry.reusable) {
    const { device } = request;
    const key = `${device.site.now()} ${device.site.version} ${device.version}`;
    // A reset puts a fresh device in place, whose versions may read the same.
    if (config.printed?.key !== key || config.printed.device !== device) config.printed = { device, key, bytes: printResult(entry.handle(request)) };
    return sendJsonBytes(reply, config.printed.bytes);
  }
  const fits = config.bodyFits === undefined || config.bodyFits(request.body);
  return sendResult(reply, fits ? entry.handle(request) : invalidResult(entry, request));
}

/** What the dongle sends for an error status a fault injects: httpd_resp_send_err's text/html and a closed socket. */
export function renderSessyError(status: number): WireError {
  const body = status === 404 ? NOT_FOUND_TEXT : status === 405 ? METHOD_NOT_ALLOWED_TEXT : cJsonPrintUnformatted({ status: 'error', error: status === 503 ? 'Device is starting up' : 'Internal error' });
  return { statusCode: status, headers: { 'content-type': 'text/html', connection: 'close' }, body };
}

/** What the firmware answers for a body that fails the operation's schema. */
function invalidResult(entry: OperationEntry, request: SessyRequest): WireResult {
  return 'invalid' in entry && entry.invalid ? entry.invalid(request) : { kind: 'error', status: 400, text: 'Failed to parse json' };
}
