/**
 * HTTP/1.1 on the wire, without I/O: a request serialised into the one string or Buffer a socket write takes, and
 * an incremental response parser fed the socket's reads. The keep-alive fetch (keep-alive-fetch.ts) owns the
 * sockets; everything here is a pure function of its input, so it is tested byte by byte without a server.
 *
 * Framing follows RFC 9112 §6.3: no body after HEAD, 1xx, 204 and 304; then `transfer-encoding: chunked`; then
 * `content-length`; else the body runs until the server closes. Errors carry llhttp's codes (`HPE_*`, as in
 * undici's and node:http's errors), so a log reads the same whichever transport the clients use.
 * @see https://www.rfc-editor.org/rfc/rfc9112
 */

/** Status line and header section together [bytes]: 4 × Node's 16 KiB default, still bounded. */
export const MAX_HEAD_BYTES = 64 * 1024;
/** A chunk-size line with its extensions [bytes]. */
const MAX_CHUNK_LINE_BYTES = 4096;

export type WireErrorCode =
  | 'HPE_INVALID_CONSTANT'
  | 'HPE_INVALID_VERSION'
  | 'HPE_INVALID_STATUS'
  | 'HPE_INVALID_HEADER_TOKEN'
  | 'HPE_HEADER_OVERFLOW'
  | 'HPE_INVALID_CONTENT_LENGTH'
  | 'HPE_UNEXPECTED_CONTENT_LENGTH'
  | 'HPE_INVALID_TRANSFER_ENCODING'
  | 'HPE_INVALID_CHUNK_SIZE';

/** A response that cannot be read as HTTP/1.x; the connection it came on is unusable. */
export class WireError extends Error {
  override readonly name = 'WireError';
  constructor(
    readonly code: WireErrorCode,
    why: string,
  ) {
    super(`Failed to parse the answer: ${why}.`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** RFC 7230 §3.2.6 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Anything but HT, visible ASCII and obs-text: CR, LF, NUL and other controls would split or end the head. */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const EDGE_WHITESPACE = /^[\t ]+|[\t ]+$/g;
const COMMA_LIST = /[\t ]*,[\t ]*/;

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
  if (!TOKEN.test(name)) throw new TypeError(`fetch failed: ${JSON.stringify(name)} is not a valid header name (RFC 7230 token)`);
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
  if (!TOKEN.test(method) || FORBIDDEN.has(upper)) throw new TypeError(`fetch failed: ${JSON.stringify(method)} is not a method this transport sends`);
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

// ---------------------------------------------------------------------------------------------------------------
// Responses

/** Node's undocumented but long-stable slice methods skip toString's argument checks; the parser calls them per read. */
interface FastBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
}

const CR = 13;
const LF = 10;
const SP = 32;
const HT = 9;
const SEMICOLON = 59;
const EMPTY = Buffer.alloc(0);
/** A Buffer needle: Buffer#indexOf with a string converts it on every call (0.25 against 0.13 µs per head here). */
const BLANK_LINE = Buffer.from('\r\n\r\n');

/** Parser states. */
const IDLE = 0;
const HEAD = 1;
const LENGTH_BODY = 2;
const CHUNK_SIZE = 3;
const CHUNK_DATA = 4;
const CHUNK_END = 5;
const TRAILERS = 6;
const CLOSE_BODY = 7;
const DONE = 8;

/** 1 for the bytes of an RFC 7230 token. */
const TOKEN_BYTE = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TOKEN_BYTE[c.charCodeAt(0)] = 1;

/**
 * Reads one response at a time: `expect()` before each request, then `feed()` every read until it returns true,
 * then read `status`, `rawHead`, `body` and `reusable`. At the end of the stream `finish()` says whether the
 * answer was complete after all (a body delimited by the close). `feed()` throws a WireError for a malformed
 * answer. Header lines are scanned once for framing only; ResponseHeaders parses them when asked.
 */
export class ResponseParser {
  status = 0;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  versionMinor = 1;
  /** Status line and header lines, without the blank line, as latin1. */
  rawHead = '';
  /** Where the header lines start in rawHead. */
  headerStart = 0;
  body: Buffer = EMPTY;
  /** The connection may carry another request: HTTP/1.1 or keep-alive, a framed body, nothing unasked after it. */
  reusable = false;

  private state = IDLE;
  private isHead = false;
  /** Bytes of this answer received (a skipped 100 Continue counts). */
  private receivedBytes = 0;
  /** The head so far, when it spans reads; bounded by MAX_HEAD_BYTES. */
  private pending: Buffer | undefined;
  private pendingLength = 0;
  private remaining = 0;
  private readonly chunks: Buffer[] = [];
  private bodyLength = 0;
  private chunkSize = 0;
  private sizeDigits = 0;
  private inExtension = false;
  private lineBytes = 0;
  private trailerBytes = 0;
  private sawCR = false;

  /** Ready for the answer to a request; `isHead`: it was a HEAD request, so the answer has no body. */
  expect(isHead: boolean): void {
    this.state = HEAD;
    this.isHead = isHead;
    this.receivedBytes = 0;
    this.pending = undefined;
    this.pendingLength = 0;
    this.body = EMPTY;
    this.rawHead = '';
  }

  /** Some byte of the answer arrived. */
  get started(): boolean {
    return this.receivedBytes > 0;
  }

  /** The final (non-1xx) head has been read. */
  get headComplete(): boolean {
    return this.state > HEAD;
  }

  /** True when the answer is complete. */
  feed(chunk: Buffer): boolean {
    this.receivedBytes += chunk.length;
    let offset = 0;
    while (this.state === HEAD) {
      offset = this.readHead(chunk, offset);
      if (offset < 0) return false;
      if (this.state === HEAD && offset === chunk.length) return false; // a 1xx, and nothing after it yet
    }
    return this.readBody(chunk, offset);
  }

  /** At the end of the stream: true when that completed the answer (a body delimited by the close). */
  finish(): boolean {
    if (this.state !== CLOSE_BODY) return false;
    this.complete();
    return true;
  }

  /** The head's end, parsed; the offset in `chunk` after it, or -1 when more is needed. */
  private readHead(chunk: Buffer, offset: number): number {
    const spanning = this.pendingLength > 0;
    const previous = this.pendingLength;
    let buf: Buffer = chunk;
    let from = offset;
    if (spanning) {
      this.append(chunk, offset);
      buf = this.pending!.subarray(0, this.pendingLength);
      from = Math.max(0, previous - 3);
    }
    const base = spanning ? 0 : offset;
    let headEnd = buf.indexOf(BLANK_LINE, from);
    let bodyStart = headEnd + 4;
    let text = headEnd === -1 ? '' : (buf as FastBuffer).latin1Slice(base, headEnd);
    // Some embedded servers end lines with a bare LF: the first blank line ends the head, whichever way it is written.
    let bare = headEnd === -1 ? buf.indexOf('\n\n', from) : text.indexOf('\n\n');
    if (bare !== -1 && headEnd !== -1) bare += base;
    if (bare !== -1 && (headEnd === -1 || bare < headEnd)) {
      headEnd = bare;
      bodyStart = bare + 2;
      text = (buf as FastBuffer).latin1Slice(base, headEnd);
    }
    if (headEnd === -1) {
      if (buf.length - base > MAX_HEAD_BYTES) throw new WireError('HPE_HEADER_OVERFLOW', `the head is longer than ${MAX_HEAD_BYTES} bytes`);
      if (!spanning) this.append(chunk, offset);
      return -1;
    }
    if (headEnd - base > MAX_HEAD_BYTES) throw new WireError('HPE_HEADER_OVERFLOW', `the head is longer than ${MAX_HEAD_BYTES} bytes`);
    this.pending = undefined;
    this.pendingLength = 0;
    this.parseHead(text);
    // A spanning head ends in this chunk (its end was not in the earlier bytes), so its body starts in this chunk.
    return spanning ? offset + bodyStart - previous : bodyStart;
  }

  /** Copies head bytes into the growing pending buffer (doubling, so a head in many small reads costs linear time). */
  private append(chunk: Buffer, offset: number): void {
    const needed = this.pendingLength + chunk.length - offset;
    if (this.pending === undefined || this.pending.length < needed) {
      const grown = Buffer.allocUnsafe(Math.max(1024, needed * 2));
      if (this.pending !== undefined) this.pending.copy(grown, 0, 0, this.pendingLength);
      this.pending = grown;
    }
    chunk.copy(this.pending, this.pendingLength, offset);
    this.pendingLength = needed;
  }

  /** Status line and the framing headers; sets the state for the body. */
  private parseHead(text: string): void {
    let eol = text.indexOf('\n');
    if (eol === -1) eol = text.length;
    const lineEnd = eol > 0 && text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
    this.parseStatusLine(text, lineEnd);
    let contentLength = -1;
    let chunked = false;
    let hasTransferEncoding = false;
    let closes = false;
    let keepAlive = false;
    let framingName = false;
    for (let pos = eol + 1; pos < text.length; ) {
      let next = text.indexOf('\n', pos);
      if (next === -1) next = text.length;
      const end = next > pos && text.charCodeAt(next - 1) === CR ? next - 1 : next;
      const first = text.charCodeAt(pos);
      if (first === SP || first === HT) {
        // obs-fold (RFC 9112 §5.2): a continuation of the previous value; never trusted for framing.
        if (framingName) throw new WireError('HPE_INVALID_HEADER_TOKEN', 'a framing header (content-length or transfer-encoding) is folded over two lines');
      } else {
        const colon = tokenEnd(text, pos, end);
        const nameLength = colon - pos;
        framingName = false;
        // Only content-length, transfer-encoding and connection matter here, compared in place: no string per line.
        if (nameLength === 14 && nameIs(text, pos, 'content-length')) {
          framingName = true;
          let length = digitsIn(text, colon + 1, end);
          if (length === -1) length = parseContentLength(trimOws(text, colon + 1, end));
          if (contentLength !== -1 && contentLength !== length) throw new WireError('HPE_UNEXPECTED_CONTENT_LENGTH', `two different content-length values (${contentLength} and ${length})`);
          contentLength = length;
        } else if (nameLength === 17 && nameIs(text, pos, 'transfer-encoding')) {
          framingName = true;
          hasTransferEncoding = true;
          chunked = parseTransferEncoding(trimOws(text, colon + 1, end), chunked);
        } else if (nameLength === 10 && nameIs(text, pos, 'connection')) {
          const value = trimOws(text, colon + 1, end).toLowerCase();
          const tokens = value === 'keep-alive' || value === 'close' ? [value] : value.split(COMMA_LIST);
          if (tokens.includes('close')) closes = true;
          if (tokens.includes('keep-alive')) keepAlive = true;
        }
      }
      pos = next + 1;
    }
    this.rawHead = text;
    this.headerStart = eol + 1;
    const status = this.status;
    if (status < 200 && status !== 101) return; // 1xx: skipped, the real answer follows
    // RFC 9112 §9.3: HTTP/1.1 persists unless closed; HTTP/1.0 only when it says keep-alive.
    // A message with both transfer-encoding and content-length may be smuggling (§6.3): read it, then close.
    this.reusable = (this.versionMinor >= 1 ? !closes : keepAlive && !closes) && !(hasTransferEncoding && contentLength !== -1) && status !== 101;
    if (this.isHead || status === 204 || status === 304 || status === 101) {
      this.state = DONE;
    } else if (chunked) {
      this.startChunkSize();
    } else if (hasTransferEncoding || contentLength === -1) {
      this.state = CLOSE_BODY; // RFC 9112 §6.3 items 4 and 8: the body ends with the connection
      this.reusable = false;
    } else {
      this.state = contentLength === 0 ? DONE : LENGTH_BODY;
      this.remaining = contentLength;
    }
    this.bodyLength = 0;
  }

  private parseStatusLine(text: string, end: number): void {
    if (!text.startsWith('HTTP/')) throw new WireError('HPE_INVALID_CONSTANT', `the status line ${quote(text, end)} does not start with HTTP/`);
    const minor = text.charCodeAt(7) - 48;
    if (text.charCodeAt(5) !== 49 || text.charCodeAt(6) !== 46 || minor < 0 || minor > 9) {
      throw new WireError('HPE_INVALID_VERSION', `the status line ${quote(text, end)} is not HTTP/1.x`);
    }
    const d0 = text.charCodeAt(9) - 48;
    const d1 = text.charCodeAt(10) - 48;
    const d2 = text.charCodeAt(11) - 48;
    if (text.charCodeAt(8) !== SP || !(d0 >= 1 && d0 <= 9) || !(d1 >= 0 && d1 <= 9) || !(d2 >= 0 && d2 <= 9) || (end > 12 && text.charCodeAt(12) !== SP)) {
      throw new WireError('HPE_INVALID_STATUS', `the status line ${quote(text, end)} has no three-digit status`);
    }
    this.versionMinor = minor;
    this.status = d0 * 100 + d1 * 10 + d2;
  }

  private readBody(chunk: Buffer, start: number): boolean {
    const length = chunk.length;
    let offset = start;
    for (;;) {
      switch (this.state) {
        case DONE:
          return this.complete(offset < length);
        case LENGTH_BODY:
        case CHUNK_DATA: {
          const n = Math.min(this.remaining, length - offset);
          if (n > 0) {
            this.push(n === length ? chunk : chunk.subarray(offset, offset + n));
            offset += n;
            this.remaining -= n;
          }
          if (this.remaining > 0) return false;
          if (this.state === LENGTH_BODY) this.state = DONE;
          else {
            this.state = CHUNK_END;
            this.sawCR = false;
          }
          break;
        }
        case CLOSE_BODY:
          if (offset < length) this.push(offset === 0 ? chunk : chunk.subarray(offset));
          return false;
        case CHUNK_SIZE:
          offset = this.readChunkSize(chunk, offset);
          break;
        case CHUNK_END: {
          if (offset >= length) return false;
          const c = chunk[offset++]!;
          if (c === CR && !this.sawCR) this.sawCR = true;
          else if (c === LF) this.startChunkSize();
          else throw new WireError('HPE_INVALID_CHUNK_SIZE', 'a chunk is longer than its size says (no CRLF after its data)');
          break;
        }
        case TRAILERS:
          offset = this.readTrailers(chunk, offset);
          break;
      }
      if (offset >= length && this.state !== DONE) return false;
    }
  }

  private startChunkSize(): void {
    this.state = CHUNK_SIZE;
    this.chunkSize = 0;
    this.sizeDigits = 0;
    this.inExtension = false;
    this.lineBytes = 0;
  }

  /** The chunk-size line, byte by byte (it may be split anywhere): hex size, optional `;extensions`, CRLF. */
  private readChunkSize(chunk: Buffer, start: number): number {
    let offset = start;
    while (offset < chunk.length) {
      const c = chunk[offset++]!;
      if (++this.lineBytes > MAX_CHUNK_LINE_BYTES) throw new WireError('HPE_INVALID_CHUNK_SIZE', `a chunk-size line is longer than ${MAX_CHUNK_LINE_BYTES} bytes`);
      if (c === LF) {
        if (this.sizeDigits === 0) throw new WireError('HPE_INVALID_CHUNK_SIZE', 'a chunk-size line has no size');
        if (this.chunkSize === 0) {
          this.state = TRAILERS;
          this.lineBytes = 0;
          this.trailerBytes = 0;
        } else {
          this.state = CHUNK_DATA;
          this.remaining = this.chunkSize;
        }
        return offset;
      }
      if (this.inExtension) continue;
      const digit = hexValue(c);
      if (digit >= 0 && this.lineBytes === this.sizeDigits + 1) {
        // 13 hex digits reach 2^52: beyond that a size is not exact as a number, and no device sends one.
        if (++this.sizeDigits > 13) throw new WireError('HPE_INVALID_CHUNK_SIZE', 'a chunk size has more than 13 hex digits');
        this.chunkSize = this.chunkSize * 16 + digit;
      } else if (this.sizeDigits > 0 && (c === SEMICOLON || c === CR || c === SP || c === HT)) {
        this.inExtension = true; // chunk-ext (RFC 9112 §7.1.1) and the CR are skipped up to the LF
      } else {
        throw new WireError('HPE_INVALID_CHUNK_SIZE', `a chunk-size line has the byte 0x${c.toString(16).padStart(2, '0')} where a hex digit was expected`);
      }
    }
    return offset;
  }

  /** Trailer lines after the last chunk, read and dropped (fetch does not expose them), up to the blank line. */
  private readTrailers(chunk: Buffer, start: number): number {
    let offset = start;
    while (offset < chunk.length) {
      const c = chunk[offset++]!;
      if (++this.trailerBytes > MAX_HEAD_BYTES) throw new WireError('HPE_HEADER_OVERFLOW', `the trailers are longer than ${MAX_HEAD_BYTES} bytes`);
      if (c === LF) {
        if (this.lineBytes === 0) {
          this.state = DONE;
          return offset;
        }
        this.lineBytes = 0;
      } else if (c !== CR) {
        this.lineBytes++;
      }
    }
    return offset;
  }

  private push(part: Buffer): void {
    this.chunks.push(part);
    this.bodyLength += part.length;
  }

  /** The body, joined once; `extra`: bytes arrived after the answer, which nobody asked for. */
  private complete(extra = false): true {
    const chunks = this.chunks;
    // pop() for the usual single part: setting an array's length is a runtime call.
    if (chunks.length <= 1) this.body = chunks.pop() ?? EMPTY;
    else {
      this.body = Buffer.concat(chunks, this.bodyLength);
      chunks.length = 0;
    }
    if (extra) this.reusable = false;
    this.state = DONE;
    return true;
  }
}

/** End of the header name starting at `pos` (the colon); throws unless the name is a non-empty token. */
function tokenEnd(text: string, pos: number, end: number): number {
  let i = pos;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) break;
    if (c > 127 || TOKEN_BYTE[c] === 0) i = end; // leaves the loop with no colon found
  }
  if (i >= end || i === pos) throw new WireError('HPE_INVALID_HEADER_TOKEN', `the header line ${quote(text.slice(pos), end - pos)} is not name: value`);
  return i;
}

/** The token at text[pos…] is `name` (lower-case), ignoring case. `c | 0x20` lower-cases a letter and leaves '-' and digits alone. */
function nameIs(text: string, pos: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if ((text.charCodeAt(pos + i) | 0x20) !== name.charCodeAt(i)) return false;
  return true;
}

/** A value of plain digits between optional whitespace, as a number; -1 for anything else (a list, a sign, nothing). */
function digitsIn(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && (text.charCodeAt(i) === SP || text.charCodeAt(i) === HT)) i++;
  let n = 0;
  let digits = 0;
  for (; i < end; i++, digits++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    n = n * 10 + digit;
  }
  while (i < end && (text.charCodeAt(i) === SP || text.charCodeAt(i) === HT)) i++;
  return i === end && digits > 0 && digits <= 15 ? n : -1;
}

function trimOws(text: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s < e && (text.charCodeAt(s) === SP || text.charCodeAt(s) === HT)) s++;
  while (e > s && (text.charCodeAt(e - 1) === SP || text.charCodeAt(e - 1) === HT)) e--;
  return text.slice(s, e);
}

/** Digits only; a list of equal values (`5, 5`, as some proxies join repeated headers) counts as one. */
function parseContentLength(value: string): number {
  const parts = value.indexOf(',') === -1 ? [value] : value.split(COMMA_LIST);
  let length = -1;
  for (const part of parts) {
    if (part.length === 0 || part.length > 15) throw new WireError('HPE_INVALID_CONTENT_LENGTH', `content-length ${JSON.stringify(value)} is not a byte count`);
    let n = 0;
    for (let i = 0; i < part.length; i++) {
      const digit = part.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) throw new WireError('HPE_INVALID_CONTENT_LENGTH', `content-length ${JSON.stringify(value)} is not a byte count`);
      n = n * 10 + digit;
    }
    if (length !== -1 && n !== length) throw new WireError('HPE_UNEXPECTED_CONTENT_LENGTH', `content-length ${JSON.stringify(value)} lists different values`);
    length = n;
  }
  return length;
}

/**
 * True when chunked is the final coding. Only chunked (and the obsolete identity) can be read: any other coding
 * would have to be decoded, and this transport never asks for one.
 */
function parseTransferEncoding(value: string, chunkedBefore: boolean): boolean {
  let chunked = chunkedBefore;
  for (const coding of value.toLowerCase().split(COMMA_LIST)) {
    if (coding === '' || coding === 'identity') continue;
    if (coding !== 'chunked' || chunked) throw new WireError('HPE_INVALID_TRANSFER_ENCODING', `transfer-encoding ${JSON.stringify(value)} is not plain chunked`);
    chunked = true;
  }
  return chunked;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

function quote(text: string, end: number): string {
  return JSON.stringify(text.slice(0, Math.min(end, 80)));
}

/** A settled answer's headers, parsed from the raw head on the first `get` (most answers are never asked). */
export class ResponseHeaders {
  private names: string[] | undefined;
  private readonly values: string[] = [];

  constructor(
    private readonly rawHead: string,
    private readonly start: number,
  ) {}

  /** Case-insensitive; repeated headers joined with ', ', as fetch's Headers does. */
  get(name: string): string | null {
    const names = this.names ?? this.parse();
    const key = name.toLowerCase();
    let result: string | null = null;
    for (let i = 0; i < names.length; i++) {
      if (names[i] === key) result = result === null ? this.values[i]! : `${result}, ${this.values[i]!}`;
    }
    return result;
  }

  private parse(): string[] {
    const text = this.rawHead;
    const names: string[] = [];
    for (let pos = this.start; pos < text.length; ) {
      let next = text.indexOf('\n', pos);
      if (next === -1) next = text.length;
      const end = next > pos && text.charCodeAt(next - 1) === CR ? next - 1 : next;
      const first = text.charCodeAt(pos);
      if ((first === SP || first === HT) && names.length > 0) {
        const last = names.length - 1;
        this.values[last] = `${this.values[last]!} ${trimOws(text, pos, end)}`;
      } else {
        const colon = text.indexOf(':', pos);
        if (colon !== -1 && colon < end) {
          names.push(text.slice(pos, colon).toLowerCase());
          this.values.push(trimOws(text, colon + 1, end));
        }
      }
      pos = next + 1;
    }
    this.names = names;
    return names;
  }
}
