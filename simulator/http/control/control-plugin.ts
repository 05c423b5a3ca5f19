/**
 * The simulation control plane under `/_sim/`: never part of a vendor API, JSON in SI units, described in
 * openapi/sim-control.yaml. A thin adapter over SimControl; every route answers errors as
 * `{"error": {"code", "message"}}` and never changes state on a rejected request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SimError } from '../../core/index.ts';
import type { ControlAccess } from '../../control/control-access.ts';
import { FaultSpecError } from '../../control/fault-spec.ts';
import { ScenarioError } from '../../control/scenario.ts';
import { ControlError, createSimControl, type SimControl } from '../../control/sim-control.ts';
import { StatePatchError } from '../../control/state-patch.ts';
import type { DeviceRunner } from '../../runtime/device-runner.ts';
import { RuntimeError } from '../../runtime/errors.ts';
import { constantTimeEqual } from '../shared/credentials.ts';
import { docsRoutes, isDocsPath } from './docs-routes.ts';
import { createLogViewer } from './log-view.ts';
import { parseLogQuery } from './log-query.ts';
import { isUiPath, uiRoutes } from './ui-routes.ts';

export interface ControlPluginOptions {
  readonly runner: DeviceRunner;
  /** The control surface; when absent one is made over the runner (without reset). */
  readonly control?: SimControl;
  /** Token rules; default: enabled without a token (loopback). */
  readonly access?: ControlAccess;
}

/** Largest control request body [bytes]: a scenario file fits easily. */
const CONTROL_BODY_LIMIT = 1024 * 1024;

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
        throw new ControlError('SIM_ERR_NOT_SUPPORTED', 'Failed to reset: this emulator was built without a device factory.');
      },
    });

  app.addContentTypeParser(['text/yaml', 'application/yaml', 'application/x-yaml', 'text/plain'], { parseAs: 'string', bodyLimit: CONTROL_BODY_LIMIT }, (_req, body, done) => done(null, body));
  app.setErrorHandler((error, _request, reply) => {
    const e = error as Error & { statusCode?: number; code?: string };
    if (e instanceof ControlError) return sendError(reply, e.code === 'SIM_ERR_NOT_FOUND' ? 404 : 409, e.code, e.message);
    if (e instanceof RuntimeError) return sendError(reply, e.code === 'RUNTIME_ERR_CLOCK_MODE' ? 409 : 400, e.code, e.message);
    if (e instanceof SimError || e instanceof FaultSpecError || e instanceof ScenarioError || e instanceof StatePatchError) return sendError(reply, 400, e.code, e.message);
    if (e.statusCode && e.statusCode < 500) return sendError(reply, e.statusCode, e.code ?? 'SIM_ERR_BAD_REQUEST', e.message);
    reply.log.error(e);
    return sendError(reply, 500, 'SIM_ERR_INTERNAL', `Failed to handle the control request: ${e.message}`);
  });
  if (access.token !== null) {
    const token = access.token;
    app.addHook('onRequest', async (request, reply) => {
      // The dashboard's and the docs' static files hold no state; what the page then asks for needs the token.
      if (isUiPath(request.url) || isDocsPath(request.url)) return;
      if (!constantTimeEqual(tokenOf(request), token)) {
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
      throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to change the clock: send {"action": "pause"|"resume"} and/or {"speed": N}${unknown ? `; unknown field "${unknown}"` : ''}.`);
    }
    if (body.action !== undefined && body.action !== 'pause' && body.action !== 'resume') {
      throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to change the clock: "action" must be "pause" or "resume", got ${JSON.stringify(body.action)}.`);
    }
    if (body.speed !== undefined) {
      if (typeof body.speed !== 'number') throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to change the clock: "speed" must be a number, got ${JSON.stringify(body.speed)}.`);
      control.setSpeed(body.speed);
    }
    if (body.action === 'pause') control.pause();
    if (body.action === 'resume') control.resume();
    return control.clock();
  });
  app.post('/_sim/clock/advance', opts, async (request) => {
    const body = objectBody(request);
    const unknown = Object.keys(body).find((k) => k !== 'seconds');
    if (unknown !== undefined) throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to advance the clock: unknown field "${unknown}". Send {"seconds": N}.`);
    const seconds = body.seconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 366 * 86_400) {
      throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to advance the clock: "seconds" must be a number from 0 to ${366 * 86_400}, got ${JSON.stringify(seconds) ?? 'nothing'}.`);
    }
    return control.advance(seconds);
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
  app.post('/_sim/scenario', opts, async (request) => ({ scenario: control.loadScenario(request.body) }));
  app.post('/_sim/reset', async () => control.reset());
  const viewLog = createLogViewer();
  app.get('/_sim/log', async (request) => ({ capacity: control.log.capacity, requests: viewLog(control.log.entries(parseLogQuery(request.query))) }));
  await app.register(uiRoutes);
  await app.register(docsRoutes, { kind: () => runner.device.kind });
  app.get('/_sim/events', async (request, reply) => streamEvents(request, reply, control, runner));
}

function streamEvents(request: FastifyRequest, reply: FastifyReply, control: SimControl, runner: DeviceRunner): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (tMs: number, state: Record<string, unknown>): void => {
    res.write(`id: ${tMs}\nevent: state\ndata: ${JSON.stringify(state)}\n\n`);
  };
  const first = control.state();
  send(Math.floor(runner.clock.now()), first);
  const unsubscribe = runner.onSecond((tMs) => send(tMs, { simTimeMs: tMs, ...runner.device.simState() }));
  request.raw.socket.once('close', unsubscribe);
}

function faultView(f: { id: string; spec: object; addedAtMs: number; hits: number }): Record<string, unknown> {
  const spec = f.spec as { scope: { count: number; durationS: number } };
  // JSON has no Infinity: an unlimited count or duration is null.
  const scope = { ...spec.scope, count: Number.isFinite(spec.scope.count) ? spec.scope.count : null, durationS: Number.isFinite(spec.scope.durationS) ? spec.scope.durationS : null };
  return { id: f.id, ...f.spec, scope, addedAtMs: f.addedAtMs, hits: f.hits };
}

function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SimError('SIM_ERR_INVALID_PARAMETER', 'Failed to read the request: send a JSON object.');
  }
  return body as Record<string, unknown>;
}

function tokenOf(request: FastifyRequest): string {
  const header = request.headers['x-battsim-token'];
  if (typeof header === 'string') return header;
  const auth = request.headers.authorization ?? '';
  return auth.startsWith('Bearer ') ? auth.slice(7) : '';
}

function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send({ error: { code, message } });
}

/** The clock as the control plane shows it. */
export function clockView(runner: DeviceRunner): Record<string, unknown> {
  const nowMs = runner.clock.now();
  return { mode: runner.clock.mode, nowMs: Math.floor(nowMs), now: new Date(nowMs).toISOString(), speed: runner.clock.speed, paused: runner.clock.paused };
}
