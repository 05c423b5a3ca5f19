/**
 * The suites' only way to the target: plain fetch, paced, abortable, and recorded, so a failure can show the
 * request and response that prove it. Clients of clients/ get the same path through `fetch`. Authorization
 * headers are recorded redacted: reports end up in CI logs.
 */
import type { TargetCredentials } from './types.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface RecordedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface Exchange {
  readonly request: RecordedRequest;
  /** null when no answer came (connection refused, reset, timeout). */
  readonly response: RecordedResponse | null;
  readonly error?: string;
  /** Parses the body as JSON; undefined when it is not JSON. */
  json(): unknown;
}

export type AuthChoice = 'valid' | 'none' | TargetCredentials;

export interface SendRequest {
  readonly method: 'GET' | 'POST';
  /** Path with query, starting with '/'. */
  readonly path: string;
  /** Default 'valid': the target's credentials (none when it has none). */
  readonly auth?: AuthChoice;
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string>>;
  /** A raw body, sent as is (e.g. malformed JSON). */
  readonly body?: string;
  readonly contentType?: string;
  /** This request's own timeout [ms]; default the client's. */
  readonly timeoutMs?: number;
  /** Sent right after the previous one, without the pacing gap: for a check that must land within a 1 s window. */
  readonly unpaced?: boolean;
}

export interface ContractHttpOptions {
  readonly baseUrl: string;
  readonly credentials: TargetCredentials | null;
  /** Minimum gap between requests [ms]. */
  readonly paceMs: number;
  readonly signal?: AbortSignal;
  /** Per request [ms]; default 15000 (Homey's timeout: a busy dongle can take seconds). */
  readonly timeoutMs?: number;
}

export interface ContractHttp {
  send(request: SendRequest): Promise<Exchange>;
  /** A recorded, paced fetch for clients/ (createSessyClient({ fetch })). */
  readonly fetch: FetchLike;
  /** Everything sent since the last `takeLog()`. */
  takeLog(): Exchange[];
  readonly baseUrl: string;
}

export class AbortedError extends Error {
  override readonly name = 'AbortedError';
}

export function basicHeader(c: TargetCredentials): string {
  return `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}`;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError('Aborted'));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError('Aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createContractHttp(options: ContractHttpOptions): ContractHttp {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const defaultTimeoutMs = options.timeoutMs ?? 15_000;
  let log: Exchange[] = [];
  let nextAtMs = 0;
  // One request at a time: the devices' servers have a handful of sockets, and pacing needs an order.
  let chain: Promise<unknown> = Promise.resolve();

  const raw = async (url: string, init: RequestInit, timeoutMs = defaultTimeoutMs, unpaced = false): Promise<{ exchange: Exchange; response: Response | null }> => {
    const waitMs = nextAtMs - Date.now();
    if (waitMs > 0 && !unpaced) await sleep(waitMs, options.signal);
    if (options.signal?.aborted) throw new AbortedError('Aborted');
    const headers = new Headers(init.headers);
    const recordedHeaders: Record<string, string> = {};
    headers.forEach((v, k) => (recordedHeaders[k] = k === 'authorization' ? redact(v) : v));
    const request: RecordedRequest = { method: init.method ?? 'GET', url, headers: recordedHeaders, ...(typeof init.body === 'string' ? { body: init.body } : {}) };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(url, { ...init, signal: controller.signal, redirect: 'manual' });
      const text = await response.text();
      const h: Record<string, string> = {};
      response.headers.forEach((v, k) => (h[k] = v));
      const exchange = makeExchange(request, { status: response.status, statusText: response.statusText, headers: h, text });
      log.push(exchange);
      return { exchange, response: new Response(response.status === 204 || response.status === 304 ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers }) };
    } catch (error) {
      const exchange = makeExchange(request, null, controller.signal.aborted ? `no answer within ${timeoutMs} ms` : describe(error));
      log.push(exchange);
      return { exchange, response: null };
    } finally {
      clearTimeout(timer);
      nextAtMs = Date.now() + options.paceMs;
    }
  };
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  };

  return {
    baseUrl,
    send(req) {
      const headers: Record<string, string> = {};
      const auth = req.auth ?? 'valid';
      const creds = auth === 'valid' ? options.credentials : auth === 'none' ? null : auth;
      if (creds) headers.authorization = basicHeader(creds);
      let body: string | undefined;
      if (req.json !== undefined) {
        body = JSON.stringify(req.json);
        headers['content-type'] = 'application/json';
      } else if (req.form) {
        body = new URLSearchParams(req.form as Record<string, string>).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else if (req.body !== undefined) {
        body = req.body;
        headers['content-type'] = req.contentType ?? 'application/json';
      }
      return serial(async () => (await raw(`${baseUrl}${req.path}`, { method: req.method, headers, ...(body !== undefined ? { body } : {}) }, req.timeoutMs, req.unpaced)).exchange);
    },
    fetch: (input, init) =>
      serial(async () => {
        const { exchange, response } = await raw(input, init);
        if (!response) throw new TypeError(`fetch failed: ${exchange.error ?? 'no answer'}`);
        return response;
      }),
    takeLog() {
      const taken = log;
      log = [];
      return taken;
    },
  };
}

function makeExchange(request: RecordedRequest, response: RecordedResponse | null, error?: string): Exchange {
  return {
    request,
    response,
    ...(error !== undefined ? { error } : {}),
    json() {
      if (!response) return undefined;
      try {
        return JSON.parse(response.text) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

function redact(value: string): string {
  return value.startsWith('Basic ') ? 'Basic <redacted>' : '<redacted>';
}

function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let i = 0; current instanceof Error && i < 4; i++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} [${code}]` : current.message);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}
