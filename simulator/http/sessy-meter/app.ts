/**
 * Builds the meter emulator's Fastify app (no listen): the meter's API routed and validated by openapi-backend from
 * openapi/sessy-meter.yaml, the `/_sim/` control plugin beside it. The same ESP-IDF server as the dongle
 * (docs/sessy.md §1.1, §5): URI and method first (404/405), then Basic auth (401), then the body (400).
 */
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { OpenAPIBackend, type Context } from 'openapi-backend';
import type { ControlAccess } from '../../control/control-access.ts';
import type { SimControl } from '../../control/sim-control.ts';
import type { MeterVariant, SessyMeterDevice } from '../../devices/sessy-meter/index.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import type { Credentials } from '../shared/credentials.ts';
import { attachSimulation } from '../control/attach-simulation.ts';
import { constantTimeEqual, parseBasicAuth } from '../shared/credentials.ts';
import { ESP_DEFAULT_TEXT, espServerFactoryOptions, installEspServer, parserRefusal, type EspServerOptions } from '../shared/esp-httpd.ts';
import { CJSON_NESTING_LIMIT, MAX_BODY_BYTES, renderSessyError } from '../sessy/app.ts';
import { METHOD_NOT_ALLOWED_TEXT, NOT_FOUND_TEXT, sendHttpdError, sendResult, sendUnauthorized } from '../sessy/wire.ts';
import { METER_OPERATIONS } from './handlers.ts';
import type { MeterOperationId, MeterRequest, WireResult } from './operations.ts';
import { loadMeterSpec, meterSpecForVariant } from './spec.ts';
import { operationIdsOf } from '../sessy/spec.ts';

export interface SessyMeterAppOptions extends EspServerOptions {
  readonly runner: DeviceRunner;
  /** null: no credentials stored, nothing is protected. */
  readonly credentials: Credentials | null;
  readonly control: SimControl;
  readonly access: ControlAccess;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger?: FastifyServerOptions['logger'];
}

/** Bodies beyond this are cut off by Fastify before routing [bytes]. */
const HARD_BODY_LIMIT_BYTES = 64 * 1024;

type Outcome = { readonly kind: 'wire'; readonly result: WireResult } | { readonly kind: 'unauthorized' | 'not-found' | 'method-not-allowed' };

interface Env {
  readonly request: MeterRequest;
  readonly authorization: string | undefined;
  /** Whether a Basic-auth header names the meter's stored credentials. */
  readonly authorized: (header: string | undefined) => boolean;
}

/**
 * One openapi-backend per variant for the whole process, shared by every meter in it: the spec, its router and the
 * Ajv validators it compiles are the same for all of them (some 100 KB each, more once a body is validated;
 * bench/emulator-memory.ts). What differs per meter (device, credentials) reaches the handlers in `Env`.
 */
const BACKENDS = new Map<MeterVariant, Promise<OpenAPIBackend>>();

function backendFor(variant: MeterVariant): Promise<OpenAPIBackend> {
  let backend = BACKENDS.get(variant);
  if (backend === undefined) BACKENDS.set(variant, (backend = buildBackend(variant)));
  return backend;
}

async function buildBackend(variant: MeterVariant): Promise<OpenAPIBackend> {
  const spec = meterSpecForVariant(loadMeterSpec(), variant);
  const api = new OpenAPIBackend({ definition: spec as never, strict: true, quick: true, ignoreTrailingSlashes: false, validate: (c: Context) => c.operation?.requestBody !== undefined });
  const handlers: Record<string, (c: Context, env: Env) => Outcome> = {
    notFound: () => ({ kind: 'not-found' }),
    methodNotAllowed: () => ({ kind: 'method-not-allowed' }),
    unauthorizedHandler: () => ({ kind: 'unauthorized' }),
    validationFail: (c, env) => {
      const entry = METER_OPERATIONS[c.operation.operationId as MeterOperationId];
      return { kind: 'wire', result: entry.invalid ? entry.invalid(env.request) : { kind: 'error', status: 400, text: 'Failed to parse json' } };
    },
  };
  const served = new Set(operationIdsOf(spec));
  for (const [id, entry] of Object.entries(METER_OPERATIONS)) if (served.has(id)) handlers[id] = (_c, env) => ({ kind: 'wire', result: entry.handle(env.request) });
  api.register(handlers);
  api.registerSecurityHandler('sessyBasic', (_c: Context, env: Env) => env.authorized(env.authorization));
  await api.init();
  return api;
}

export async function buildSessyMeterApp(options: SessyMeterAppOptions): Promise<FastifyInstance> {
  const { runner, credentials } = options;
  const device = (): SessyMeterDevice => runner.device as SessyMeterDevice;
  const api = await backendFor(device().variant);
  const authorized = (header: string | undefined): boolean => {
    if (credentials === null) return true;
    const given = parseBasicAuth(header);
    return given !== undefined && constantTimeEqual(given.user, credentials.user) && constantTimeEqual(given.password, credentials.password);
  };

  const app = Fastify({ logger: options.logger ?? false, logController: new LogController({ disableRequestLogging: true }), forceCloseConnections: true, ...espServerFactoryOptions(options) });
  installEspServer(app, options);
  await attachSimulation(app, { runner, control: options.control, access: options.access, sleep: options.sleep, renderError: renderSessyError, sendNotFound: (reply) => sendHttpdError(reply, 404, NOT_FOUND_TEXT) });
  await app.register(async (vendor) => {
    vendor.removeAllContentTypeParsers();
    vendor.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: HARD_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
    vendor.addHook('onRequest', (req, reply, done) => {
      const refusal = parserRefusal(req.method, req.raw.httpVersionMajor, req.raw.httpVersionMinor);
      if (refusal !== undefined) return sendHttpdError(reply, refusal, ESP_DEFAULT_TEXT[refusal]);
      if (req.headers['content-type'] !== undefined) req.headers['content-type'] = 'application/octet-stream';
      done();
    });
    vendor.setErrorHandler(async (error, req, reply) => {
      const e = error as { code?: string; statusCode?: number };
      if ((e.statusCode ?? 500) >= 500) return sendHttpdError(reply, 500, ESP_DEFAULT_TEXT[500]);
      runner.sync();
      const bodyIssue = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'content too long' : 'Failed to parse json';
      return decide(reply, req.method, req.url.split('?')[0]!, req.headers.authorization, { device: device(), body: undefined, bodyIssue });
    });
    // Every request, as Fastify's not-found handler rather than a route on `/*`: each Fastify app already holds one
    // route per HTTP method for it, and a `/*` route for all 35 methods would add as many again (bench/emulator-memory.ts).
    vendor.setNotFoundHandler(async (req, reply) => {
      runner.sync();
      return decide(reply, req.method, req.url.split('?')[0]!, req.headers.authorization, readBody(device(), req.body as Buffer | undefined));
    });
  });

  async function decide(reply: FastifyReply, method: string, path: string, authorization: string | undefined, request: MeterRequest): Promise<FastifyReply> {
    const outcome = (await api.handleRequest({ method, path, headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) }, query: {}, body: request.body }, { request, authorization, authorized })) as Outcome;
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

function readBody(device: SessyMeterDevice, raw: Buffer | undefined): MeterRequest {
  if (raw === undefined || raw.length === 0) return { device, body: undefined, bodyIssue: 'empty' };
  if (raw.length > MAX_BODY_BYTES) return { device, body: undefined, bodyIssue: 'content too long' };
  if (nestingDepth(raw) > CJSON_NESTING_LIMIT) return { device, body: undefined, bodyIssue: 'Failed to parse json' };
  try {
    return { device, body: JSON.parse(raw.toString('utf8')), bodyIssue: undefined };
  } catch {
    return { device, body: undefined, bodyIssue: 'Failed to parse json' };
  }
}

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
