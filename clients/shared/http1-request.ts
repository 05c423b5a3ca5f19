/**
 * HTTP/1.1 requests on the wire, without I/O: the caller's headers validated and serialised once, and a request
 * serialised into the one string or Buffer a socket write takes. Its counterpart for answers is http1-response.ts;
 * the keep-alive fetch (keep-alive-fetch.ts) owns the sockets. Tested byte by byte without a server.
 * @see https://www.rfc-editor.org/rfc/rfc9112
 */
import { COMMA_LIST, isToken } from './http1-fields.ts';

/** Anything but HT, visible ASCII and obs-text: CR, LF, NUL and other controls would split or end the head. */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const EDGE_WHITESPACE = /^[\t ]+|[\t ]+$/g;

/** The caller's headers, validated and serialised once: `name: value\r\n` lines, names lower-cased as fetch sends them. */
export class HeaderBlock {
  constructor(
    readonly lines: string,
    readonly hasHost: boolean,
    readonly hasConnection: boolean,
    readonly hasContentType: boolean,
    /** The caller asked for `connection: close`: the socket is not reused. */
    readonly closes: boolean,
  ) {}
}

export const NO_HEADERS = Object.freeze(new HeaderBlock('', false, false, false, false));

/**
 * The caller's headers (a plain object, a Headers, or name/value pairs) as one block. The transport frames the
 * body itself, so a caller's `content-length` or `transfer-encoding` is dropped; a `host` or `connection` of the
 * caller's replaces the default one. Throws a TypeError for a name that is not a token or a value that would
 * inject a line.
 */
export function headerBlockOf(headers: RequestInit['headers']): HeaderBlock {
  if (headers === undefined || headers === null) return NO_HEADERS;
  const block = { lines: '', hasHost: false, hasConnection: false, hasContentType: false, closes: false };
  if (Symbol.iterator in headers) {
    for (const pair of headers as Iterable<readonly unknown[]>) {
      if (pair.length !== 2) throw new TypeError(`fetch failed: a header must be a [name, value] pair, got ${pair.length} items`);
      addHeader(block, String(pair[0]), pair[1]);
    }
  } else {
    const record = headers as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      const value = record[name];
      if (Array.isArray(value)) for (const item of value as unknown[]) addHeader(block, name, item);
      else addHeader(block, name, value);
    }
  }
  return new HeaderBlock(block.lines, block.hasHost, block.hasConnection, block.hasContentType, block.closes);
}

function addHeader(block: { -readonly [K in keyof HeaderBlock]: HeaderBlock[K] }, name: string, raw: unknown): void {
  if (!isToken(name)) throw new TypeError(`fetch failed: ${JSON.stringify(name)} is not a valid header name (RFC 7230 token)`);
  const value = String(raw).replace(EDGE_WHITESPACE, '');
  if (INVALID_VALUE.test(value)) throw new TypeError(`fetch failed: the value of header ${name} contains CR, LF, NUL or another character a header cannot carry`);
  const lower = name.toLowerCase();
  if (lower === 'content-length' || lower === 'transfer-encoding') return;
  if (lower === 'host') block.hasHost = true;
  else if (lower === 'content-type') block.hasContentType = true;
  else if (lower === 'connection') {
    block.hasConnection = true;
    if (value.toLowerCase().split(COMMA_LIST).includes('close')) block.closes = true;
  }
  block.lines += `${lower}: ${value}\r\n`;
}

/** The methods fetch upper-cases (https://fetch.spec.whatwg.org/#concept-method-normalize); PATCH is not one. */
const NORMALISED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const FORBIDDEN = new Set(['CONNECT', 'TRACE', 'TRACK']);
/** Methods whose requests carry a body, so an empty one is announced with `content-length: 0`, as undici does. */
const PAYLOAD_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The method as fetch sends it; a TypeError for a non-token or a forbidden method. */
export function normaliseMethod(method: string | undefined): string {
  if (method === undefined || method === 'GET' || method === 'POST') return method ?? 'GET';
  const upper = method.toUpperCase();
  if (!isToken(method) || FORBIDDEN.has(upper)) throw new TypeError(`fetch failed: ${JSON.stringify(method)} is not a method this transport sends`);
  return NORMALISED.has(upper) ? upper : method;
}

const FORM_TYPE = 'content-type: application/x-www-form-urlencoded;charset=UTF-8\r\n';
const TEXT_TYPE = 'content-type: text/plain;charset=UTF-8\r\n';

/**
 * One request, head and body, ready for one socket write: a string (all latin1) without a body, a Buffer with one.
 * `host` is the Host header as fetch sends it (host[:port], no port for 80). A string or URLSearchParams body gets
 * fetch's default content-type when the caller gave none.
 */
export function serializeRequest(method: string, target: string, host: string, block: HeaderBlock, body: RequestInit['body']): string | Buffer {
  let head = `${method} ${target} HTTP/1.1\r\n${block.hasHost ? '' : `host: ${host}\r\n`}${block.hasConnection ? '' : 'connection: keep-alive\r\n'}${block.lines}`;
  if (body === undefined || body === null) return PAYLOAD_METHODS.has(method) ? `${head}content-length: 0\r\n\r\n` : `${head}\r\n`;
  if (method === 'GET' || method === 'HEAD') throw new TypeError(`fetch failed: a ${method} request cannot have a body`);
  let text: string | undefined;
  let bytes: Uint8Array | undefined;
  if (typeof body === 'string') {
    text = body;
    if (!block.hasContentType) head += TEXT_TYPE;
  } else if (body instanceof URLSearchParams) {
    text = body.toString();
    if (!block.hasContentType) head += FORM_TYPE;
  } else if (body instanceof Uint8Array) {
    bytes = body;
  } else if (body instanceof ArrayBuffer) {
    bytes = new Uint8Array(body);
  } else if (ArrayBuffer.isView(body)) {
    bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  } else {
    throw new TypeError('fetch failed: this transport sends string, URLSearchParams, ArrayBuffer or byte-array bodies');
  }
  const length = text !== undefined ? Buffer.byteLength(text) : bytes!.byteLength;
  head += `content-length: ${length}\r\n\r\n`;
  // Every character of the head is below U+0100 (headers are validated, the path escaped), so one per byte.
  const out = Buffer.allocUnsafe(head.length + length);
  out.write(head, 0, 'latin1');
  if (text !== undefined) out.write(text, head.length, 'utf8');
  else out.set(bytes!, head.length);
  return out;
}
