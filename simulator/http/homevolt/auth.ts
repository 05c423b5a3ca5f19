/**
 * HTTP Basic with user `admin`, or none when the device has no password (its default, docs/homevolt.md §2).
 * Compared in constant time; five failures lock the server out (1 s doubling to 10 s, reset after 5 min)
 * and a locked-out request gets 429, as steynovich observed (docs/homevolt.md §5.4). Lockout time is simulated time.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HomevoltDevice } from '../../devices/homevolt/index.ts';
import { constantTimeEqual, createConstantTimeMatcher, parseBasicAuth } from '../shared/credentials.ts';
import { sendEspError } from './esp-errors.ts';

export const HOMEVOLT_USER = 'admin';
/** No capture of the header; ESP-IDF's example sends a Basic realm. */
const REALM = 'Basic realm="homevolt"';

/** `Basic base64(admin:<password>)`, the canonical header a client sends. */
function expectedHeader(password: string): string {
  return `Basic ${Buffer.from(`${HOMEVOLT_USER}:${password}`).toString('base64')}`;
}

export type AuthCheck = (device: HomevoltDevice, request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

/** The check for one password: returns a sent reply when the request must stop, otherwise undefined. */
export function createAuthCheck(password: string | null): AuthCheck {
  if (password === null) return () => undefined;
  // The header a correct client sends is hashed once; each request then costs one digest.
  const isExpectedHeader = createConstantTimeMatcher(expectedHeader(password));
  return (device, request, reply) => checkAuth(device, password, isExpectedHeader, request, reply);
}

function checkAuth(device: HomevoltDevice, password: string, isExpectedHeader: (header: string) => boolean, request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const nowMs = device.site.now();
  const untilMs = device.lockout.lockedUntil(nowMs);
  if (untilMs > nowMs) {
    reply.header('Retry-After', String(Math.ceil((untilMs - nowMs) / 1000)));
    return sendEspError(reply, 429);
  }
  // Fast path: the exact header a client sends for admin:<password> (one constant-time compare).
  const header = request.headers.authorization;
  if (header !== undefined && isExpectedHeader(header)) return undefined;
  const given = parseBasicAuth(header);
  // Evaluate both comparisons so the time does not depend on which part is wrong.
  const userOk = constantTimeEqual(given?.user ?? '', HOMEVOLT_USER);
  const passwordOk = constantTimeEqual(given?.password ?? '', password);
  if (given && userOk && passwordOk) return undefined;
  if (given) {
    const lockS = device.lockout.recordFailure(nowMs);
    device.event('warning', 'httpd', lockS > 0 ? `Login failed ${device.lockout.failures} times: locked out for ${lockS} s` : `Login failed (${device.lockout.failures})`);
  }
  reply.header('WWW-Authenticate', REALM);
  return sendEspError(reply, 401);
}
