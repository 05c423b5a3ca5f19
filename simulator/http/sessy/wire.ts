/**
 * Writes responses the way the dongle's ESP-IDF httpd does (docs/sessy.md §1.1, §1.2, §5): success as cJSON_Print with
 * application/json; errors through httpd_resp_send_err, so text/html and the socket closed; the 401 with an
 * uppercase reason phrase, `WWW-Authenticate: Basic realm="Sessy"`, keep-alive and an empty body. No Date header:
 * esp_http_server sends none.
 */
import type { FastifyReply } from 'fastify';
import type { WireError } from '../control/fault-hooks.ts';
import { cJsonPrint, cJsonPrintUnformatted } from './cjson.ts';
import type { WireResult } from './operations.ts';

/** ESP-IDF's reason phrases where they differ from Node's. */
const REASON: Readonly<Record<number, string>> = { 401: 'UNAUTHORIZED', 505: 'Version Not Supported' };

export const NOT_FOUND_TEXT = 'Nothing matches the given URI';
export const METHOD_NOT_ALLOWED_TEXT = 'Specified method is invalid for this resource';

export function sendResult(reply: FastifyReply, result: WireResult): FastifyReply {
  if (result.kind === 'json') return sendJsonBytes(reply, printResult(result));
  reply.raw.sendDate = false;
  if (result.kind === 'text') return reply.code(200).type('text/plain').send(result.body);
  return sendHttpdError(reply, result.status, cJsonPrintUnformatted({ status: 'error', error: result.text }));
}

/** A success body as the firmware prints it (cJSON_Print). */
export function printResult(result: WireResult): Buffer {
  if (result.kind !== 'json') throw new Error(`printResult needs a JSON result, got ${result.kind}`);
  // Memory of its own, not a slice of Node's shared 8 KiB pool: an app keeps its last answer, and a kept slice keeps
  // the whole slab alive (some 4 KB per emulator; bench/emulator-memory.ts).
  const text = cJsonPrint(result.body);
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

/** A printed JSON success. A Buffer keeps Fastify from appending "; charset=utf-8": the firmware sends plain application/json. */
export function sendJsonBytes(reply: FastifyReply, bytes: Buffer): FastifyReply {
  reply.raw.sendDate = false;
  return reply.code(200).header('content-type', 'application/json').send(bytes);
}

/** httpd_resp_send_err: text/html whatever the body, then the server closes the socket. */
export function sendHttpdError(reply: FastifyReply, status: number, body: string): FastifyReply {
  reply.raw.sendDate = false;
  const reason = REASON[status];
  if (reason) reply.raw.statusMessage = reason;
  return reply.code(status).header('content-type', 'text/html').header('connection', 'close').send(body);
}

export function sendUnauthorized(reply: FastifyReply): FastifyReply {
  reply.raw.sendDate = false;
  reply.raw.statusMessage = REASON[401]!;
  return reply.code(401).header('content-type', 'application/json').header('www-authenticate', 'Basic realm="Sessy"').header('connection', 'keep-alive').send(Buffer.alloc(0));
}

/** What the dongle sends for an error status a fault injects: httpd_resp_send_err's text/html and a closed socket. */
export function renderSessyError(status: number): WireError {
  const body = status === 404 ? NOT_FOUND_TEXT : status === 405 ? METHOD_NOT_ALLOWED_TEXT : cJsonPrintUnformatted({ status: 'error', error: status === 503 ? 'Device is starting up' : 'Internal error' });
  return { statusCode: status, headers: { 'content-type': 'text/html', connection: 'close' }, body };
}
