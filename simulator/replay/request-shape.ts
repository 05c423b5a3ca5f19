/**
 * What a request is, for matching: method, path, query and body in a canonical form, secrets masked. Pure.
 * Secrets are masked by the name they travel under (secrets.ts), so a recorded `REDACTED-SECRET-1` and the
 * password a replaying client really sends compare equal; key order and JSON whitespace do not count.
 */
import { bytesFromPostData, headerValue } from './content.ts';
import { parseBody } from './body-fields.ts';
import type { HarEntry, HarNameValue } from './har-types.ts';
import { isSecretName } from '../core/secret-names.ts';
import { secretsInCommand } from './secrets.ts';

export interface RequestShape {
  readonly method: string;
  readonly path: string;
  /** Canonical query: sorted `name=value` pairs joined by `&`. */
  readonly query: string;
  /** Canonical body; '' when there is none. */
  readonly body: string;
  /** Whether the request carried an Authorization header. */
  readonly hasAuth: boolean;
}

const MASK = '*';
const PLACEHOLDER = /REDACTED-SECRET-\d+/g;

function canonicalJson(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(canonicalJson);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node as object).sort()) {
    const v = (node as Record<string, unknown>)[key];
    out[key] = isSecretName(key) && (typeof v === 'string' || Array.isArray(v)) ? MASK : canonicalJson(v);
  }
  return out;
}

function canonicalParams(params: URLSearchParams): string {
  const secretK = isSecretName(params.get('k') ?? '');
  const pairs = [...params].map(([name, value]): [string, string] => {
    if (isSecretName(name) || (name === 'v' && secretK)) return [name, MASK];
    if (name === 'cmd') {
      const secrets = secretsInCommand(value);
      return [name, value.trim().split(/\s+/).map((t) => (secrets.includes(t) ? MASK : t)).join(' ')];
    }
    return [name, value];
  });
  return pairs
    .sort((a, b) => (a[0] === b[0] ? 0 : a[0] < b[0] ? -1 : 1))
    .map(([n, v]) => `${n}=${v}`)
    .join('&');
}

export function canonicalBody(text: string, mimeType: string): string {
  if (text === '') return '';
  const body = parseBody(text, mimeType);
  if (body.kind === 'json') return JSON.stringify(canonicalJson(body.doc)).replace(PLACEHOLDER, MASK);
  if (body.kind === 'form') return canonicalParams(body.params).replace(PLACEHOLDER, MASK);
  return body.text.trim().replace(PLACEHOLDER, MASK);
}

export interface IncomingRequest {
  readonly method: string;
  /** Path and query, as on the request line. */
  readonly target: string;
  readonly headers: readonly HarNameValue[];
  readonly body: Buffer;
}

function shape(method: string, url: URL, headers: readonly HarNameValue[], body: Buffer): RequestShape {
  const mimeType = headerValue(headers, 'content-type') ?? '';
  return {
    method: method.toUpperCase(),
    path: url.pathname,
    query: canonicalParams(url.searchParams),
    body: canonicalBody(body.toString('utf8'), mimeType),
    hasAuth: headerValue(headers, 'authorization') !== undefined,
  };
}

export function shapeOfRequest(req: IncomingRequest): RequestShape {
  // The base only lets URL parse a path; `//ems.json` stays a distinct path, as on the device (docs/homevolt.md §2).
  return shape(req.method, new URL(`http://replay${req.target.startsWith('/') ? '' : '/'}${req.target}`), req.headers, req.body);
}

/**
 * The body of a recorded request that is not in the file (withheld or cut at the body limit, see
 * docs/recording-and-redaction.md): it matches any body sent to the same method, path and query.
 */
export const UNKNOWN_BODY = '\u0000body not recorded';

export function shapeOfEntry(entry: HarEntry): RequestShape {
  const url = new URL(entry.request.url);
  const s = shape(entry.request.method, url, entry.request.headers, bytesFromPostData(entry.request.postData));
  return entry.request.postData?._withheld !== undefined || entry.request.postData?._truncated !== undefined ? { ...s, body: UNKNOWN_BODY } : s;
}

/** Method, path, query and body: what must be equal for a match. */
export function keyOf(s: RequestShape): string {
  return `${s.method} ${s.path}${s.query === '' ? '' : `?${s.query}`}\n${s.body}`;
}
