/**
 * Applies the active faults to vendor requests and records every request in the log. Installed on the root
 * Fastify instance (not encapsulated) so that its hooks see every vendor route; `/_sim/` is never faulted.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FaultDecision } from '../../control/fault-table.ts';
import { internLogged } from '../../control/request-log.ts';
import { isSecretHeader } from '../../core/secret-names.ts';
import type { SimControl } from '../../control/sim-control.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';

/** The device's own answer for an error status: what a fault of type `error` or `unavailable` sends. */
export interface WireError {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The device a request reached: its faults and log, and its model. */
export interface FaultBinding {
  readonly control: SimControl;
  readonly runner: DeviceRunner;
}

export interface FaultHookOptions {
  /** The device of a request (one app may serve many: ../shared/device-binding.ts). */
  readonly bindingOf: (req: IncomingMessage) => FaultBinding;
  readonly renderError: (status: number) => WireError;
  /** Waits `ms` of wall time (injected by the runtime, the owner of timers). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Longest a request is held during network loss before its socket is dropped [wall ms]. */
  readonly networkLossHoldMs?: number;
  /** Wall time for the request log's durations [ms]; default performance.now (tests inject the clock that moves their sleep). */
  readonly wallNowMs?: () => number;
}

interface RequestMark {
  readonly startedMs: number;
  readonly wallTimeMs: number;
  readonly simTimeMs: number;
  readonly decision: FaultDecision;
  /** The answer's body as sent (set in onSend); null when there was none or it was streamed. */
  responseBody: Uint8Array | string | null;
}

/** The request decoration that carries a request's mark from onRequest to onResponse. */
const MARK = 'battsimFaultMark';
type MarkedRequest = FastifyRequest & { [MARK]: RequestMark | null };
type BodyEffect = Extract<NonNullable<FaultDecision['effect']>, { type: 'truncate' | 'trickle' | 'json-edit' }>;

/** The payload a body fault sends instead: edited JSON, a cut stream, or a trickle. */
function editBody(body: Buffer, effect: BodyEffect, reply: FastifyReply, sleep: (ms: number) => Promise<void>): Buffer | Readable {
  if (effect.type === 'json-edit') {
    const edited = editJson(body, effect.remove, effect.set);
    if (edited === undefined) return body;
    reply.header('content-length', String(edited.length));
    return edited;
  }
  reply.header('content-length', String(body.length));
  if (effect.type === 'truncate') {
    // The headers promise the whole body; part of it is sent, then the connection closes (see onResponse).
    // A stream, because Fastify corrects the length of a buffer payload.
    return Readable.from([body.subarray(0, Math.floor(body.length * effect.keepFraction))]);
  }
  const chunk = Math.max(1, Math.floor(effect.bytesPerSecond / 10));
  return Readable.from(
    (async function* () {
      for (let i = 0; i < body.length; i += chunk) {
        if (i > 0) await sleep((chunk / effect.bytesPerSecond) * 1000);
        yield body.subarray(i, i + chunk);
      }
    })(),
  );
}

export function installFaultHooks(app: FastifyInstance, options: FaultHookOptions): void {
  const { bindingOf, renderError, sleep } = options;
  const wallNowMs = options.wallNowMs ?? (() => performance.now());
  // Every vendor request passes here, so the hooks are callback hooks with a synchronous path for a request
  // that no fault touches (nearly all of them): no promise, no microtask hop, one mark on the request.
  app.decorateRequest(MARK, null);
  const held = new Set<Socket>();
  const isControl = (url: string): boolean => url === '/_sim' || url.startsWith('/_sim/');
  const markOf = (request: FastifyRequest): RequestMark | null => (request as MarkedRequest)[MARK];

  // One short log line per vendor request, when the logger is on (the CLI's default for a running clock).
  const logRequests = ['info', 'debug', 'trace'].includes(app.log.level);
  const record = (request: FastifyRequest, reply: FastifyReply, status: number | null): void => {
    const mark = markOf(request);
    if (!mark) return;
    const { control, runner } = bindingOf(request.raw);
    const durationMs = wallNowMs() - mark.startedMs;
    const contentType = status === null ? undefined : reply.getHeader('content-type');
    control.log.record({
      simTimeMs: mark.simTimeMs,
      wallTimeMs: mark.wallTimeMs,
      method: request.method,
      // A URL with a query may carry a secret (a token): only a plain path is shared.
      url: request.url.includes('?') ? request.url : internLogged(request.url),
      status,
      durationMs,
      faults: mark.decision.faultIds,
      exchange: {
        requestHeaders: loggedHeaders(request.raw.rawHeaders),
        requestBody: Buffer.isBuffer(request.body) ? request.body : null,
        responseContentType: typeof contentType === 'string' ? internLogged(contentType) : null,
        responseBody: status === null ? null : mark.responseBody,
      },
    });
    if (logRequests) {
      app.log.info({ simTime: new Date(mark.simTimeMs).toISOString(), device: runner.device.kind, method: request.method, path: request.url, status, latencyMs: Math.round(durationMs * 1000) / 1000, faults: mark.decision.faultIds }, 'request');
    }
  };

  const drop = (request: FastifyRequest, reply: FastifyReply): void => {
    reply.hijack();
    request.raw.socket.destroy();
    record(request, reply, null);
  };

  /** The effect of a fault on a request: it either answers or drops it, or (body faults) lets it through. */
  const applyEffect = (request: FastifyRequest, reply: FastifyReply, effect: NonNullable<FaultDecision['effect']>, done: () => void): void => {
    switch (effect.type) {
      case 'reset':
        return drop(request, reply);
      case 'network-loss': {
        reply.hijack();
        const socket = request.raw.socket;
        held.add(socket);
        socket.once('close', () => held.delete(socket));
        record(request, reply, null);
        void sleep(options.networkLossHoldMs ?? 30_000).then(() => socket.destroy());
        return;
      }
      case 'error':
      case 'unavailable': {
        const wire = renderError(effect.type === 'error' ? effect.status : 503);
        reply.code(wire.statusCode).headers(wire.headers).send(wire.body);
        return;
      }
      case 'truncate':
      case 'trickle':
      case 'json-edit':
        return done(); // acts on the body, in onSend
    }
  };

  app.addHook('onRequest', (request, reply, done) => {
    if (isControl(request.url)) return done();
    const { control, runner } = bindingOf(request.raw);
    runner.sync();
    const url = request.url;
    const query = url.indexOf('?');
    const nowMs = runner.clock.now();
    const decision = control.faultTable.decide(request.method, query === -1 ? url : url.slice(0, query), nowMs);
    (request as MarkedRequest)[MARK] = { startedMs: wallNowMs(), wallTimeMs: Date.now(), simTimeMs: Math.floor(nowMs), decision, responseBody: null };
    const effect = decision.effect;
    if (decision.delayMs > 0) {
      void sleep(decision.delayMs).then(() => (effect ? applyEffect(request, reply, effect, done) : done()));
      return;
    }
    if (!effect) return done();
    applyEffect(request, reply, effect, done);
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const mark = markOf(request);
    const effect = mark?.decision.effect;
    if (!effect || (effect.type !== 'truncate' && effect.type !== 'trickle' && effect.type !== 'json-edit')) {
      // Kept by reference for the log (Sessy's power/status bytes are shared until the model changes).
      if (mark && (typeof payload === 'string' || Buffer.isBuffer(payload))) mark.responseBody = payload;
      return done(null, payload);
    }
    bodyBytes(payload).then(
      (body) => {
        const edited = editBody(body, effect, reply, sleep);
        mark!.responseBody = Buffer.isBuffer(edited) ? edited : null;
        done(null, edited);
      },
      (error: unknown) => done(error as Error),
    );
  });

  app.addHook('onResponse', (request, reply, done) => {
    if (isControl(request.url)) return done();
    record(request, reply, reply.statusCode);
    if (markOf(request)?.decision.effect?.type === 'truncate') request.raw.socket.destroySoon();
    done();
  });

  app.addHook('onClose', async () => {
    for (const socket of held) socket.destroy();
  });
}

/**
 * Socket exhaustion on a device's server: beyond the limit a fault sets, new connections are closed at once, as the
 * Sessy firmware's small pool does.
 */
export function limitConnections(server: Server, { control, runner }: FaultBinding): void {
  let open = 0;
  server.on('connection', (socket: Socket) => {
    if (open >= control.faultTable.connectionLimit(runner.clock.now())) {
      socket.destroy();
      return;
    }
    open++;
    socket.once('close', () => open--);
  });
}

/** The body with dot-path fields removed and set, or undefined when it is not JSON (then it passes unchanged). */
export function editJson(body: Buffer, remove: readonly string[], set: Readonly<Record<string, unknown>>): Buffer | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const parentOf = (path: string): [Record<string, unknown> | undefined, string] => {
    const keys = path.split('.');
    let node: unknown = doc;
    for (const k of keys.slice(0, -1)) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[k] : undefined;
    return [typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined, keys[keys.length - 1]!];
  };
  for (const path of remove) {
    const [parent, key] = parentOf(path);
    if (parent) delete parent[key];
  }
  for (const [path, value] of Object.entries(set)) {
    const [parent, key] = parentOf(path);
    if (parent) parent[key] = value;
  }
  return Buffer.from(JSON.stringify(doc));
}

async function bodyBytes(payload: unknown): Promise<Buffer> {
  if (payload === null || payload === undefined) return Buffer.alloc(0);
  if (typeof payload === 'string') return Buffer.from(payload);
  if (Buffer.isBuffer(payload)) return payload;
  const chunks: Buffer[] = [];
  for await (const c of payload as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

const NO_HEADERS: readonly string[] = Object.freeze([]);
/** Headers the log's redactor reads besides those named like a credential: the body's type, and URLs that may carry a query secret. */
const READ_HEADERS = new Set(['content-type', 'referer', 'location', 'content-location']);

/**
 * The request headers a log entry keeps: what its reader (log-view.ts, through the recorder's redactor) needs to
 * read the body and to find the secrets to redact. The view never shows headers; the rest would be some hundreds of
 * bytes per entry in every emulator's log.
 */
function loggedHeaders(raw: readonly string[]): readonly string[] {
  let kept: string[] | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (!(READ_HEADERS.has(lower) || isSecretHeader(name))) continue;
    if (kept === undefined) kept = [name, raw[i + 1]!];
    else kept.push(name, raw[i + 1]!);
  }
  return kept ?? NO_HEADERS;
}
