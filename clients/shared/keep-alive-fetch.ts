/**
 * A fetch for the clients' `fetch` option on undici's keep-alive connection pool (an `Agent`: one `Pool` per
 * origin, HTTP/1.1 parsed by llhttp), driven through its documented dispatch handlers, as undici's own fetch is:
 * what Node's global fetch is built on, without the WHATWG Request/Response/stream layers that cost the global
 * fetch about a millisecond per loopback request (figures in README.md, Decisions). Each answer is read whole
 * before it is returned (status, `ok`, `headers.get`, `text`, `json`, `arrayBuffer`), as the clients read answers.
 *
 * Failures are shaped like the global fetch's, so transport.ts's describeCause reads them the same: 'fetch
 * failed' with undici's error as cause before the answer's head, 'terminated' when the body is cut short, an
 * AbortError DOMException when the signal fires. A 3xx is the answer (no redirects, as with `redirect: 'manual'`).
 */
import { Agent, errors, type Dispatcher } from 'undici';
import type { FetchLike, FetchResponseLike } from './transport.ts';

export interface KeepAliveFetch extends FetchLike {
  /** Closes every connection; requests queued or in flight, and any made later, fail with 'fetch failed'. */
  close(): void;
}

export interface KeepAliveFetchOptions {
  /** Connections per origin; default 1 (the devices are small embedded servers). Further requests wait in order. */
  readonly maxSockets?: number;
  /** A connection idle longer than this is closed rather than reused [ms]; default 4000, undici's keep-alive timeout. */
  readonly idleTimeoutMs?: number;
}

export const KEEP_ALIVE_FETCH_DEFAULTS = Object.freeze({
  maxSockets: 1,
  idleTimeoutMs: 4000, // ms
});

type Method = Dispatcher.HttpMethod;

/** The methods fetch upper-cases (https://fetch.spec.whatwg.org/#concept-method-normalize); PATCH is not one. */
const NORMALISED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const FORBIDDEN = new Set(['CONNECT', 'TRACE', 'TRACK']);
const TOKEN = /^[!#$%&'*+\-.^`|~\w]+$/;

export function createKeepAliveFetch(options: KeepAliveFetchOptions = {}): KeepAliveFetch {
  const maxSockets = options.maxSockets ?? KEEP_ALIVE_FETCH_DEFAULTS.maxSockets;
  const idleTimeoutMs = options.idleTimeoutMs ?? KEEP_ALIVE_FETCH_DEFAULTS.idleTimeoutMs;
  if (!Number.isInteger(maxSockets) || maxSockets < 1) throw new RangeError(`Failed to create a keep-alive fetch: maxSockets must be an integer ≥ 1, got ${String(maxSockets)}.`);
  if (!(idleTimeoutMs >= 0)) throw new RangeError(`Failed to create a keep-alive fetch: idleTimeoutMs must be ≥ 0, got ${String(idleTimeoutMs)}.`);
  // keepAliveMaxTimeout caps what a server's `keep-alive: timeout=…` may raise the idle time to.
  const agent = new Agent({ connections: maxSockets, pipelining: 1, keepAliveTimeout: Math.max(1, idleTimeoutMs), keepAliveMaxTimeout: Math.max(1, idleTimeoutMs) });
  let closed = false;
  /** Requests not yet settled, so that close() rejects them at once, as it rejects any made after. */
  const open = new Set<Exchange>();

  const fetchFn = (input: string, init: RequestInit = {}): Promise<FetchResponseLike> => {
    try {
      const { signal } = init;
      if (signal?.aborted) throw abortError();
      if (closed) throw new TypeError('fetch failed', { cause: new errors.ClientDestroyedError() });
      const url = parseHttpUrl(input);
      const method = normaliseMethod(init.method);
      const headers = headersOf(init.headers);
      const options: Dispatcher.DispatchOptions = { origin: url.origin, path: `${url.pathname}${url.search}`, method, headers };
      if (init.body !== undefined && init.body !== null) {
        if (method === 'GET' || method === 'HEAD') throw new TypeError(`fetch failed: a ${method} request cannot have a body`);
        options.body = bodyOf(init.body, headers);
      }
      return new Promise((resolve, reject) => {
        const exchange = new Exchange(resolve, reject, signal ?? undefined, open);
        agent.dispatch(options, exchange);
      });
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return Object.assign(fetchFn, {
    close: () => {
      closed = true;
      for (const exchange of [...open]) exchange.abandon(new TypeError('fetch failed', { cause: new errors.ClientDestroyedError() }));
      void agent.destroy(new errors.ClientDestroyedError()).catch(() => undefined);
    },
  });
}

/**
 * One request's handler on undici's dispatcher (its documented `DispatchHandlers`): collects the answer's status,
 * headers and body, settles the fetch's promise once, and is its own abort listener. A request aborted while it
 * waits for a connection is settled at once; undici then drops it when its turn comes (onConnect), unsent.
 */
class Exchange implements Dispatcher.DispatchHandlers {
  private abortRequest: ((error: Error) => void) | undefined;
  private status = 0;
  private rawHeaders: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private settled = false;

  constructor(
    private readonly resolve: (answer: FetchResponseLike) => void,
    private readonly reject: (error: unknown) => void,
    private readonly signal: AbortSignal | undefined,
    private readonly open: Set<Exchange>,
  ) {
    signal?.addEventListener('abort', this);
    open.add(this);
  }

  /** The fetch was closed: settles now, and tells undici to drop the request if it already holds a connection. */
  abandon(error: Error): void {
    if (!this.settle()) return;
    this.reject(error);
    this.abortRequest?.(new errors.RequestAbortedError());
  }

  /** The signal fired. */
  handleEvent(): void {
    if (this.settled) return;
    this.fail(abortError());
    this.abortRequest?.(new errors.RequestAbortedError());
  }

  onConnect(abort: (error?: Error) => void): void {
    if (this.settled) abort(new errors.RequestAbortedError());
    else this.abortRequest = abort;
  }

  onHeaders(status: number, rawHeaders: Buffer[]): boolean {
    this.status = status;
    this.rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (!this.settle()) return;
    const { chunks } = this;
    this.resolve(new SettledAnswer(this.status, this.rawHeaders, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  }

  onError(error: Error): void {
    // Before the head, as fetch's promise rejects; after it, as reading fetch's body does.
    this.fail(new TypeError(this.status === 0 ? 'fetch failed' : 'terminated', { cause: error }));
  }

  private fail(error: unknown): void {
    if (this.settle()) this.reject(error);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.open.delete(this);
    this.signal?.removeEventListener('abort', this);
    return true;
  }
}

function abortError(): DOMException {
  return new DOMException('This operation was aborted', 'AbortError');
}

function parseHttpUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new TypeError(`fetch failed: ${JSON.stringify(input)} is not a URL`);
  }
  if (url.protocol !== 'http:') throw new TypeError(`fetch failed: only http: URLs are supported, got ${url.protocol}`);
  if (url.username !== '' || url.password !== '') throw new TypeError('fetch failed: a URL with credentials cannot be fetched; send an authorization header instead');
  return url;
}

/** The method as fetch sends it; a TypeError for a non-token or a forbidden method. */
function normaliseMethod(method: string | undefined): Method {
  if (method === undefined) return 'GET';
  const upper = method.toUpperCase();
  if (!TOKEN.test(method) || FORBIDDEN.has(upper)) throw new TypeError(`fetch failed: ${JSON.stringify(method)} is not a method this transport sends`);
  return (NORMALISED.has(upper) ? upper : method) as Method;
}

/** The caller's headers (a plain object, a Headers, or name/value pairs) as a record with lower-case names. */
function headersOf(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined || headers === null) return out;
  const pairs: Iterable<readonly unknown[]> = Symbol.iterator in headers ? (headers as Iterable<readonly unknown[]>) : Object.entries(headers);
  for (const pair of pairs) {
    if (pair.length !== 2) throw new TypeError(`fetch failed: a header must be a [name, value] pair, got ${pair.length} items`);
    const name = String(pair[0]).toLowerCase();
    // undici frames the body itself.
    if (name === 'content-length' || name === 'transfer-encoding') continue;
    out[name] = name in out ? `${out[name]}, ${String(pair[1])}` : String(pair[1]);
  }
  return out;
}

/** The body as undici sends it, with fetch's default content-type for text and form bodies. */
function bodyOf(body: NonNullable<RequestInit['body']>, headers: Record<string, string>): string | Uint8Array {
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain;charset=UTF-8';
    return body;
  }
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    return body.toString();
  }
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('fetch failed: this transport sends string, URLSearchParams, ArrayBuffer or byte-array bodies');
}

const BOM = 0xef;

/** The answer's header fields as undici hands them over (name, value, name, value, …), read when first asked. */
class AnswerHeaders {
  private fields: Map<string, string> | undefined;

  constructor(private readonly raw: Buffer[]) {}

  /** The field's value, repeated fields joined with ', ' as fetch's Headers joins them; null when absent. */
  get(name: string): string | null {
    if (this.fields === undefined) {
      this.fields = new Map();
      for (let i = 0; i + 1 < this.raw.length; i += 2) {
        const key = this.raw[i]!.toString('latin1').toLowerCase();
        const value = this.raw[i + 1]!.toString('latin1');
        const seen = this.fields.get(key);
        this.fields.set(key, seen === undefined ? value : `${seen}, ${value}`);
      }
    }
    return this.fields.get(name.toLowerCase()) ?? null;
  }
}

/** An answer read whole: status, headers and body, behind the part of a fetch Response the clients use. */
class SettledAnswer implements FetchResponseLike {
  readonly ok: boolean;
  readonly headers: AnswerHeaders;

  constructor(
    readonly status: number,
    rawHeaders: Buffer[],
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new AnswerHeaders(rawHeaders);
  }

  text(): Promise<string> {
    return Promise.resolve(this.decode());
  }

  json(): Promise<unknown> {
    try {
      return Promise.resolve(JSON.parse(this.decode()) as unknown);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const { body } = this;
    return Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
  }

  /** UTF-8, without a byte-order mark, as fetch's text() decodes. */
  private decode(): string {
    const body = this.body;
    if (body[0] === BOM && body[1] === 0xbb && body[2] === 0xbf) return body.toString('utf8', 3);
    return body.toString();
  }
}
