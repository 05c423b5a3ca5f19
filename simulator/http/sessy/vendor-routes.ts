/**
 * A Sessy firmware's vendor API (the dongle's and the meter's): a table of the operations of the device's spec,
 * checked in the order ESP-IDF's server and the firmware check (docs/sessy.md §1.1, §5): the parser's refusals
 * (unknown method, HTTP version), then URI and method (404/405, before auth: ESP-IDF matches handlers first), then
 * Basic auth (401), then the body (too long, not JSON, too deep: 400), then the device's handler. The app says what
 * to answer once a request has passed all of that; the lookup and the refusals are here, once.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ESP_DEFAULT_TEXT, parserRefusal } from '../shared/esp-httpd.ts';
import type { SpecRoute } from './spec.ts';
import { METHOD_NOT_ALLOWED_TEXT, NOT_FOUND_TEXT, sendHttpdError, sendUnauthorized } from './wire.ts';

/** Largest request body the firmware's handlers read [bytes]; beyond it they answer "content too long" [A: buffer size not read out]. */
export const MAX_BODY_BYTES = 2048;
/** Bodies beyond this are cut off by Fastify before the handler [bytes]. */
const HARD_BODY_LIMIT_BYTES = 64 * 1024;
/** cJSON's CJSON_NESTING_LIMIT: cJSON_Parse fails on arrays and objects nested deeper (docs/http-errors.md). */
export const CJSON_NESTING_LIMIT = 1000;

/** Why a body could not be used, in the firmware's words. */
export type BodyIssue = 'content too long' | 'Failed to parse json' | 'empty' | undefined;

/** A request body as the firmware reads it: parsed JSON, or why there is none. */
export interface ReadBody {
  /** The parsed JSON body; undefined when absent or unreadable (see bodyIssue). */
  readonly body: unknown;
  readonly bodyIssue: BodyIssue;
}

export interface EspVendorRoutesOptions<C> {
  /** The operations the device serves, in the spec's order. */
  readonly routes: readonly SpecRoute[];
  /** What a route's answer needs, built once when the route is registered (throw for an operation with no handler). */
  readonly configure: (route: SpecRoute) => C;
  /** Whether the request's Authorization header opens the protected operations of the device it reached. */
  readonly authorized: (req: FastifyRequest) => boolean;
  /** Brings the model of the device a request reached up to the simulated now before an answer reads it. */
  readonly sync: (req: FastifyRequest) => void;
  /** The answer to a request that passed routing and auth: its body as read, or what Fastify found wrong with it. */
  readonly answer: (reply: FastifyReply, config: C, read: ReadBody) => FastifyReply;
}

/** Registers the vendor API in `vendor`, an encapsulated context of its own (its parsers and error handler are its own). */
export function registerEspVendorRoutes<C>(vendor: FastifyInstance, options: EspVendorRoutesOptions<C>): void {
  const { authorized, sync, answer } = options;
  const knownPaths = new Set(options.routes.map((r) => r.path));
  vendor.removeAllContentTypeParsers();
  // The firmware reads the body whatever its Content-Type says.
  vendor.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: HARD_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
  // The parser's checks come first: a method ESP-IDF's parser does not know never reaches the firmware. No
  // Content-Type (missing, broken) stops a request either.
  vendor.addHook('onRequest', (req, reply, done) => {
    const refusal = parserRefusal(req.method, req.raw.httpVersionMajor, req.raw.httpVersionMinor);
    if (refusal !== undefined) return sendHttpdError(reply, refusal, ESP_DEFAULT_TEXT[refusal]);
    if (req.headers['content-type'] !== undefined) req.headers['content-type'] = 'application/octet-stream';
    done();
  });
  // Every request reaches the operation table through Fastify's not-found handler: no Fastify route per operation.
  // Each route costs some 3 KB of heap per emulator (its context, hooks and router nodes; bench/emulator-memory.ts),
  // and the table's lookup compares the URI as sent, as ESP-IDF does (a path Fastify would match only after decoding
  // %XX matches nothing).
  const table = new Map<string, { readonly route: SpecRoute; readonly config: C }>();
  for (const route of options.routes) table.set(`${route.method} ${route.path}`, { route, config: options.configure(route) });
  /** The operation of a request, or undefined for a URI or method the firmware does not serve. */
  const operationOf = (req: FastifyRequest) => table.get(`${req.method} ${req.url.split('?')[0]!}`);
  /** The URI, the method and Basic auth, in ESP-IDF's order: the refusal sent, or undefined to go on. */
  const refuse = (req: FastifyRequest, reply: FastifyReply, operation: { readonly route: SpecRoute } | undefined): FastifyReply | undefined => {
    // ESP-IDF matches HEAD like any other method: HEAD on a GET-only URI is 405.
    if (operation === undefined) return knownPaths.has(req.url.split('?')[0]!) ? sendHttpdError(reply, 405, METHOD_NOT_ALLOWED_TEXT) : sendHttpdError(reply, 404, NOT_FOUND_TEXT);
    if (!operation.route.open && !authorized(req)) return sendUnauthorized(reply);
    return undefined;
  };
  // A body Fastify could not read (too long, cut short) is the body check's answer, after routing and auth.
  vendor.setErrorHandler((error, req, reply) => {
    const e = error as { code?: string; statusCode?: number };
    if ((e.statusCode ?? 500) >= 500) return sendHttpdError(reply, 500, ESP_DEFAULT_TEXT[500]);
    const operation = operationOf(req);
    const refused = refuse(req, reply, operation);
    if (refused || operation === undefined) return refused;
    sync(req);
    return answer(reply, operation.config, { body: undefined, bodyIssue: e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'content too long' : 'Failed to parse json' });
  });
  vendor.setNotFoundHandler((req, reply) => {
    const operation = operationOf(req);
    const refused = refuse(req, reply, operation);
    if (refused || operation === undefined) return refused;
    sync(req);
    return answer(reply, operation.config, readJsonBody(req.body as Buffer | undefined));
  });
}

/** The body as the firmware reads it: at most MAX_BODY_BYTES, parsed by cJSON (nesting limit included). */
export function readJsonBody(raw: Buffer | undefined): ReadBody {
  if (raw === undefined || raw.length === 0) return { body: undefined, bodyIssue: 'empty' };
  if (raw.length > MAX_BODY_BYTES) return { body: undefined, bodyIssue: 'content too long' };
  if (nestingDepth(raw) > CJSON_NESTING_LIMIT) return { body: undefined, bodyIssue: 'Failed to parse json' };
  try {
    return { body: JSON.parse(raw.toString('utf8')), bodyIssue: undefined };
  } catch {
    return { body: undefined, bodyIssue: 'Failed to parse json' };
  }
}

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
