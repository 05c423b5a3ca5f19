/**
 * Builds the Sessy emulator's Fastify app (no listen): the vendor API routed and validated by openapi-backend from
 * openapi/sessy.yaml in its own encapsulated context, and the `/_sim/` control plugin beside it.
 * Order of checks, as the firmware's: URI and method (404/405, before auth, as ESP-IDF matches handlers first),
 * then Basic auth (401), then the body (400), then the handler.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { OpenAPIBackend, type Context } from 'openapi-backend';
import type { SessyDevice } from '../../devices/sessy/index.ts';
import type { DeviceRunner } from '../../runtime/device-runner.ts';
import type { Credentials } from '../../runtime/emulator.ts';
import { attachSimulation } from '../control/attach-simulation.ts';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import { constantTimeEqual, parseBasicAuth } from '../shared/credentials.ts';
import { SESSY_OPERATIONS } from './handlers/index.ts';
import type { OperationId, SessyRequest, WireResult } from './operations.ts';
import { loadSessySpec, operationIdsOf, specForFirmware } from './spec.ts';
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
/** Bodies beyond this are cut off by Fastify before routing [bytes]. */
const HARD_BODY_LIMIT_BYTES = 64 * 1024;

type Outcome =
  | { readonly kind: 'wire'; readonly result: WireResult; readonly operationId: OperationId; readonly invalid: boolean }
  | { readonly kind: 'unauthorized' | 'not-found' | 'method-not-allowed' };

/**
 * openapi-backend's decision for one exact request (method, path, Authorization, body bytes): which operation
 * runs, whether its body failed validation, or which refusal is sent.
 */
type Decision =
  | { readonly kind: 'operation'; readonly operationId: OperationId }
  | { readonly kind: 'invalid'; readonly operationId: OperationId }
  | { readonly kind: 'unauthorized' | 'not-found' | 'method-not-allowed' };

/** Bodies up to this size are part of a decision's key [bytes]: every control body (a setpoint, a strategy) is far smaller. */
const DECISION_BODY_BYTES = 256;
/** Distinct decisions kept before the memo starts over: every setpoint from −2200 to 2200 W fits (a few hundred kB). */
const DECISION_MEMO_SIZE = 8192;

interface Env {
  readonly request: SessyRequest;
  readonly authorization: string | undefined;
}

export async function buildSessyApp(options: SessyAppOptions): Promise<FastifyInstance> {
  const { runner, credentials } = options;
  // Read the device from the runner on every request: a reset puts a fresh one in place.
  const device = (): SessyDevice => runner.device as SessyDevice;
  const spec = specForFirmware(loadSessySpec(), device().profile.version);
  const served = new Set(operationIdsOf(spec));
  // Validate only operations that take a body: the others have no parameters to check.
  // quick: validators compile on first use and the document is not re-validated at every start (a test validates
  // openapi/sessy.yaml), which takes start-up from about a second to a few milliseconds.
  const api = new OpenAPIBackend({ definition: spec as never, strict: true, quick: true, ignoreTrailingSlashes: false, validate: (c: Context) => c.operation?.requestBody !== undefined });
  const handlers: Record<string, (c: Context, env: Env) => Outcome> = {
    notFound: () => ({ kind: 'not-found' }),
    methodNotAllowed: () => ({ kind: 'method-not-allowed' }),
    unauthorizedHandler: () => ({ kind: 'unauthorized' }),
    validationFail: (c, env) => {
      const entry = SESSY_OPERATIONS[c.operation.operationId as keyof typeof SESSY_OPERATIONS];
      return { kind: 'wire', operationId: c.operation.operationId as OperationId, result: invalidResult(entry, env.request), invalid: true };
    },
  };
  for (const [id, entry] of Object.entries(SESSY_OPERATIONS)) if (served.has(id)) handlers[id] = (_c, env) => ({ kind: 'wire', operationId: id as OperationId, result: entry.handle(env.request), invalid: false });
  api.register(handlers);
  api.registerSecurityHandler('sessyBasic', (_c: Context, env: Env) => {
    if (credentials === null) return true;
    const given = parseBasicAuth(env.authorization);
    // Both compared in full, case-sensitive, in constant time (the firmware compares against NVS local/user, local/pass).
    return given !== undefined && constantTimeEqual(given.user, credentials.user) && constantTimeEqual(given.password, credentials.password);
  });
  await api.init();
  memoiseRouting(api);

  const decisions = new Map<string, Decision>();
  // power/status is what every client polls: its printed bytes are kept until the model changes.
  let printed: { key: string; bytes: Buffer } | undefined;
  const powerStatusBytes = (compute: () => WireResult): Buffer => {
    const d = device();
    const key = `${d.site.now()} ${d.site.version} ${d.version}`;
    if (printed?.key !== key) printed = { key, bytes: printResult(compute()) };
    return printed.bytes;
  };

  // Fastify's schema compilers load only if a route has a schema: a faster cold start (issue 13).
  const app = Fastify({ logger: options.logger ?? false, logController: new LogController({ disableRequestLogging: true }), forceCloseConnections: true, schemaController: lazySchemaController(), ...espServerFactoryOptions(options) });
  installEspServer(app, options);
  await attachSimulation(app, { runner, control: options.control, access: options.access, sleep: options.sleep, renderError: renderSessyError });
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
    // A body Fastify could not read (too long, cut short) is the body check's answer, after routing and auth.
    vendor.setErrorHandler((error, req, reply) => {
      const e = error as { code?: string; statusCode?: number };
      if ((e.statusCode ?? 500) >= 500) return sendHttpdError(reply, 500, ESP_DEFAULT_TEXT[500]);
      runner.sync();
      const bodyIssue = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'content too long' : 'Failed to parse json';
      return decideAndAnswer(req, reply, { device: device(), body: undefined, bodyIssue }, req.url.split('?')[0]!, undefined);
    });
    // Synchronous for a request decided before (nearly all of them): no promise per answer; async only when
    // openapi-backend has to decide.
    vendor.all('/*', (req, reply) => {
      runner.sync();
      const raw = req.body as Buffer | undefined;
      const sessyRequest = readBody(device(), raw);
      const path = req.url.split('?')[0]!;
      // What openapi-backend decides depends only on the method, the path, the Authorization header and the body:
      // it decides each such request once, and the decision is replayed after that (a controller sends the same few
      // requests all day). The handler itself runs every time.
      const key = raw === undefined || raw.length <= DECISION_BODY_BYTES ? `${req.method} ${path}\n${req.headers.authorization ?? ''}\n${raw?.toString('latin1') ?? ''}` : undefined;
      const known = key === undefined ? undefined : decisions.get(key);
      if (known === undefined) return decideAndAnswer(req, reply, sessyRequest, path, key);
      if (known.kind === 'operation' && known.operationId === 'getPowerStatus') {
        return sendJsonBytes(reply, powerStatusBytes(() => SESSY_OPERATIONS.getPowerStatus.handle(sessyRequest)));
      }
      if (known.kind === 'operation' || known.kind === 'invalid') {
        const entry = SESSY_OPERATIONS[known.operationId];
        const invalid = known.kind === 'invalid';
        return answer(reply, { kind: 'wire', operationId: known.operationId, result: invalid ? invalidResult(entry, sessyRequest) : entry.handle(sessyRequest), invalid });
      }
      return answer(reply, known);
    });
  });

  /** A request not seen before: openapi-backend routes, authenticates and validates it, and its verdict is kept. */
  async function decideAndAnswer(req: FastifyRequest, reply: FastifyReply, sessyRequest: SessyRequest, path: string, key: string | undefined): Promise<FastifyReply> {
    const outcome = (await api.handleRequest(
      { method: req.method, path, headers: { ...(req.headers as Record<string, string>), 'content-type': 'application/json' }, query: {}, body: sessyRequest.body },
      { request: sessyRequest, authorization: req.headers.authorization },
    )) as Outcome;
    if (key !== undefined) {
      if (decisions.size >= DECISION_MEMO_SIZE) decisions.clear();
      decisions.set(key, outcome.kind !== 'wire' ? outcome : outcome.invalid ? { kind: 'invalid', operationId: outcome.operationId } : { kind: 'operation', operationId: outcome.operationId });
    }
    return answer(reply, outcome);
  }

  function answer(reply: FastifyReply, outcome: Outcome): FastifyReply {
    if (outcome.kind === 'wire' && outcome.operationId === 'getPowerStatus') {
      const result = outcome.result;
      return sendJsonBytes(reply, powerStatusBytes(() => result));
    }
    switch (outcome.kind) {
      case 'wire':
        return sendResult(reply, outcome.result);
      case 'unauthorized':
        return sendUnauthorized(reply);
      case 'not-found':
        return sendHttpdError(reply, 404, NOT_FOUND_TEXT);
      case 'method-not-allowed':
        return sendHttpdError(reply, 405, METHOD_NOT_ALLOWED_TEXT);
    }
  }
  return app;
}

/**
 * openapi-backend's router tests every operation's regex on each request (≈ 100 µs); the spec has no path
 * parameters, so (method, path) → operation or routing error is exact and bounded by the paths clients try.
 */
function memoiseRouting(api: OpenAPIBackend): void {
  const router = api.router;
  const match = router.matchOperation.bind(router) as (req: { method: string; path: string }, strict?: boolean) => unknown;
  const memo = new Map<string, { readonly operation?: unknown; readonly error?: unknown }>();
  (router as { matchOperation: unknown }).matchOperation = (req: { method: string; path: string }, strict?: boolean) => {
    const key = `${strict ? 1 : 0} ${req.method.toLowerCase()} ${req.path}`;
    let hit = memo.get(key);
    if (!hit) {
      try {
        hit = { operation: match(req, strict) };
      } catch (error) {
        hit = { error };
      }
      if (memo.size >= 1024) memo.clear();
      memo.set(key, hit);
    }
    if (hit.error) throw hit.error;
    return hit.operation;
  };
}

/** What the dongle sends for an error status a fault injects: httpd_resp_send_err's text/html and a closed socket. */
export function renderSessyError(status: number): WireError {
  const body = status === 404 ? NOT_FOUND_TEXT : status === 405 ? METHOD_NOT_ALLOWED_TEXT : cJsonPrintUnformatted({ status: 'error', error: status === 503 ? 'Device is starting up' : 'Internal error' });
  return { statusCode: status, headers: { 'content-type': 'text/html', connection: 'close' }, body };
}

/** What the firmware answers for a body that fails the operation's schema. */
function invalidResult(entry: (typeof SESSY_OPERATIONS)[OperationId], request: SessyRequest): WireResult {
  return 'invalid' in entry && entry.invalid ? entry.invalid(request) : { kind: 'error', status: 400, text: 'Failed to parse json' };
}

function readBody(device: SessyDevice, raw: Buffer | undefined): SessyRequest {
  if (raw === undefined || raw.length === 0) return { device, body: undefined, bodyIssue: 'empty' };
  if (raw.length > MAX_BODY_BYTES) return { device, body: undefined, bodyIssue: 'content too long' };
  if (nestingDepth(raw) > CJSON_NESTING_LIMIT) return { device, body: undefined, bodyIssue: 'Failed to parse json' };
  try {
    return { device, body: JSON.parse(raw.toString('utf8')), bodyIssue: undefined };
  } catch {
    return { device, body: undefined, bodyIssue: 'Failed to parse json' };
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
