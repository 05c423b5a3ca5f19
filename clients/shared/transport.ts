/**
 * The HTTP edge both device clients share, on the platform's fetch (Node ≥ 20: undici): a per-request timeout that
 * covers the body too, retries with exponential backoff for idempotent requests only, and a per-client queue so a
 * small embedded server sees one request at a time by default. No global state: each client owns one transport.
 *
 * It knows nothing of either vendor: it returns status, headers and body text, and throws `TransportFailure`
 * ('timeout' or 'connection') for the client to turn into its own typed error.
 */
import { createQueue } from './queue.ts';

/** What the clients read of an answer: the global fetch's Response has all of it, and so has a lighter transport's. */
export interface FetchResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<FetchResponseLike>;

export interface TransportOptions {
  /** e.g. http://192.168.1.20 (a trailing slash is dropped). */
  readonly baseUrl: string;
  /** Default: the global fetch. */
  readonly fetch?: FetchLike;
  /** Per attempt, headers and body [ms]; default 5000 (sessypy's total timeout). */
  readonly timeoutMs?: number;
  /** Extra attempts for idempotent requests after a timeout, a dropped connection or a 5xx; default 2. */
  readonly retries?: number;
  /** First backoff [ms], doubled per retry; default 200. */
  readonly retryDelayMs?: number;
  /** Requests in flight at once; default 1 (the devices' servers have a handful of sockets). */
  readonly maxConcurrent?: number;
  /** Sent with every request (e.g. Authorization). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface WireRequest {
  readonly method: 'GET' | 'POST';
  /** Path with query string, starting with '/'. */
  readonly path: string;
  readonly body?: string | Uint8Array;
  readonly contentType?: string;
  /** Read the answer as bytes (`bytes`) rather than text. */
  readonly binary?: boolean;
  /** Only idempotent requests are retried: a POST whose answer was lost may have acted (PYH: reconcile by reading). */
  readonly idempotent: boolean;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: FetchResponseLike['headers'];
  /** The body as text ('' when read as bytes). */
  readonly text: string;
  /** The body as bytes, when the request asked for `binary`. */
  readonly bytes?: Uint8Array;
  /** Attempts made, ≥ 1. */
  readonly attempts: number;
}

export type TransportFailureKind = 'timeout' | 'connection';

export class TransportFailure extends Error {
  override readonly name = 'TransportFailure';
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface Transport {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  send(request: WireRequest): Promise<WireResponse>;
}

/** Statuses worth another attempt for an idempotent request: the server was busy or booting. */
const RETRY_STATUSES = new Set([500, 502, 503, 504]);

export const TRANSPORT_DEFAULTS = Object.freeze({
  timeoutMs: 5000, // ms
  retries: 2,
  retryDelayMs: 200, // ms
  maxConcurrent: 1,
});

export function createTransport(options: TransportOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? TRANSPORT_DEFAULTS.timeoutMs;
  const retries = options.retries ?? TRANSPORT_DEFAULTS.retries;
  const retryDelayMs = options.retryDelayMs ?? TRANSPORT_DEFAULTS.retryDelayMs;
  const queue = createQueue(options.maxConcurrent ?? TRANSPORT_DEFAULTS.maxConcurrent);
  const headers = options.headers ?? {};
  // The headers of a request depend only on its content type: build each set once, not per request.
  const headerSets = new Map<string | undefined, Readonly<Record<string, string>>>();
  const headersFor = (contentType: string | undefined): Readonly<Record<string, string>> => {
    let set = headerSets.get(contentType);
    if (set === undefined) {
      set = Object.freeze(contentType ? { ...headers, 'content-type': contentType } : { ...headers });
      headerSets.set(contentType, set);
    }
    return set;
  };

  const watchdog = createWatchdog();
  const controllers = createControllerPool();

  const attempt = async (request: WireRequest, n: number): Promise<WireResponse> => {
    const controller = controllers.take();
    const deadline = watchdog.watch(controller, timeoutMs);
    try {
      const init: RequestInit = {
        method: request.method,
        headers: headersFor(request.contentType),
        signal: controller.signal,
        // A battery API never redirects its clients; a 302 (Homevolt's captive portal) is an answer, not a hop.
        redirect: 'manual',
      };
      if (request.body !== undefined) init.body = request.body;
      const response = await fetchFn(`${baseUrl}${request.path}`, init);
      if (request.binary && response.ok) {
        return { status: response.status, headers: response.headers, text: '', bytes: new Uint8Array(await response.arrayBuffer()), attempts: n };
      }
      return { status: response.status, headers: response.headers, text: await response.text(), attempts: n };
    } catch (error) {
      if (controller.signal.aborted) throw new TransportFailure('timeout', `no complete answer within ${timeoutMs} ms`, n, { cause: error });
      throw new TransportFailure('connection', `the connection failed or was dropped (${describeCause(error)})`, n, { cause: error });
    } finally {
      watchdog.release(deadline);
      controllers.give(controller);
    }
  };

  /** Attempts until an answer that is not worth retrying, or the attempts run out. */
  const exchange = async (request: WireRequest): Promise<WireResponse> => {
    const maxAttempts = request.idempotent ? retries + 1 : 1;
    for (let n = 1; ; n++) {
      try {
        const response = await attempt(request, n);
        if (n < maxAttempts && RETRY_STATUSES.has(response.status)) {
          await delay(retryDelayMs * 2 ** (n - 1));
          continue;
        }
        return response;
      } catch (error) {
        if (!(error instanceof TransportFailure) || n >= maxAttempts) throw error;
        await delay(retryDelayMs * 2 ** (n - 1));
      }
    }
  };

  return {
    baseUrl,
    timeoutMs,
    send: (request) => queue.run(() => exchange(request)),
  };
}

/** An attempt's timeout: the controller to abort and when. */
interface Deadline {
  readonly atMs: number;
  readonly controller: AbortController;
}

/**
 * Aborts attempts that outlive their timeout, with one lazily re-armed timer per transport instead of a timer set
 * and cleared for every request: a poll answered in a fraction of a millisecond leaves the timer alone, and when it
 * fires early (its attempt done) it re-arms for the oldest attempt still in flight. It keeps the process alive
 * only while an attempt is in flight, as a timer per attempt would.
 */
function createWatchdog() {
  const inFlight = new Set<Deadline>();
  let timer: NodeJS.Timeout | undefined;
  let timerAtMs = Infinity;

  const arm = (atMs: number): void => {
    if (timer !== undefined && timerAtMs <= atMs) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAtMs = atMs;
    timer = setTimeout(fire, Math.max(0, atMs - performance.now()));
    if (inFlight.size === 0) timer.unref();
  };

  const fire = (): void => {
    timer = undefined;
    timerAtMs = Infinity;
    const nowMs = performance.now();
    let nextMs = Infinity;
    for (const deadline of inFlight) {
      if (deadline.atMs <= nowMs) {
        inFlight.delete(deadline);
        deadline.controller.abort();
      } else {
        nextMs = Math.min(nextMs, deadline.atMs);
      }
    }
    if (nextMs < Infinity) arm(nextMs);
  };

  return {
    watch(controller: AbortController, timeoutMs: number): Deadline {
      const deadline = { atMs: performance.now() + timeoutMs, controller };
      inFlight.add(deadline);
      arm(deadline.atMs);
      timer?.ref();
      return deadline;
    },
    release(deadline: Deadline): void {
      inFlight.delete(deadline);
      if (inFlight.size === 0) timer?.unref();
    },
  };
}

/** Attempts per recycled controller: bounds the abort listeners a fetch leaves until GC (undici removes its own then). */
const CONTROLLER_USES = 64;

/**
 * AbortControllers recycled between attempts that do not overlap: creating one with its signal costs about 5 µs,
 * a tenth of a loopback request. A controller is reused only while nothing aborted it and no other attempt holds
 * it, so a timeout still aborts exactly its own attempt; after CONTROLLER_USES attempts it is retired, because the
 * global fetch (undici) removes its listener from the signal only when its Request is collected.
 */
function createControllerPool() {
  let spare: AbortController | undefined;
  const uses = new WeakMap<AbortController, number>();
  return {
    take(): AbortController {
      const controller = spare ?? new AbortController();
      spare = undefined;
      uses.set(controller, (uses.get(controller) ?? 0) + 1);
      return controller;
    },
    give(controller: AbortController): void {
      if (!controller.signal.aborted && (uses.get(controller) ?? 0) < CONTROLLER_USES) spare = controller;
    },
  };
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** undici wraps the socket error: 'fetch failed' → cause ECONNRESET / 'other side closed'; a cut body → 'terminated'. */
function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} [${code}]` : current.message);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}
