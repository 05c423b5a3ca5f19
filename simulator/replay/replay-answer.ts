/**
 * What the replay server sends: a recorded response, a recorded failure, the device's 401, or the no-match
 * error. Pure: returns status, headers and bytes; the server only writes them.
 */
import { bytesFromContent, headerValue } from './content.ts';
import { failureAnswer, HOP_BY_HOP } from './failure-answer.ts';
import type { HarEntry } from './har-types.ts';
import type { ClosestRequest } from './closest.ts';
import type { ReplayAuth } from './replay-options.ts';
import type { RequestShape } from './request-shape.ts';
import { basicCredentials } from './secrets.ts';
import { ReplayError } from './errors.ts';

export type ReplayAnswer =
  | { readonly kind: 'reset' }
  | { readonly kind: 'respond'; readonly status: number; readonly statusText: string; readonly headers: readonly string[]; readonly body: Buffer };

/** The recorded response, byte for byte in its body; framing headers are the server's own. */
export function answerFromEntry(entry: HarEntry): ReplayAnswer {
  if (entry.response.status === 0) {
    const failure = failureAnswer(entry._error ?? 'ECONNRESET');
    if (failure.kind === 'reset') return failure;
    return { kind: 'respond', status: failure.status, statusText: failure.statusText, headers: ['content-type', 'application/json'], body: Buffer.from(failure.body) };
  }
  const headers: string[] = [];
  for (const h of entry.response.headers) {
    const lower = h.name.toLowerCase();
    if (lower === 'connection' && /close/i.test(h.value)) headers.push(h.name, 'close');
    else if (!HOP_BY_HOP.has(lower) && lower !== 'content-length') headers.push(h.name, h.value);
  }
  const body = bytesFromContent(entry.response.content);
  if (headerValue(entry.response.headers, 'content-length') !== undefined || body.length > 0) headers.push('Content-Length', String(body.length));
  return { kind: 'respond', status: entry.response.status, statusText: entry.response.statusText, headers, body };
}

export function credentialsAccepted(auth: ReplayAuth, authorization: string | undefined): boolean {
  if (auth.kind === 'any') return true;
  const basic = authorization === undefined ? null : basicCredentials(authorization);
  return basic !== null && basic.user === auth.user && basic.password === auth.password;
}

/** The device's own 401 when the recording holds one (Sessy: `401 UNAUTHORIZED`, empty body, docs/sessy.md §1.2). */
export function unauthorizedAnswer(entries: readonly HarEntry[]): ReplayAnswer {
  const recorded = entries.find((e) => e.response.status === 401);
  if (recorded) return answerFromEntry(recorded);
  return { kind: 'respond', status: 401, statusText: 'Unauthorized', headers: ['WWW-Authenticate', 'Basic realm="battsim-replay"', 'Content-Length', '0'], body: Buffer.alloc(0) };
}

/** The no-match error as a ReplayError: names the request and the closest recorded ones. */
export function noMatchError(request: RequestShape, closest: readonly ClosestRequest[]): ReplayError {
  const target = request.path + (request.query === '' ? '' : `?${request.query}`);
  const list = closest.map((c) => `${c.method} ${c.target}${c.body === '' ? '' : ` ${c.body}`}`).join('; ');
  return new ReplayError(
    'REPLAY_ERR_NO_MATCH',
    `Failed to replay ${request.method} ${target}: the recording holds no request with this method, path, query and body. Closest recorded: ${list || 'none'}. Record a session that includes this request, or send one of those.`,
  );
}

export function noMatchAnswer(status: 501 | 404, request: RequestShape, closest: readonly ClosestRequest[]): ReplayAnswer {
  const error = noMatchError(request, closest);
  const target = request.path + (request.query === '' ? '' : `?${request.query}`);
  const body = JSON.stringify({ error: error.code, message: error.message, request: { method: request.method, target, body: request.body }, closest });
  return { kind: 'respond', status, statusText: status === 501 ? 'Not Implemented' : 'Not Found', headers: ['Content-Type', 'application/json', 'Content-Length', String(Buffer.byteLength(body))], body: Buffer.from(body) };
}
