/**
 * A test client of one emulator app through inject(): no port, no wall time. Sends the device's Basic credentials
 * on vendor requests when it has them, and moves the manual clock through the control plane as a test client would.
 */
import type { FastifyInstance } from 'fastify';

export function createInjectClient(app: FastifyInstance, credentials: { readonly user: string; readonly password: string } | null) {
  const authorization = credentials ? `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}` : undefined;
  const headers = authorization ? { authorization } : {};
  return {
    authorization,
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload?: string) => app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, ...(payload !== undefined ? { payload } : {}) }),
    json: async (url: string) => JSON.parse((await app.inject({ method: 'GET', url, headers })).body) as Record<string, any>,
    /** Advances simulated time through the control plane, as a test client would. */
    advance: async (seconds: number) => {
      const r = await app.inject({ method: 'POST', url: '/_sim/clock/advance', payload: { seconds } });
      if (r.statusCode !== 200) throw new Error(`advance failed: ${r.statusCode} ${r.body}`);
    },
    simState: async () => JSON.parse((await app.inject({ method: 'GET', url: '/_sim/state' })).body) as Record<string, any>,
  };
}
