/**
 * The simulation control plane under `/_sim/`: never part of a vendor API, JSON in SI units.
 * This is the minimal set both emulators need from the start (state, SOC, clock); the simulation-control
 * issue completes it.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SimError } from '../../core/index.ts';
import type { DeviceRunner } from '../../runtime/device-runner.ts';
import { RuntimeError } from '../../runtime/errors.ts';

export interface ControlPluginOptions {
  readonly runner: DeviceRunner;
}

/** Longest single manual advance [s]: a simulated 31-day month. */
const MAX_ADVANCE_S = 31 * 86_400;

export async function controlPlugin(app: FastifyInstance, { runner }: ControlPluginOptions): Promise<void> {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof SimError || error instanceof RuntimeError) return sendControlError(reply, 400, error.code, error.message);
    const e = error as { statusCode?: number; code?: string; message: string };
    if (e.statusCode && e.statusCode < 500) return sendControlError(reply, e.statusCode, e.code ?? 'SIM_ERR_BAD_REQUEST', e.message);
    throw error;
  });
  app.addHook('onRequest', async () => runner.sync());

  app.get('/_sim/state', async () => ({ clock: clockView(runner), ...runner.device.simState() }));

  app.post(
    '/_sim/state',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { soc: { type: 'number', minimum: 0, maximum: 1 } },
        },
      },
    },
    async (request) => {
      const body = request.body as { soc?: number };
      if (body.soc !== undefined) runner.device.setSoc(body.soc);
      return { clock: clockView(runner), ...runner.device.simState() };
    },
  );

  app.get('/_sim/clock', async () => clockView(runner));

  app.post(
    '/_sim/clock/advance',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['seconds'],
          properties: { seconds: { type: 'number', minimum: 0, maximum: MAX_ADVANCE_S } },
        },
      },
    },
    async (request, reply) => {
      if (runner.clock.mode !== 'manual') {
        return sendControlError(reply, 409, 'RUNTIME_ERR_CLOCK_MODE', 'Failed to advance the clock: it runs on wall time. Start the emulator with --speed manual to step time by hand.');
      }
      runner.advance((request.body as { seconds: number }).seconds);
      return clockView(runner);
    },
  );
}

export function clockView(runner: DeviceRunner): Record<string, unknown> {
  const nowMs = runner.clock.now();
  return { mode: runner.clock.mode, nowMs: Math.floor(nowMs), now: new Date(nowMs).toISOString(), speed: runner.clock.speed, paused: runner.clock.paused };
}

function sendControlError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send({ error: { code, message } });
}
