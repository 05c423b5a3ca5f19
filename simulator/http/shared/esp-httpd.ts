/**
 * What both devices' web server, ESP-IDF's esp_http_server, does before any handler of the firmware runs, put
 * around a Fastify app: which methods its HTTP parser knows, the 400 for a request it cannot parse, the 408 for a
 * client that stops sending (its receive timeout), and answers in request order on a pipelined connection.
 * @see docs/http-errors.md
 */
import { METHODS, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * The methods ESP-IDF's HTTP parser (nodejs/http-parser 2.9, codes 0..33) knows: every method Node's parser knows
 * but QUERY. Any other method fails to parse and gets 400 "Bad request syntax" (docs/http-errors.md §Methods).
 */
export const ESP_PARSER_METHODS: ReadonlySet<string> = new Set(METHODS.filter((m) => m !== 'QUERY'));

/** ESP-IDF v5's default texts of httpd_resp_send_err (httpd_txrx.c), the answer when no firmware handler runs. */
export const ESP_DEFAULT_TEXT = {
  400: 'Bad request syntax',
  404: 'Nothing matches the given URI',
  405: 'Specified method is invalid for this resource',
  408: 'Server closed this connection',
  414: 'URI is too long',
  431: 'Header fields are too long',
  500: 'Server has encountered an unexpected error',
  505: 'HTTP version not supported by server',
} as const;

/**
 * The parser's verdict on a request Node parsed: 400 for a method ESP-IDF's parser does not know, 505 for a version
 * whose major and minor are both not 1 (verify_url in httpd_parse.c: HTTP/0.9, HTTP/2.0), else undefined.
 */
export function parserRefusal(method: string, versionMajor: number, versionMinor: number): 400 | 505 | undefined {
  if (!ESP_PARSER_METHODS.has(method)) return 400;
  if (versionMajor !== 1 && versionMinor !== 1) return 505;
  return undefined;
}

const REASON: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

/** HTTPD_DEFAULT_CONFIG's recv_wait_timeout: 5 s without a byte while a request is read, then 408 [ms]. */
export const ESP_RECV_TIMEOUT_MS = 5000;

/**
 * How long a connection may stay silent before the emulator closes it [ms]. Not the device's: ESP-IDF keeps an idle
 * socket until its small pool needs the slot (its LRU purge). A bound so that a client leaking connections cannot
 * grow an emulator without end; far above any client's keep-alive (Home Assistant's aiohttp: 15 s).
 */
export const IDLE_CONNECTION_TIMEOUT_MS = 10 * 60_000;

export interface EspServerOptions {
  /** Receive timeout while a request's head or body is read [ms]; default ESP_RECV_TIMEOUT_MS. */
  readonly recvTimeoutMs?: number;
  /** A connection silent this long is closed [ms]; default IDLE_CONNECTION_TIMEOUT_MS. */
  readonly idleTimeoutMs?: number;
}

/** Node's HTTP server options of a device's server. */
export interface EspHttpServerOptions {
  readonly headersTimeout: number;
  readonly connectionsCheckingInterval: number;
  readonly requestTimeout: number;
}

/**
 * Options for http.createServer(): the server's own head timeout set to the device's receive timeout (Node checks it
 * every `connectionsCheckingInterval`, so a stalled head is cut after 1× to 2× the timeout).
 */
export function espHttpServerOptions(options: EspServerOptions = {}): EspHttpServerOptions {
  const recvTimeoutMs = options.recvTimeoutMs ?? ESP_RECV_TIMEOUT_MS;
  return { headersTimeout: recvTimeoutMs, connectionsCheckingInterval: Math.max(10, Math.min(1000, recvTimeoutMs)), requestTimeout: 0 };
}

/** The same for Fastify(), when the app makes its own server. */
export function espServerFactoryOptions(options: EspServerOptions = {}): { http: EspHttpServerOptions } {
  return { http: espHttpServerOptions(options) };
}

/** Answers still owed on a socket, and an error answer waiting for them. */
interface SocketState {
  pending: number;
  /** Requests of the socket not yet answered, the first one being handled. */
  queue: [IncomingMessage, ServerResponse][];
  deferred: Buffer | undefined;
  /** The receive-timeout watch of the body being read, if any; cleared when the socket closes. */
  bodyTimer: NodeJS.Timeout | undefined;
  /** An answer closed the connection: requests Node still parses from the bytes behind it are never handled. */
  closed: boolean;
}

/** Teaches the app every method Node's parser passes on, so that none reaches Fastify's own 404/400. Call before routes are added. */
export function teachEspMethods(app: FastifyInstance): void {
  for (const method of METHODS) {
    if (!app.supportedMethods.includes(method) && method !== 'CONNECT') app.addHttpMethod(method, { hasBody: true });
  }
}

/**
 * Puts the device's parser errors, receive timeouts and pipelining order on its server, around the 'request'
 * listeners the server has now (the app's).
 */
export function installEspServer(server: Server, options: EspServerOptions = {}): void {
  const recvTimeoutMs = options.recvTimeoutMs ?? ESP_RECV_TIMEOUT_MS;
  // ESP-IDF sets no idle timeout on a kept-alive socket (it reads a socket only when select() reports it readable)
  // and sends no Keep-Alive header (docs/http-errors.md, Timeouts). Node's default would close an idle connection
  // after 72 s (Fastify's keepAliveTimeout), announce it as `Keep-Alive: timeout=72`, and arm a new timer after every
  // answer that lives until the socket's next request; 0 turns all three off (Fastify reads 0 as its default, so it
  // is set on the server).
  server.keepAliveTimeout = 0;
  // Node sets this inactivity timeout once per connection and refreshes it on every byte; with no 'timeout'
  // listener the socket is destroyed when it fires.
  server.timeout = options.idleTimeoutMs ?? IDLE_CONNECTION_TIMEOUT_MS;
  const states = new WeakMap<Socket, SocketState>();
  const stateOf = (socket: Socket): SocketState => {
    let s = states.get(socket);
    if (!s) {
      const state: SocketState = { pending: 0, queue: [], deferred: undefined, bodyTimer: undefined, closed: false };
      // One listener per socket, not one per request: a keep-alive client sends many.
      socket.once('close', () => clearTimeout(state.bodyTimer));
      states.set(socket, (s = state));
    }
    return s;
  };
  const finish = (socket: Socket, bytes: Buffer): void => {
    const s = stateOf(socket);
    if (s.pending > 0) s.deferred ??= bytes;
    else endWith(socket, bytes);
  };

  // ESP-IDF serves one request of a socket at a time, and a socket it closed after an error serves no more: the
  // requests pipelined behind an answer that closes the connection are never handled (their state changes would
  // reach no client). Fastify's listener gets the requests of a socket one after the other.
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  const dispatch = (s: SocketState, socket: Socket): void => {
    const next = s.queue[0];
    if (!next) return;
    const [req, res] = next;
    let done = false;
    const settle = (): void => {
      if (done) return;
      done = true;
      s.queue.shift();
      s.pending--;
      // Fastify hands its headers to writeHead, where getHeader() does not see them; Node marks the message that
      // ends the connection as its last (_last), whoever set Connection: close.
      const closes = (res as unknown as { _last?: boolean })._last === true || /close/i.test(String(res.getHeader('connection') ?? '')) || socket.destroyed;
      if (closes) {
        s.closed = true;
        s.queue.length = 0;
        s.pending = 0;
        s.deferred = undefined;
        return;
      }
      if (s.pending === 0 && s.deferred) {
        const bytes = s.deferred;
        s.deferred = undefined;
        endWith(socket, bytes);
        return;
      }
      dispatch(s, socket);
    };
    res.once('finish', settle);
    res.once('close', settle);
    for (const handler of handlers) handler.call(server, req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const s = stateOf(socket);
    // Node parses what the client sent behind an answer that closed the connection once that answer is out (the
    // body the firmware never read is dumped, and parsing resumes): ESP-IDF has closed the socket and reads none
    // of it (issue 19, fuzz seed 1 case 45663: a setpoint pipelined behind a 405 changed the state).
    if (s.closed || socket.destroyed) {
      req.resume();
      return;
    }
    s.pending++;
    s.queue.push([req, res]);
    // ESP-IDF's receive timeout while the body arrives: no new byte on the socket for recvTimeoutMs and the
    // request still incomplete. Watched by its own timer: Node resets the socket's timeout for keep-alive itself.
    // Only a request with a body is watched: a handler that takes its time (a latency fault) is not the client's fault.
    if (hasBody(req)) watchBody(req, res, socket, s, recvTimeoutMs);
    if (s.queue.length === 1) dispatch(s, socket);
  });
  // Fastify's own listener would answer first, in JSON: the device's answer replaces it.
  server.removeAllListeners('clientError');
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_URI_OVERFLOW' ? 414 : 400;
    finish(socket, errorBytes(status));
  });
  // CONNECT's target must be host:port; ESP-IDF's URL check fails on anything a client of these APIs sends.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => finish(socket, errorBytes(400)));
}

function watchBody(req: IncomingMessage, res: ServerResponse, socket: Socket, state: SocketState, recvTimeoutMs: number): void {
  let seen = socket.bytesRead;
  const check = (): void => {
    if (req.complete || socket.destroyed) return;
    if (socket.bytesRead === seen) {
      if (!res.headersSent) endWith(socket, errorBytes(408));
      else socket.destroy();
      return;
    }
    seen = socket.bytesRead;
    timer.refresh();
  };
  clearTimeout(state.bodyTimer);
  const timer = setTimeout(check, recvTimeoutMs);
  timer.unref();
  state.bodyTimer = timer;
  // Once the body is in, the watch is over. Left to run, the timer would hold this request and its answer until the
  // socket's next request (a dongle posts once a second on a kept-alive connection): objects that live about a second
  // are what a generational collector handles worst, and 750 posts a second in a site made them a large part of
  // what reached the old generation (bench/site-scale.ts).
  req.once('end', () => {
    clearTimeout(timer);
    if (state.bodyTimer === timer) state.bodyTimer = undefined;
  });
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** httpd_resp_send_err with the default text: text/html, then the socket closes. */
function errorBytes(status: keyof typeof REASON & keyof typeof ESP_DEFAULT_TEXT): Buffer {
  const body = ESP_DEFAULT_TEXT[status];
  return Buffer.from(`HTTP/1.1 ${status} ${REASON[status]}\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`, 'latin1');
}

function endWith(socket: Socket, bytes: Buffer): void {
  if (socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  // ESP-IDF closes the descriptor (close(), not a half-close): once the answer is out the socket is gone, even if
  // the client is still sending; a client that never reads is dropped after the send timeout.
  socket.end(bytes, () => socket.destroy());
  socket.setTimeout(ESP_RECV_TIMEOUT_MS, () => socket.destroy());
}
