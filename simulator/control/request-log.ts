/**
 * The recent requests an emulator served, with timing, the faults applied and what was exchanged: a fixed-size
 * ring. Bodies are kept as the wire carried them (cut at a bound); they are redacted when the log is read
 * (simulator/http/control/log-view.ts), so a busy emulator pays nothing for redaction until someone looks.
 */
import { scopeMatches } from './fault-table.ts';

/**
 * What travelled on the wire, for the log's bodies, kept small: a log of 500 entries is held by every emulator, and
 * in a site every meter's log fills with the dongles' NOM posts (bench/site-scale.ts).
 */
export interface CapturedExchange {
  /** Node's flat rawHeaders of the request, only those the log's reader needs: Content-Type and any that may carry a secret. */
  readonly requestHeaders: readonly string[];
  /** The bytes as a latin1 string, one character per byte (see loggedBytes). */
  readonly requestBody: string | null;
  readonly responseContentType: string | null;
  /** The bytes as a latin1 string; null when there was no answer or it was streamed (a trickle or truncate fault). */
  readonly responseBody: string | null;
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
  readonly exchange?: CapturedExchange;
}

export interface RequestLogEntry extends RequestRecord {
  /** Position in the log from 1, never reused (not even after a reset): `after` in a query. */
  readonly seq: number;
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
  /** Oldest first. */
  entries(query?: RequestLogQuery): readonly RequestLogEntry[];
  clear(): void;
}

/** Longest body kept per request and per answer [bytes]: a Homevolt /ems.json (about 5 kB) fits whole. */
export const LOG_BODY_BYTES = 16 * 1024;
/** Default number of entries kept. */
export const DEFAULT_LOG_ENTRIES = 500;
/** Most entries a log may keep: with bodies at their bound that is about 3 GB, beyond any use. */
export const MAX_LOG_ENTRIES = 100_000;

/**
 * A body as the log keeps it: its bytes (a string is the UTF-8 text a server sent) cut at LOG_BODY_BYTES, as a latin1
 * string, one character per byte, lossless for any bytes. A short string costs a few bytes beyond its length; a
 * Uint8Array costs some hundreds more (its ArrayBuffer and backing store, outside the heap), and a kept slice of
 * Node's shared 8 KiB Buffer pool would keep the whole slab alive. Read it back with `Buffer.from(text, 'latin1')`.
 */
export function loggedBytes(body: Uint8Array | string | null | undefined): string | null {
  if (body === null || body === undefined) return null;
  const bytes = typeof body === 'string' ? Buffer.from(body.length <= LOG_BODY_BYTES ? body : body.slice(0, LOG_BODY_BYTES)) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return bytes.toString('latin1', 0, Math.min(bytes.length, LOG_BODY_BYTES));
}

/** Longest text `internLogged` shares [chars]; a cache of so many entries at most, emptied when full. */
const INTERN_MAX_CHARS = 256;
const INTERN_MAX_ENTRIES = 1024;
// A process-wide cache whose values are a pure function of their key (the equal string), like the route tables:
// no test can see another's through it.
const interned = new Map<string, string>();

/**
 * One copy of a short text that recurs in log entries (a URL, a header's name and value): Node's parser makes a new
 * string for each request, and a meter's log of 500 NOM posts would keep 500 copies of the same URL and headers.
 */
export function internLogged(text: string): string {
  if (text.length > INTERN_MAX_CHARS) return text;
  const known = interned.get(text);
  if (known !== undefined) return known;
  if (interned.size >= INTERN_MAX_ENTRIES) interned.clear();
  interned.set(text, text);
  return text;
}

export function matchesQuery(entry: RequestLogEntry, q: RequestLogQuery): boolean {
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

export function createRequestLog(capacity: number = DEFAULT_LOG_ENTRIES): RequestLog {
  // A circular buffer: recording never copies, so a busy emulator does not churn the garbage collector.
  let ring: RequestLogEntry[] = [];
  let next = 0;
  let seq = 0;
  const ordered = (): RequestLogEntry[] => (ring.length < capacity ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)]);
  return {
    capacity,
    record(record) {
      const entry: RequestLogEntry = { ...record, seq: ++seq };
      if (ring.length < capacity) ring.push(entry);
      else ring[next] = entry;
      next = (next + 1) % capacity;
    },
    entries(query) {
      const all = ordered();
      if (query === undefined) return all;
      const hits = all.filter((e) => matchesQuery(e, query));
      return query.limit !== undefined && hits.length > query.limit ? hits.slice(hits.length - query.limit) : hits;
    },
    clear() {
      ring = [];
      next = 0;
    },
  };
}
