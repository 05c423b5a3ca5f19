/**
 * `/_sim/site` on every device of a site: the whole site's state (the grid beside every device's power, SOC and
 * faults), the site's clock, and each device's faults by name, so that one device's dashboard can take a dongle off
 * the network or reboot the meter (a page may only talk to its own origin). Same access rules as the rest of
 * `/_sim/` (a token when the plane has one).
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ControlAccess } from '../../control/control-access.ts';
import { checkInputShape } from '../../control/input-limits.ts';
import type { SimControl } from '../../control/sim-control.ts';
import { constantTimeEqual } from '../shared/credentials.ts';
import { CONTROL_BODY_LIMIT, faultView, tokenOf } from './control-plugin.ts';

/** A device of a site: its control plane's access rules, and the site it is part of. */
export interface SiteRoutesOptions {
  readonly access: ControlAccess;
  /** The site's state in SI units. */
  readonly state: () => Record<string, unknown>;
  /** Advances the site's manual clock by `seconds`, with the exchanges between its devices; returns the state. */
  readonly advance: (seconds: number) => Promise<Record<string, unknown>>;
  /** The simulation control of the site's device of that name, or undefined. */
  readonly control: (name: string) => SimControl | undefined;
}

/** Longest advance in one request [s]: a year, as /_sim/clock/advance. */
const MAX_ADVANCE_S = 366 * 86_400;

/**
 * Registers `/_sim/site` in an app whose devices are part of a site and have their control plane on; `siteOf` finds
 * the device of a request (one app may serve many: ../shared/device-binding.ts).
 */
export function registerSiteRoutes(app: FastifyInstance, siteOf: (req: IncomingMessage) => SiteRoutesOptions): void {
  const guard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const { access } = siteOf(request.raw);
    // The app serves only devices whose control plane is on; a device without one is refused all the same.
    if (access.enabled && (access.token === null || constantTimeEqual(tokenOf(request.headers), access.token))) return true;
    void sendError(reply, 401, 'SIM_ERR_UNAUTHORIZED', 'Failed to use the simulation control: missing or wrong token. Send it as "Authorization: Bearer <token>" or "X-Battsim-Token: <token>".');
    return false;
  };
  app.get('/_sim/site', async (request, reply) => (guard(request, reply) ? siteOf(request.raw).state() : reply));
  app.post('/_sim/site/advance', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const body = request.body as Record<string, unknown> | null | undefined;
    const seconds = typeof body === 'object' && body !== null && !Array.isArray(body) ? body.seconds : undefined;
    const extra = typeof body === 'object' && body !== null ? Object.keys(body).find((k) => k !== 'seconds') : undefined;
    if (extra !== undefined || typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_S) {
      return sendError(reply, 400, 'SIM_ERR_INVALID_PARAMETER', `Failed to advance the site: send {"seconds": N} with N from 0 to ${MAX_ADVANCE_S}${extra !== undefined ? `; unknown field "${extra.slice(0, 40)}"` : ''}.`);
    }
    try {
      return await siteOf(request.raw).advance(seconds);
    } catch (e) {
      const error = e as Error & { code?: string };
      if (error.code === 'RUNTIME_ERR_CLOCK_MODE') return sendError(reply, 409, error.code, error.message);
      throw e;
    }
  });

  // A device's faults by its name: exactly what POST and DELETE /_sim/faults do on that device.
  const deviceOf = (request: FastifyRequest, reply: FastifyReply): SimControl | null => {
    if (!guard(request, reply)) return null;
    const name = (request.params as { name: string }).name;
    const control = siteOf(request.raw).control(name);
    if (control === undefined) void sendError(reply, 404, 'SIM_ERR_NOT_FOUND', `Failed to find device "${name.slice(0, 40)}" in the site. GET /_sim/site lists its devices.`);
    return control ?? null;
  };
  app.post('/_sim/site/devices/:name/faults', { bodyLimit: CONTROL_BODY_LIMIT }, async (request, reply) => {
    const control = deviceOf(request, reply);
    if (control === null) return reply;
    try {
      checkInputShape(request.body, 'request body');
      return await reply.code(201).send({ fault: faultView(control.addFault(request.body)) });
    } catch (e) {
      const error = e as Error & { statusCode?: number; code?: string };
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return sendError(reply, error.statusCode, error.code ?? 'SIM_ERR_BAD_REQUEST', error.message);
      throw e;
    }
  });
  app.delete('/_sim/site/devices/:name/faults', async (request, reply) => {
    const control = deviceOf(request, reply);
    if (control === null) return reply;
    control.clearFaults();
    return { faults: [] };
  });
}

function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send({ error: { code, message } });
}
