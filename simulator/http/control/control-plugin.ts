/**
 * The simulation control plane under `/_sim/`: never part of a vendor API, JSON in SI units, described in
 * openapi/sim-control.yaml. A thin adapter over SimControl; every route answers errors as
 * `{"error": {"code", "message"}}` and never changes state on a rejected request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSpeed, SimError, SPEED_RANGE } from '../../core/index.ts';
import type { ControlAccess } from '../../control/control-access.ts';
import { checkInputShape, quote } from '../../control/input-limits.ts';
import { MAX_SCENARIO_YAML_CHARS } from '../../control/scenario.ts';
import { SimControlError, createSimControl, type SimControl } from '../../control/sim-control.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import { constantTimeEqual } from '../shared/credentials.ts';
import type { EventStream } from './event-stream.ts';
import { docsRoutes, isDocsPath } from './docs-routes.ts';
import type { createLogViewer } from './log-view.ts';
import { parseLogQuery } from './log-query.ts';
import { isUiPath, uiRoutes } from './ui-routes.ts';

export interface ControlPluginOptions {
  readonly runner: DeviceRunner;
  /** The control surface; when absent one is made over the runner (without reset). */
  readonly control?: SimControl;
  /** Token rules; default: enabled without a token (loopback). */
  readonly access?: ControlAccess;
  /** The window over which an SSE client that is behind must take one event per wall second, else it is closed [wall ms]; default 30 s (DEFAULT_STALL_LIMIT_MS). */
  readonly sseStallLimitMs?: number;
  /** Wall time for the SSE stall limit [ms]; default performance.now (tests inject their own). */
  readonly wallNowMs?: () => number;
}

/** Largest control request body [bytes]: a 50,000-event scenario in JSON fits. @see docs/control-plane-limits.md */
export const CONTROL_BODY_LIMIT = 1024 * 1024;

export async function controlPlugin(app: FastifyInstance, options: ControlPluginOptions): Promise<void> {
  const { runner } = options;
  const access = options.access ?? { enabled: true, token: null };
  if (!access.enabled) return;
  const control =
    options.control ??
    createSimControl({
      runner,
      startMs: runner.clock.now(),
      createDevice: () => {
        throw new SimControlError('SIM_ERR_NOT_SUPPORTED', 'Failed to reset: this emulator was built without a device factory.');
      },
    });

  app.addContentTypeParser(['text/yaml', 'application/yaml', 'application/x-yaml', 'text/plain'], { parseAs: 'string', bodyLimit: CONTROL_BODY_LIMIT }, (_req, body, done) => done(null, body));
  // JSON sent without saying so is read as JSON: no Content-Type at all (Go's http.NewRequest, urllib without a
  // header) and curl -d's default form type. Fastify's own JSON parser, so __proto__ keys are refused as for JSON.
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: CONTROL_BODY_LIMIT }, json);
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: CONTROL_BODY_LIMIT }, (request, body, done) => {
    const type = request.headers['content-type'];
    if (type === undefined || type.trim() === '') return json(request, body as string, done);
    done(new SimControlError('SIM_ERR_UNSUPPORTED_MEDIA_TYPE', `Failed to read the request: the body's Content-Type is ${quote(type)}; send JSON (application/json), or a scenario as YAML (text/yaml).`), undefined);
  });
  app.setErrorHandler((error, _request, reply) => {
    const e = error as Error & { statusCode?: number; code?: string };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(
        reply,
        413,
        'SIM_ERR_BODY_TOO_LARGE',
        `Failed to read the request: the body is over the control plane's limit of ${CONTROL_BODY_LIMIT} bytes (CONTROL_BODY_LIMIT); a YAML scenario may have ${MAX_SCENARIO_YAML_CHARS} characters.`,
      );
    }
    // Every typed error carries its status (core/error-catalogue.ts), as do Fastify's own (FST_ERR_*).
    // Fastify's own body errors (malformed or empty JSON, a forbidden __proto__ key) under the catalogue's code.
    if (e.code?.startsWith('FST_ERR_CTP_') && e.statusCode === 400) {
      return sendError(reply, 400, 'SIM_ERR_BAD_REQUEST', 'Failed to read the request: the body is not valid JSON. Send a JSON object, e.g. {"seconds": 60}.');
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return sendError(reply, e.statusCode, e.code ?? 'SIM_ERR_BAD_REQUEST', e.message);
    reply.log.error(e);
    return sendError(reply, 500, 'SIM_ERR_INTERNAL', 'Failed to handle the control request: an internal error (logged). Please report it.');
  });
  // Every body is checked for depth, string, list and object sizes before a handler reads it; a scenario checks
  // its own, in slices, since it may be large.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body !== undefined && request.body !== null && typeof request.body === 'object' && request.routeOptions.url !== '/_sim/scenario') {
      checkInputShape(request.body, 'request body');
    }
    done();
  });
  if (access.token !== null) {
    const token = access.token;
    app.addHook('onRequest', async (request, reply) => {
      // The dashboard's and the docs' static files hold no state; what the page then asks for needs the token.
      if (isUiPath(request.url) || isDocsPath(request.url)) return;
      if (!constantTimeEqual(tokenOf(request.headers), token)) {
        return sendError(reply, 401, 'SIM_ERR_UNAUTHORIZED', 'Failed to use the simulation control: missing or wrong token. Send it as "Authorization: Bearer <token>" or "X-Battsim-Token: <token>".');
      }
    });
  }

  const opts = { bodyLimit: CONTROL_BODY_LIMIT };
  app.get('/_sim/state', async () => control.state());
  app.post('/_sim/state', opts, async (request) => control.setState(request.body));
  app.get('/_sim/clock', async () => control.clock());
  app.post('/_sim/clock', opts, async (request) => {
    const body = objectBody(request);
    const unknown = Object.keys(body).find((k) => k !== 'action' && k !== 'speed');
    if (unknown !== undefined || Object.keys(body).length === 0) {
      throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to change the clock: send {"action": "pause"|"resume"} and/or {"speed": N}${unknown ? `; unknown field ${quote(unknown)}` : ''}.`);
    }
    if (body.action !== undefined && body.action !== 'pause' && body.action !== 'resume') {
      throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to change the clock: "action" must be "pause" or "resume", got ${quote(body.action)}.`);
    }
    const speed = body.speed;
    if (speed !== undefined && !isSpeed(speed)) {
      throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to change the clock: "speed" must be ${SPEED_RANGE}, got ${quote(speed)}.`);
    }
    if (speed !== undefined) control.setSpeed(speed);
    if (body.action === 'pause') control.pause();
    if (body.action === 'resume') control.resume();
    return control.clock();
  });
  app.post('/_sim/clock/advance', opts, async (request) => {
    const body = objectBody(request);
    const unknown = Object.keys(body).find((k) => k !== 'seconds');
    if (unknown !== undefined) throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to advance the clock: unknown field ${quote(unknown)}. Send {"seconds": N}.`);
    const seconds = body.seconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 366 * 86_400) {
      throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to advance the clock: "seconds" must be a number from 0 to ${366 * 86_400}, got ${quote(seconds)}.`);
    }
    return control.advanceInSite ? control.advanceInSite(seconds) : control.advance(seconds);
  });
  app.get('/_sim/faults', async () => ({ faults: control.faults().map(faultView) }));
  app.post('/_sim/faults', opts, async (request, reply) => reply.code(201).send({ fault: faultView(control.addFault(request.body)) }));
  app.delete('/_sim/faults', async () => {
    control.clearFaults();
    return { faults: [] };
  });
  app.delete('/_sim/faults/:id', async (request) => {
    control.removeFault((request.params as { id: string }).id);
    return { faults: control.faults().map(faultView) };
  });
  app.post('/_sim/scenario', opts, async (request) => ({ scenario: await control.loadScenarioInSlices(request.body, yieldToEventLoop) }));
  app.post('/_sim/reset', async () => control.reset());
  // The log view (with the recorder's redactor) and the event stream are imported on the first request that
  // needs them, not at start: a vendor client's first answer should not wait for them (issue 13, cold start).
  let viewLog: Promise<ReturnType<typeof createLogViewer>> | undefined;
  app.get('/_sim/log', async (request) => {
    const query = parseLogQuery(request.query);
    viewLog ??= import('./log-view.ts').then(({ createLogViewer }) => createLogViewer(2 * control.log.capacity));
    return { capacity: control.log.capacity, requests: (await viewLog)(control.log.entries(query)) };
  });
  await app.register(uiRoutes);
  await app.register(docsRoutes, { kind: () => runner.device.kind });
  let events: Promise<EventStream> | undefined;
  app.get('/_sim/events', async (request, reply) => {
    events ??= import('./event-stream.ts').then(({ createEventStream, DEFAULT_STALL_LIMIT_MS }) =>
      createEventStream({ control, runner, stallLimitMs: options.sseStallLimitMs ?? DEFAULT_STALL_LIMIT_MS, wallNowMs: options.wallNowMs ?? (() => performance.now()) }),
    );
    (await events).serve(request, reply);
  });
}

/** A fault as /_sim/faults shows it. */
export function faultView(f: { id: string; spec: object; addedAtMs: number; hits: number }): Record<string, unknown> {
  const spec = f.spec as { scope: { count: number; durationS: number } };
  // JSON has no Infinity: an unlimited count or duration is null.
  const scope = { ...spec.scope, count: Number.isFinite(spec.scope.count) ? spec.scope.count : null, durationS: Number.isFinite(spec.scope.durationS) ? spec.scope.durationS : null };
  return { id: f.id, ...f.spec, scope, addedAtMs: f.addedAtMs, hits: f.hits };
}

function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (typeof body === 'string') {
    throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to read the request: send a JSON object with Content-Type: application/json (this body came as ${quote(request.headers['content-type'] ?? '')}, which is read as text).`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SimError('SIM_ERR_INVALID_PARAMETER', 'Failed to read the request: send a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** The token sent as X-Battsim-Token or as an Authorization Bearer credential (scheme in any case: RFC 7235 §2.1). */
export function tokenOf(headers: FastifyRequest['headers']): string {
  const header = headers['x-battsim-token'];
  if (typeof header === 'string') return header;
  const match = /^bearer +(\S+) *$/i.exec(headers.authorization ?? '');
  return match ? match[1]! : '';
}

/** Longest error message sent [characters]: a safety net under the messages' own short quotes. */
const MAX_MESSAGE_CHARS = 1000;

function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const text = message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message;
  return reply.code(status).type('application/json').send({ error: { code, message: text } });
}

/** Lets the event loop run what is waiting (I/O, other requests) before a long job goes on with its next slice. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}
