/**
 * HTTP/1.1 header fields of answers, without I/O: the error an unreadable answer raises, the field-value helpers
 * the response parser (http1-response.ts) reads framing with, and the headers of a settled answer.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5
 */

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

/** Bytes the parsers compare against. */
export const CR = 13;
export const LF = 10;
export const SP = 32;
export const HT = 9;

/** 1 for the bytes of an RFC 7230 token. */
export const TOKEN_BYTE = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TOKEN_BYTE[c.charCodeAt(0)] = 1;

/** A non-empty RFC 7230 token: a header name or a method. */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127 || TOKEN_BYTE[c] === 0) return false;
  }
  return true;
}

/** A comma-separated list with optional whitespace around the commas. */
export const COMMA_LIST = /[\t ]*,[\t ]*/;

/** End of the header name starting at `pos` (the colon); throws unless the name is a non-empty token. */
export function tokenEnd(text: string, pos: number, end: number): number {
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
export function nameIs(text: string, pos: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if ((text.charCodeAt(pos + i) | 0x20) !== name.charCodeAt(i)) return false;
  return true;
}

/** A value of plain digits between optional whitespace, as a number; -1 for anything else (a list, a sign, nothing). */
export function digitsIn(text: string, start: number, end: number): number {
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

export function trimOws(text: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s < e && (text.charCodeAt(s) === SP || text.charCodeAt(s) === HT)) s++;
  while (e > s && (text.charCodeAt(e - 1) === SP || text.charCodeAt(e - 1) === HT)) e--;
  return text.slice(s, e);
}

/** Digits only; a list of equal values (`5, 5`, as some proxies join repeated headers) counts as one. */
export function parseContentLength(value: string): number {
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
export function parseTransferEncoding(value: string, chunkedBefore: boolean): boolean {
  let chunked = chunkedBefore;
  for (const coding of value.toLowerCase().split(COMMA_LIST)) {
    if (coding === '' || coding === 'identity') continue;
    if (coding !== 'chunked' || chunked) throw new WireError('HPE_INVALID_TRANSFER_ENCODING', `transfer-encoding ${JSON.stringify(value)} is not plain chunked`);
    chunked = true;
  }
  return chunked;
}

export function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

export function quote(text: string, end: number): string {
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
