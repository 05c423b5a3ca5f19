/**
 * A fetch for the clients' `fetch` option: HTTP/1.1 with keep-alive, written on node:net. Node 20's global fetch
 * costs about a millisecond per loopback request, and node:http's ClientRequest and Agent another 30–50 µs over a
 * bare socket; a controller polling for a simulated day makes tens of thousands of requests, so this one keeps a
 * pool of sockets per origin, writes each request in one write and parses the answer with http1-response.ts.
 *
 * Answers are settled (the whole body read, no stream), with `status`, `ok`, `headers.get`, `text`, `json` and
 * `arrayBuffer`. Failures are shaped like undici's, so transport.ts's describeCause reads them the same:
 * 'fetch failed' with the socket error (or 'other side closed' [UND_ERR_SOCKET], or a parse error [HPE_*]) as
 * cause, 'terminated' when the body is cut short, an AbortError DOMException when the signal fires.
 *
 * Not supported: https, redirects (a 3xx is the answer, as with `redirect: 'manual'`), content-encoding (it asks
 * for none), streamed bodies either way, trailers (read and dropped). The hot path makes no closure per request:
 * tsx compiles with esbuild's keepNames, so each would cost a defineProperty; the request is one class instance
 * that is also its own abort listener.
 */
import net from 'node:net';
import { headerBlockOf, normaliseMethod, NO_HEADERS, serializeRequest, type HeaderBlock } from './http1-request.ts';
import { ResponseHeaders } from './http1-fields.ts';
import { SettledAnswer } from './settled-answer.ts';
import { ResponseParser } from './http1-response.ts';
import type { FetchLike, FetchResponseLike } from './transport.ts';

export interface KeepAliveFetch extends FetchLike {
  /** Destroys every socket; requests queued or in flight, and any made later, fail with 'fetch failed'. */
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

export function createKeepAliveFetch(options: KeepAliveFetchOptions = {}): KeepAliveFetch {
  const maxSockets = options.maxSockets ?? KEEP_ALIVE_FETCH_DEFAULTS.maxSockets;
  const idleTimeoutMs = options.idleTimeoutMs ?? KEEP_ALIVE_FETCH_DEFAULTS.idleTimeoutMs;
  if (!Number.isInteger(maxSockets) || maxSockets < 1) throw new RangeError(`Failed to create a keep-alive fetch: maxSockets must be an integer ≥ 1, got ${String(maxSockets)}.`);
  if (!(idleTimeoutMs >= 0)) throw new RangeError(`Failed to create a keep-alive fetch: idleTimeoutMs must be ≥ 0, got ${String(idleTimeoutMs)}.`);
  const pool = new Pool(maxSockets, idleTimeoutMs);
  const fetchFn = (input: string, init?: RequestInit): Promise<FetchResponseLike> => pool.fetch(input, init ?? NO_INIT);
  return Object.assign(fetchFn, { close: () => pool.close() });
}

const NO_INIT: RequestInit = Object.freeze({});
const ABORTED = 'This operation was aborted';

/**
 * Printable ASCII that URL sends unchanged in a path and a query: no `#`, `"`, `'`, `%`, `<`, `>`, backquote,
 * `{`, `}`, `|`, `\\` or `^`. A path with dot segments (`/.`) is also left to URL, which resolves them.
 */
const PLAIN_PATH = /^[!$&(-;=?-[\]_a-z~]*$/;

/** Origins, their sockets, and the caches that keep URL parsing and header validation off the hot path. */
class Pool {
  closed = false;
  /** The origin last asked, as written before its path ('http://127.0.0.1:8080'): a client asks one over and over. */
  private lastPrefix = '\0';
  private lastOrigin: Origin | undefined;
  private readonly byPrefix = new Map<string, Origin>();
  private readonly byHost = new Map<string, Origin>();
  /** Header records the caller froze (transport.ts freezes its sets) are validated and serialised once. */
  private readonly headerBlocks = new WeakMap<object, HeaderBlock>();
  private resolveSlot: ((answer: FetchResponseLike) => void) | undefined;
  private rejectSlot: ((error: unknown) => void) | undefined;
  /** One executor for every request's promise: it runs synchronously, so the slots are read right after. */
  private readonly capture = (resolve: (answer: FetchResponseLike) => void, reject: (error: unknown) => void): void => {
    this.resolveSlot = resolve;
    this.rejectSlot = reject;
  };

  constructor(
    readonly maxSockets: number,
    readonly idleTimeoutMs: number,
  ) {}

  fetch(input: string, init: RequestInit): Promise<FetchResponseLike> {
    let request: PendingRequest;
    try {
      if (this.closed) throw closedError();
      const prefixLength = this.lastPrefix.length;
      const target = input.startsWith(this.lastPrefix) && input.charCodeAt(prefixLength) === 47 && isPlainPath(input, prefixLength) ? input.slice(prefixLength) : this.locate(input);
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return Promise.reject(new DOMException(ABORTED, 'AbortError'));
      const method = normaliseMethod(init.method);
      const block = this.blockOf(init.headers);
      const origin = this.lastOrigin!;
      const payload = serializeRequest(method, target, origin.hostHeader, block, init.body);
      request = new PendingRequest(origin, payload, method === 'HEAD', block.closes, signal);
    } catch (error) {
      return Promise.reject(error);
    }
    const promise = new Promise<FetchResponseLike>(this.capture);
    request.resolve = this.resolveSlot!;
    request.reject = this.rejectSlot!;
    request.signal?.addEventListener('abort', request);
    request.origin.dispatch(request);
    return promise;
  }

  /**
   * The slow path, for a URL not under the last origin's prefix or whose path URL would change: sets lastOrigin and
   * returns the path and query as fetch sends them. The prefix ('http://127.0.0.1:8080') is remembered only when it
   * is the origin's plain form, so that 'http://h?x=/y' never stands for an origin.
   */
  private locate(input: string): string {
    const pathStart = input.startsWith('http://') ? input.indexOf('/', 7) : -1;
    const prefix = pathStart === -1 ? '' : input.slice(0, pathStart);
    const known = this.byPrefix.get(prefix);
    if (known !== undefined) {
      this.lastPrefix = prefix;
      this.lastOrigin = known;
      if (isPlainPath(input, pathStart)) return input.slice(pathStart);
    }
    const url = parseHttpUrl(input);
    let origin = this.byHost.get(url.host);
    if (origin === undefined) {
      origin = new Origin(this, url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname, Number(url.port || 80), url.host);
      this.byHost.set(url.host, origin);
    }
    const plainPrefix = prefix === `http://${url.host}` || (url.port === '' && prefix === `http://${url.host}:80`);
    if (plainPrefix) this.byPrefix.set(prefix, origin);
    this.lastPrefix = plainPrefix ? prefix : '\0'; // '\0' starts no URL: the next request takes this path again
    this.lastOrigin = origin;
    return `${url.pathname}${url.search}`;
  }

  private blockOf(headers: RequestInit['headers']): HeaderBlock {
    if (headers === undefined || headers === null) return NO_HEADERS;
    const cacheable = Object.isFrozen(headers) && !(Symbol.iterator in headers);
    let block = cacheable ? this.headerBlocks.get(headers) : undefined;
    if (block === undefined) {
      block = headerBlockOf(headers);
      if (cacheable && Object.values(headers).every((value) => typeof value === 'string')) this.headerBlocks.set(headers, block);
    }
    return block;
  }

  close(): void {
    this.closed = true;
    for (const origin of this.byHost.values()) origin.close();
  }
}

function isPlainPath(input: string, pathStart: number): boolean {
  return PLAIN_PATH.test(input) && input.indexOf('/.', pathStart) === -1;
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

/** One host:port: its connections (at most maxSockets), the idle ones, and the requests waiting for one (FIFO). */
class Origin {
  readonly connections = new Set<Connection>();
  readonly idle: Connection[] = [];
  readonly queue: PendingRequest[] = [];

  constructor(
    readonly pool: Pool,
    readonly hostname: string,
    readonly port: number,
    /** The Host header as fetch sends it: host[:port], no port for 80, IPv6 in brackets. */
    readonly hostHeader: string,
  ) {}

  dispatch(request: PendingRequest): void {
    const idle = this.idle;
    while (idle.length > 0) {
      const connection = idle.pop()!;
      if (performance.now() - connection.idleSinceMs < this.pool.idleTimeoutMs) return connection.start(request);
      connection.destroy(); // idle too long: the server may be closing it right now
    }
    if (this.connections.size < this.pool.maxSockets) {
      const connection = new Connection(this);
      this.connections.add(connection);
      return connection.start(request);
    }
    request.queued = true;
    this.queue.push(request);
  }

  /** A connection finished an answer and may carry another. */
  release(connection: Connection): void {
    const next = this.queue.shift();
    if (next === undefined) {
      connection.rest();
      this.idle.push(connection);
      return;
    }
    next.queued = false;
    connection.start(next);
  }

  /** A connection is gone: its slot goes to the first waiting request. */
  forget(connection: Connection): void {
    this.connections.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at !== -1) this.idle.splice(at, 1);
    const next = this.pool.closed ? undefined : this.queue.shift();
    if (next === undefined) return;
    next.queued = false;
    this.dispatch(next);
  }

  unqueue(request: PendingRequest): void {
    const at = this.queue.indexOf(request);
    if (at !== -1) this.queue.splice(at, 1);
    request.queued = false;
  }

  close(): void {
    for (const request of this.queue.splice(0)) request.fail(closedError());
    for (const connection of [...this.connections]) connection.abandon(closedError());
  }
}

/** One socket. Its listeners are installed once, at connect; what an event means depends on whether a request is in flight. */
class Connection {
  readonly socket: net.Socket;
  private readonly parser = new ResponseParser();
  private request: PendingRequest | undefined;
  private referenced = true;
  private dead = false;
  idleSinceMs = 0;

  constructor(private readonly origin: Origin) {
    this.socket = net.connect({ host: origin.hostname, port: origin.port, noDelay: true });
    this.socket.on('data', this.onData.bind(this));
    this.socket.on('end', this.onEnd.bind(this));
    this.socket.on('error', this.onError.bind(this));
    this.socket.on('close', this.onClose.bind(this));
  }

  start(request: PendingRequest): void {
    this.request = request;
    request.connection = this;
    this.parser.expect(request.isHead);
    if (!this.referenced) {
      this.socket.ref();
      this.referenced = true;
    }
    this.socket.write(request.payload, 'latin1');
  }

  /** Idle: does not keep the process alive. */
  rest(): void {
    this.idleSinceMs = performance.now();
    this.socket.unref();
    this.referenced = false;
  }

  destroy(): void {
    if (!this.dead) {
      this.dead = true;
      this.origin.forget(this);
    }
    this.socket.destroy();
  }

  /** The request in flight (aborted, or the pool closed) no longer wants this socket. */
  detach(): void {
    this.request = undefined;
    this.destroy();
  }

  abandon(error: Error): void {
    const request = this.request;
    this.detach();
    request?.fail(error);
  }

  private onData(chunk: Buffer): void {
    const request = this.request;
    if (request === undefined) return this.destroy(); // bytes nobody asked for: this socket cannot be trusted
    let complete: boolean;
    try {
      complete = this.parser.feed(chunk);
    } catch (error) {
      this.request = undefined;
      this.destroy();
      request.fail(new TypeError('fetch failed', { cause: error }));
      return;
    }
    if (complete) this.answer(request);
  }

  private answer(request: PendingRequest): void {
    const parser = this.parser;
    this.request = undefined;
    const answer = new SettledAnswer(parser.status, new ResponseHeaders(parser.rawHead, parser.headerStart), parser.body);
    if (parser.reusable && !request.closes && !this.origin.pool.closed) this.origin.release(this);
    else this.destroy();
    request.succeed(answer);
  }

  private onEnd(): void {
    const request = this.request;
    if (request !== undefined && this.parser.finish()) this.answer(request); // a body delimited by the close
    else this.lost(undefined);
  }

  private onError(error: Error): void {
    this.lost(error);
  }

  private onClose(): void {
    this.lost(undefined);
  }

  /**
   * The socket ended, failed or closed: the request in flight fails. Not asked again, even on a kept-alive socket
   * the server may have timed out just then: the global fetch does not either, an emulated reset must reach the
   * client as one, and transport.ts retries reads. The idle timeout keeps that race rare.
   */
  private lost(error: Error | undefined): void {
    const request = this.request;
    this.request = undefined;
    this.destroy();
    if (request === undefined) return;
    const cause = error ?? Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    request.fail(new TypeError(this.parser.headComplete ? 'terminated' : 'fetch failed', { cause }));
  }
}

/** One request: its bytes, its promise's ends, where it waits; its own abort listener (no closure per request). */
class PendingRequest {
  resolve: (answer: FetchResponseLike) => void = noop;
  reject: (error: unknown) => void = noop;
  connection: Connection | undefined;
  queued = false;
  private settled = false;

  constructor(
    readonly origin: Origin,
    readonly payload: string | Buffer,
    readonly isHead: boolean,
    /** The caller sent `connection: close`. */
    readonly closes: boolean,
    readonly signal: AbortSignal | undefined,
  ) {}

  /** The signal fired. */
  handleEvent(): void {
    if (this.settled) return;
    if (this.queued) this.origin.unqueue(this);
    const connection = this.connection;
    this.connection = undefined;
    connection?.detach();
    this.fail(new DOMException(ABORTED, 'AbortError'));
  }

  succeed(answer: FetchResponseLike): void {
    if (this.settle()) this.resolve(answer);
  }

  fail(error: unknown): void {
    if (this.settle()) this.reject(error);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.connection = undefined;
    this.signal?.removeEventListener('abort', this);
    return true;
  }
}

function noop(): void {}

function closedError(): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('the keep-alive fetch was closed'), { code: 'UND_ERR_DESTROYED' }) });
}
