/**
 * HTTP/1.1 answers on the wire, without I/O: an incremental response parser fed the socket's reads, and the
 * headers of a settled answer. Its counterpart for requests is http1-request.ts; the keep-alive fetch
 * (keep-alive-fetch.ts) owns the sockets. Tested byte by byte without a server.
 *
 * Framing follows RFC 9112 §6.3: no body after HEAD, 1xx, 204 and 304; then `transfer-encoding: chunked`; then
 * `content-length`; else the body runs until the server closes. Errors carry llhttp's codes (`HPE_*`, as in
 * undici's and node:http's errors), so a log reads the same whichever transport the clients use.
 * @see https://www.rfc-editor.org/rfc/rfc9112
 */
import { CR, LF, SP, HT, COMMA_LIST, digitsIn, hexValue, nameIs, parseContentLength, parseTransferEncoding, quote, tokenEnd, trimOws, WireError } from './http1-fields.ts';

/** Status line and header section together [bytes]: 4 × Node's 16 KiB default, still bounded. */
export const MAX_HEAD_BYTES = 64 * 1024;
/** A chunk-size line with its extensions [bytes]. */
const MAX_CHUNK_LINE_BYTES = 4096;


// ---------------------------------------------------------------------------------------------------------------

/** Node's undocumented but long-stable slice methods skip toString's argument checks; the parser calls them per read. */
interface FastBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
}

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
