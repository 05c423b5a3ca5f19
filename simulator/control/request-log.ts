/**
 * The recent requests an emulator served, with timing, the faults applied and what was exchanged: a fixed-size
 * ring. Bodies are kept as the wire carried them (cut at a bound); they are redacted when the log is read
 * (simulator/http/control/log-view.ts), so a busy emulator pays nothing for redaction until someone looks.
 *
 * Every emulator keeps one, and a process of a thousand devices keeps a thousand: 500 entries each, half a million
 * once they are full (bench/site-scale.ts). So an entry is not a JavaScript object: its numbers sit in a Float64Array,
 * its bytes (headers, bodies) in one byte arena per log, outside V8's heap, and only shared strings (a path, a
 * method, a Content-Type) are referenced. Recording allocates nothing the collector has to copy or mark; entries are
 * built as objects only when someone reads the log.
 */
import { scopeMatches } from './fault-table.ts';

/** What travelled on the wire, as a log entry gives it back. */
export interface CapturedExchange {
  /** Node's flat rawHeaders of the request, only those the log's reader needs: Content-Type and any that may carry a secret. */
  readonly requestHeaders: readonly string[];
  /** The bytes, cut at LOG_BODY_BYTES; null when the request had none. */
  readonly requestBody: Uint8Array | null;
  readonly responseContentType: string | null;
  /** The bytes, cut at LOG_BODY_BYTES; null when there was no answer or it was streamed (a trickle or truncate fault). */
  readonly responseBody: Uint8Array | null;
}

/** What the HTTP adapter hands in: a body as it went on the wire, bytes or the UTF-8 text a server sent. */
export interface ExchangeRecord {
  /** Flat [name, value, …]: names and values are latin1 strings, as Node's parser gives them (no line breaks). */
  readonly requestHeaders: readonly string[];
  readonly requestBody: Uint8Array | string | null;
  readonly responseContentType: string | null;
  readonly responseBody: Uint8Array | string | null;
}

/** One request as recorded: what the HTTP adapter hands in. */
export interface RequestRecord {
  /** Simulated time when the request arrived [epoch ms]. */
  readonly simTimeMs: number;
  /** Wall time when the request arrived [epoch ms]. */
  readonly wallTimeMs: number;
  readonly method: string;
  readonly url: string;
  /** Status sent, or null when the connection was reset or dropped without an answer. */
  readonly status: number | null;
  /** Wall time from arrival to the end of the answer [ms]. */
  readonly durationMs: number;
  /** Ids of the faults that acted on it. */
  readonly faults: readonly string[];
  readonly exchange?: ExchangeRecord;
}

export interface RequestLogEntry extends Omit<RequestRecord, 'exchange'> {
  /** Position in the log from 1, never reused (not even after a reset): `after` in a query. */
  readonly seq: number;
  readonly exchange?: CapturedExchange;
}

/** Which entries a read wants; every field is optional and they combine. */
export interface RequestLogQuery {
  /** A path, or a pattern with `*` as in a fault scope (`/api/v1/*`); the query string is ignored. */
  readonly path?: string;
  /** An exact status (`200`), a class (`4xx`), or `none` for requests that got no answer. */
  readonly status?: string;
  /** Only entries that arrived after this simulated time [epoch ms]. */
  readonly sinceMs?: number;
  /** Only entries with a larger sequence number (to read a log incrementally). */
  readonly after?: number;
  /** At most this many, the newest. */
  readonly limit?: number;
}

export interface RequestLog {
  /** How many entries the ring keeps. */
  readonly capacity: number;
  record(entry: RequestRecord): void;
  /** Oldest first; each call builds new objects. */
  entries(query?: RequestLogQuery): readonly RequestLogEntry[];
  clear(): void;
  /** Bytes the log holds outside V8's heap (its arena) and inside it (its columns). */
  footprint(): { readonly arenaBytes: number; readonly columnBytes: number };
}

/** Longest body kept per request and per answer [bytes]: a Homevolt /ems.json (about 5 kB) fits whole. */
export const LOG_BODY_BYTES = 16 * 1024;
/** Default number of entries kept. */
export const DEFAULT_LOG_ENTRIES = 500;
/** Most entries a log may keep: with bodies at their bound that is about 3 GB, beyond any use. */
export const MAX_LOG_ENTRIES = 100_000;

/** Longest text `internLogged` shares [chars]; a cache of so many entries at most, emptied when full. */
const INTERN_MAX_CHARS = 256;
const INTERN_MAX_ENTRIES = 1024;
// A process-wide cache whose values are a pure function of their key (the equal string), like the route tables:
// no test can see another's through it.
const interned = new Map<string, string>();

/**
 * One copy of a short text that recurs in log entries (a path, a Content-Type): Node's parser makes a new string for
 * each request, and a meter's log of 500 NOM posts would keep 500 copies of the same path. Never for a text that
 * may carry a secret: the cache is process-wide.
 */
export function internLogged(text: string): string {
  if (text.length > INTERN_MAX_CHARS) return text;
  const known = interned.get(text);
  if (known !== undefined) return known;
  if (interned.size >= INTERN_MAX_ENTRIES) interned.clear();
  interned.set(text, text);
  return text;
}

export function matchesQuery(entry: Pick<RequestLogEntry, 'seq' | 'simTimeMs' | 'status' | 'method' | 'url'>, q: RequestLogQuery): boolean {
  if (q.after !== undefined && entry.seq <= q.after) return false;
  if (q.sinceMs !== undefined && entry.simTimeMs <= q.sinceMs) return false;
  if (q.status !== undefined && !statusMatches(q.status, entry.status)) return false;
  if (q.path !== undefined) {
    const query = entry.url.indexOf('?');
    if (!scopeMatches('*', q.path, entry.method, query === -1 ? entry.url : entry.url.slice(0, query))) return false;
  }
  return true;
}

function statusMatches(filter: string, status: number | null): boolean {
  if (filter === 'none') return status === null;
  if (status === null) return false;
  if (/^[1-5]xx$/i.test(filter)) return Math.floor(status / 100) === Number(filter[0]);
  return String(status) === filter;
}

// An entry's numbers, FIELDS per slot in one Float64Array. Lengths are -1 for a body that is null.
const SEQ = 0;
const SIM_MS = 1;
const WALL_MS = 2;
const DURATION_MS = 3;
const STATUS = 4; // -1: no answer
const START = 5; // where its bytes begin in the arena: one marker byte (so that every entry takes some: see placeFor), then the headers and bodies
const HEADERS_LEN = 6; // -1: no exchange captured
const REQUEST_LEN = 7;
const RESPONSE_LEN = 8;
const FIELDS = 9;
/** An arena's first size [bytes]; it grows by half when the entries it must keep do not fit, in whole pages. */
const ARENA_START_BYTES = 4096;
const pageRound = (bytes: number): number => Math.ceil(bytes / 4096) * 4096;
const NO_HEADERS: readonly string[] = Object.freeze([]);
/** Separates header names and values in the arena: a byte Node's parser never lets into either. */
const HEADER_SEPARATOR = '\n';

/**
 * A body as the arena keeps it: at most LOG_BODY_BYTES. A string is the UTF-8 text a server sent; one longer than the
 * bound is cut as its bytes are (perhaps within a character), so the kept bytes are a prefix of those sent.
 */
function boundedBody(body: Uint8Array | string | null): Uint8Array | string | null {
  if (body === null) return null;
  if (typeof body === 'string') return body.length * 3 <= LOG_BODY_BYTES || Buffer.byteLength(body) <= LOG_BODY_BYTES ? body : Buffer.from(body).subarray(0, LOG_BODY_BYTES);
  return body.byteLength <= LOG_BODY_BYTES ? body : body.subarray(0, LOG_BODY_BYTES);
}

/** The bytes a bounded body takes in the arena, or -1 for none. */
function bodyLength(body: Uint8Array | string | null): number {
  if (body === null) return -1;
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

export function createRequestLog(capacity: number = DEFAULT_LOG_ENTRIES): RequestLog {
  // Columns grow with the entries up to the capacity, so a quiet device's log stays small.
  let slots = Math.min(capacity, 16);
  let meta = new Float64Array(slots * FIELDS);
  let methods: string[] = [];
  let urls: string[] = [];
  let faults: (readonly string[])[] = [];
  let contentTypes: (string | null)[] = [];
  // The ring: `count` entries, the oldest in slot `oldest`.
  let count = 0;
  let oldest = 0;
  let seq = 0;
  // Bytes: each entry's headers and bodies back to back at its START; entries follow each other around the arena,
  // wrapping to 0 when one does not fit at the end. `tail` is where the newest entry's bytes end.
  let arena = Buffer.allocUnsafeSlow(ARENA_START_BYTES);
  let tail = 0;

  const slotAt = (i: number): number => (oldest + i) % capacity;
  const field = (slot: number, f: number): number => meta[slot * FIELDS + f]!;
  /** The bytes an entry takes: its marker byte, headers and bodies. */
  const bytesOf = (slot: number): number => 1 + Math.max(0, field(slot, HEADERS_LEN)) + Math.max(0, field(slot, REQUEST_LEN)) + Math.max(0, field(slot, RESPONSE_LEN));

  const growColumns = (): void => {
    slots = Math.min(capacity, slots * 2);
    const wider = new Float64Array(slots * FIELDS);
    wider.set(meta);
    meta = wider;
  };

  /**
   * Where `n` bytes go without touching a kept entry's, or -1. Every entry takes at least one byte, so kept entries
   * start at distinct places, and the newest starting before the oldest means the ring has wrapped: then the free
   * bytes are those between the newest's end and the oldest's start; otherwise those after the newest and before
   * the oldest (a gap left at the arena's end when an entry wrapped to 0 stays unused until the ring passes it).
   */
  const placeFor = (n: number): number => {
    if (count === 0) return n <= arena.length ? 0 : -1;
    const head = field(slotAt(0), START);
    if (field(slotAt(count - 1), START) < head) return tail + n <= head ? tail : -1;
    if (tail + n <= arena.length) return tail;
    return n <= head ? 0 : -1;
  };

  /** A larger arena holding the kept entries' bytes from 0, in order, so that `n` more fit after them. */
  const growArena = (n: number): void => {
    let kept = 0;
    for (let i = 0; i < count; i++) kept += bytesOf(slotAt(i));
    const size = pageRound(Math.max(arena.length * 1.5, kept + n));
    const larger = Buffer.allocUnsafeSlow(size);
    let at = 0;
    for (let i = 0; i < count; i++) {
      const slot = slotAt(i);
      const len = bytesOf(slot);
      const start = field(slot, START);
      arena.copy(larger, at, start, start + len);
      meta[slot * FIELDS + START] = at;
      at += len;
    }
    arena = larger;
    tail = at;
  };

  const writeBody = (body: Uint8Array | string | null, at: number): void => {
    if (body === null) return;
    if (typeof body === 'string') arena.write(body, at, 'utf8');
    else arena.set(body, at);
  };

  const readEntry = (slot: number): RequestLogEntry => {
    const status = field(slot, STATUS);
    const base = {
      seq: field(slot, SEQ),
      simTimeMs: field(slot, SIM_MS),
      wallTimeMs: field(slot, WALL_MS),
      method: methods[slot]!,
      url: urls[slot]!,
      status: status < 0 ? null : status,
      durationMs: field(slot, DURATION_MS),
      faults: faults[slot]!,
    };
    const headersLen = field(slot, HEADERS_LEN);
    if (headersLen < 0) return base;
    const start = field(slot, START) + 1;
    const requestLen = field(slot, REQUEST_LEN);
    const responseLen = field(slot, RESPONSE_LEN);
    const requestAt = start + headersLen;
    const responseAt = requestAt + Math.max(0, requestLen);
    const copy = (at: number, len: number): Uint8Array | null => (len < 0 ? null : Uint8Array.prototype.slice.call(arena, at, at + len));
    return {
      ...base,
      exchange: {
        requestHeaders: headersLen === 0 ? NO_HEADERS : arena.toString('latin1', start, start + headersLen).split(HEADER_SEPARATOR),
        requestBody: copy(requestAt, requestLen),
        responseContentType: contentTypes[slot]!,
        responseBody: copy(responseAt, responseLen),
      },
    };
  };

  return {
    capacity,
    record(record) {
      if (count === capacity) {
        oldest = (oldest + 1) % capacity;
        count--;
      }
      const slot = slotAt(count);
      if (slot >= slots) growColumns();
      const x = record.exchange;
      const requestBody = x === undefined ? null : boundedBody(x.requestBody);
      const responseBody = x === undefined ? null : boundedBody(x.responseBody);
      const headers = x === undefined || x.requestHeaders.length === 0 ? '' : x.requestHeaders.join(HEADER_SEPARATOR);
      const headersLen = x === undefined ? -1 : Buffer.byteLength(headers, 'latin1');
      const requestLen = bodyLength(requestBody);
      const responseLen = bodyLength(responseBody);
      const n = 1 + Math.max(0, headersLen) + Math.max(0, requestLen) + Math.max(0, responseLen);
      let at = placeFor(n);
      if (at < 0) {
        growArena(n);
        at = tail;
      }
      arena[at] = x === undefined ? 0 : 1;
      if (x !== undefined) {
        if (headersLen > 0) arena.write(headers, at + 1, headersLen, 'latin1');
        writeBody(requestBody, at + 1 + headersLen);
        writeBody(responseBody, at + 1 + headersLen + Math.max(0, requestLen));
      }
      tail = at + n;
      const m = slot * FIELDS;
      meta[m + SEQ] = ++seq;
      meta[m + SIM_MS] = record.simTimeMs;
      meta[m + WALL_MS] = record.wallTimeMs;
      meta[m + DURATION_MS] = record.durationMs;
      meta[m + STATUS] = record.status ?? -1;
      meta[m + START] = at;
      meta[m + HEADERS_LEN] = headersLen;
      meta[m + REQUEST_LEN] = requestLen;
      meta[m + RESPONSE_LEN] = responseLen;
      methods[slot] = record.method;
      urls[slot] = record.url;
      faults[slot] = record.faults;
      contentTypes[slot] = x?.responseContentType ?? null;
      count++;
    },
    entries(query) {
      const hits: number[] = [];
      for (let i = 0; i < count; i++) {
        const slot = slotAt(i);
        if (query === undefined) hits.push(slot);
        else {
          const status = field(slot, STATUS);
          if (matchesQuery({ seq: field(slot, SEQ), simTimeMs: field(slot, SIM_MS), status: status < 0 ? null : status, method: methods[slot]!, url: urls[slot]! }, query)) hits.push(slot);
        }
      }
      const wanted = query?.limit !== undefined && hits.length > query.limit ? hits.slice(hits.length - query.limit) : hits;
      return wanted.map(readEntry);
    },
    clear() {
      count = 0;
      oldest = 0;
      tail = 0;
      slots = Math.min(capacity, 16);
      meta = new Float64Array(slots * FIELDS);
      methods = [];
      urls = [];
      faults = [];
      contentTypes = [];
      arena = Buffer.allocUnsafeSlow(ARENA_START_BYTES);
    },
    footprint: () => ({ arenaBytes: arena.length, columnBytes: meta.byteLength }),
  };
}
