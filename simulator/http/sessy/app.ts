/**
 * Builds the Sessy emulator's Fastify app (no listen): the vendor API in its own encapsulated context, one Fastify
 * route per operation of openapi/sessy.yaml that the firmware profile serves (method, path, auth and body schema
 * read from the spec, the handler from the table keyed by operationId), and the `/_sim/` control plugin beside it.
 * Order of checks, as the firmware's: URI and method (404/405, before auth, as ESP-IDF matches handlers first),
 * then Basic auth (401), then the body (400), then the handler.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { SessyDevice } from '../../devices/sessy/index.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import { attachSimulation } from '../control/attach-simulation.ts';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import { createConstantTimeMatcher, type Credentials, parseBasicAuth } from '../shared/credentials.ts';
import { SESSY_OPERATIONS } from './handlers/index.ts';
import type { FirmwareFields, OperationEntry, OperationId, SessyRequest, WireResult } from './operations.ts';
import { createBodyChecks } from './body-check.ts';
import { loadSessySpec, powerStatusKeysOf, routesOf, specForFirmware, type SpecRoute } from './spec.ts';
import type { WireError } from '../control/fault-hooks.ts';
import { cJsonPrintUnformatted } from './cjson.ts';
import { ESP_DEFAULT_TEXT, espServerFactoryOptions, parserRefusal, installEspServer, type EspServerOptions } from '../shared/esp-httpd.ts';
import { lazySchemaController } from '../shared/lazy-schema-compilers.ts';
import { METHOD_NOT_ALLOWED_TEXT, NOT_FOUND_TEXT, printResult, sendHttpdError, sendJsonBytes, sendResult, sendUnauthorized } from './wire.ts';

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

/** Largest request body the handlers read [bytes]; beyond it the firmware answers "content too long" [A: buffer size not read out]. */
export const MAX_BODY_BYTES = 2048;
/** Bodies beyond this are cut off by Fastify before the handler [bytes]. */
const HARD_BODY_LIMIT_BYTES = 64 * 1024;

/** What an operation of the firmware's table carries: the spec's operation, its handler and its body check. */
interface RouteConfig {
  readonly route: SpecRoute;
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
  const { routes, fields, knownPaths } = firmwareRoutesOf(device().profile.version);
  const authorized = authCheck(options.credentials);

  // Fastify's schema compilers load only if a route has a schema: a faster cold start (issue 13).
  const app = Fastify({ logger: options.logger ?? false, logController: new LogController({ disableRequestLogging: true }), forceCloseConnections: true, schemaController: lazySchemaController(), ...espServerFactoryOptions(options) });
  installEspServer(app, options);
  await attachSimulation(app, { runner, control: options.control, access: options.access, sleep: options.sleep, renderError: renderSessyError, sendNotFound: (reply) => sendHttpdError(reply, 404, NOT_FOUND_TEXT) });
  await app.register(async (vendor) => {
    vendor.removeAllContentTypeParsers();
    // The firmware reads the body whatever its Content-Type says.
    vendor.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: HARD_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
    // The parser's checks come first: a method ESP-IDF's parser does not know never reaches the firmware. The
    // firmware reads the body whatever its Content-Type says, so no Content-Type (missing, broken) stops a request.
    vendor.addHook('onRequest', (req, reply, done) => {
      const refusal = parserRefusal(req.method, req.raw.httpVersionMajor, req.raw.httpVersionMinor);
      if (refusal !== undefined) return sendHttpdError(reply, refusal, ESP_DEFAULT_TEXT[refusal]);
      if (req.headers['content-type'] !== undefined) req.headers['content-type'] = 'application/octet-stream';
      done();
    });
    // Every request reaches the firmware's table through Fastify's not-found handler: no Fastify route per operation.
    // Each route costs some 3 KB of heap per emulator (its context, hooks and router nodes; bench/emulator-memory.ts),
    // and the table's lookup compares the URI as sent, as ESP-IDF does (a path Fastify would match only after
    // decoding %XX matches nothing).
    const configs = new Map<string, RouteConfig>();
    for (const route of routes) {
      const entry = SESSY_OPERATIONS[route.route.operationId as OperationId];
      if (entry === undefined) throw new Error(`Failed to build the Sessy app: openapi/sessy.yaml names operation ${route.route.operationId}, which has no handler. Add it to simulator/http/sessy/handlers/.`);
      configs.set(`${route.route.method} ${route.route.path}`, { route: route.route, entry, bodyFits: route.bodyFits, printed: undefined });
    }
    /** The operation of a request, or undefined for a URI or method the firmware does not serve. */
    const configOf = (req: FastifyRequest): RouteConfig | undefined => configs.get(`${req.method} ${req.url.split('?')[0]!}`);
    /** The URI, the method and Basic auth, in ESP-IDF's order: the refusal sent, or undefined to go on. */
    const refuse = (req: FastifyRequest, reply: FastifyReply, config: RouteConfig | undefined): FastifyReply | undefined => {
      // ESP-IDF matches HEAD like any other method: HEAD on a GET-only URI is 405.
      if (config === undefined) return knownPaths.has(req.url.split('?')[0]!) ? sendHttpdError(reply, 405, METHOD_NOT_ALLOWED_TEXT) : sendHttpdError(reply, 404, NOT_FOUND_TEXT);
      if (!config.route.open && !authorized(req.headers.authorization)) return sendUnauthorized(reply);
      return undefined;
    };
    // A body Fastify could not read (too long, cut short) is the body check's answer, after routing and auth.
    vendor.setErrorHandler((error, req, reply) => {
      const e = error as { code?: string; statusCode?: number };
      if ((e.statusCode ?? 500) >= 500) return sendHttpdError(reply, 500, ESP_DEFAULT_TEXT[500]);
      const config = configOf(req);
      const refused = refuse(req, reply, config);
      if (refused || config === undefined) return refused;
      runner.sync();
      const bodyIssue = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'content too long' : 'Failed to parse json';
      return answer(reply, config, { device: device(), fields, body: undefined, bodyIssue });
    });
    vendor.setNotFoundHandler((req, reply) => {
      const config = configOf(req);
      const refused = refuse(req, reply, config);
      if (refused || config === undefined) return refused;
      runner.sync();
      return answer(reply, config, readBody(device(), fields, req.body as Buffer | undefined));
    });
  });
  return app;
}

/** What a firmware version serves, read from the spec: the same for every app of that version. */
interface FirmwareRoutes {
  readonly routes: readonly { readonly route: SpecRoute; readonly bodyFits: ((body: unknown) => boolean) | undefined }[];
  readonly fields: FirmwareFields;
  readonly knownPaths: ReadonlySet<string>;
}

/**
 * The routes of each firmware version, read once per process and shared by every Sessy app in it: the parsed spec,
 * the body schemas and the validators Ajv compiles from them are the same for all (bench/emulator-memory.ts).
 */
const FIRMWARE_ROUTES = new Map<string, FirmwareRoutes>();

function firmwareRoutesOf(version: string): FirmwareRoutes {
  let table = FIRMWARE_ROUTES.get(version);
  if (table === undefined) {
    const spec = loadSessySpec();
    const routes = routesOf(specForFirmware(spec, version));
    const bodyCheck = createBodyChecks();
    table = {
      routes: routes.map((route) => ({ route, bodyFits: route.bodySchema === undefined ? undefined : bodyCheck(route.bodySchema) })),
      fields: { powerStatusKeys: powerStatusKeysOf(spec, version) },
      knownPaths: new Set(routes.map((r) => r.path)),
    };
    FIRMWARE_ROUTES.set(version, table);
  }
  return table;
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

/**
 * Basic auth against the stored credentials: both compared in full, case-sensitive, in constant time (the firmware
 * compares against NVS local/user, local/pass). The verdict on a header is kept: the two digests cost about 17 µs,
 * a sixth of an authenticated request, and a client sends the same header every time.
 */
function authCheck(credentials: Credentials | null): (header: string | undefined) => boolean {
  if (credentials === null) return () => true;
  const userMatches = createConstantTimeMatcher(credentials.user);
  const passwordMatches = createConstantTimeMatcher(credentials.password);
  const verdicts = new Map<string, boolean>();
  return (header) => {
    if (header === undefined) return false;
    let verdict = verdicts.get(header);
    if (verdict === undefined) {
      const given = parseBasicAuth(header);
      verdict = given !== undefined && userMatches(given.user) && passwordMatches(given.password);
      if (verdicts.size >= AUTH_VERDICTS_KEPT) verdicts.clear();
      verdicts.set(header, verdict);
    }
    return verdict;
  };
}

/** Distinct Authorization headers whose verdict is kept before the memo starts over. */
const AUTH_VERDICTS_KEPT = 64;

/** What the dongle sends for an error status a fault injects: httpd_resp_send_err's text/html and a closed socket. */
export function renderSessyError(status: number): WireError {
  const body = status === 404 ? NOT_FOUND_TEXT : status === 405 ? METHOD_NOT_ALLOWED_TEXT : cJsonPrintUnformatted({ status: 'error', error: status === 503 ? 'Device is starting up' : 'Internal error' });
  return { statusCode: status, headers: { 'content-type': 'text/html', connection: 'close' }, body };
}

/** What the firmware answers for a body that fails the operation's schema. */
function invalidResult(entry: OperationEntry, request: SessyRequest): WireResult {
  return 'invalid' in entry && entry.invalid ? entry.invalid(request) : { kind: 'error', status: 400, text: 'Failed to parse json' };
}

function readBody(device: SessyDevice, fields: FirmwareFields, raw: Buffer | undefined): SessyRequest {
  if (raw === undefined || raw.length === 0) return { device, fields, body: undefined, bodyIssue: 'empty' };
  if (raw.length > MAX_BODY_BYTES) return { device, fields, body: undefined, bodyIssue: 'content too long' };
  if (nestingDepth(raw) > CJSON_NESTING_LIMIT) return { device, fields, body: undefined, bodyIssue: 'Failed to parse json' };
  try {
    return { device, fields, body: JSON.parse(raw.toString('utf8')), bodyIssue: undefined };
  } catch {
    return { device, fields, body: undefined, bodyIssue: 'Failed to parse json' };
  }
}

/** cJSON's CJSON_NESTING_LIMIT: cJSON_Parse fails on arrays and objects nested deeper (docs/http-errors.md). */
export const CJSON_NESTING_LIMIT = 1000;

/** The deepest nesting of `[` and `{` outside strings; the body is at most MAX_BODY_BYTES, so this is cheap. */
function nestingDepth(raw: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
