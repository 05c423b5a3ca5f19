/**
 * `/_sim/site` on every device of a site: the whole site's state (the grid beside every device's power, SOC and
 * faults) and the site's clock. Same access rules as the rest of `/_sim/` (a token when the plane has one).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ControlAccess } from '../../control/control-access.ts';
import { constantTimeEqual } from '../shared/credentials.ts';
import { tokenOf } from './control-plugin.ts';

export interface SiteRoutesOptions {
  readonly access: ControlAccess;
  /** The site's state in SI units. */
  readonly state: () => Record<string, unknown>;
  /** Advances the site's manual clock by `seconds`, with the exchanges between its devices; returns the state. */
  readonly advance: (seconds: number) => Promise<Record<string, unknown>>;
}

/** Longest advance in one request [s]: a year, as /_sim/clock/advance. */
const MAX_ADVANCE_S = 366 * 86_400;

export function registerSiteRoutes(app: FastifyInstance, options: SiteRoutesOptions): void {
  const { access } = options;
  if (!access.enabled) return;
  const guard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (access.token === null || constantTimeEqual(tokenOf(request.headers), access.token)) return true;
    void sendError(reply, 401, 'SIM_ERR_UNAUTHORIZED', 'Failed to use the simulation control: missing or wrong token. Send it as "Authorization: Bearer <token>" or "X-Battsim-Token: <token>".');
    return false;
  };
  app.get('/_sim/site', async (request, reply) => (guard(request, reply) ? options.state() : reply));
  app.post('/_sim/site/advance', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const body = request.body as Record<string, unknown> | null | undefined;
    const seconds = typeof body === 'object' && body !== null && !Array.isArray(body) ? body.seconds : undefined;
    const extra = typeof body === 'object' && body !== null ? Object.keys(body).find((k) => k !== 'seconds') : undefined;
    if (extra !== undefined || typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_S) {
      return sendError(reply, 400, 'SIM_ERR_INVALID_PARAMETER', `Failed to advance the site: send {"seconds": N} with N from 0 to ${MAX_ADVANCE_S}${extra !== undefined ? `; unknown field "${extra.slice(0, 40)}"` : ''}.`);
    }
    try {
      return await options.advance(seconds);
    } catch (e) {
      const error = e as Error & { code?: string };
      if (error.code === 'RUNTIME_ERR_CLOCK_MODE') return sendError(reply, 409, error.code, error.message);
      throw e;
    }
  });
}

function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send({ error: { code, message } });
}
