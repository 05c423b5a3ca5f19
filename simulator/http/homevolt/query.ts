/** Query-string arguments as the device reads them: decimal integers within a range, else 400. */
import type { FastifyRequest } from 'fastify';

export class BadQuery extends Error {}

export function intQuery(request: FastifyRequest, name: string, fallback: number | null, min: number, max: number): number {
  const raw = (request.query as Record<string, unknown>)[name];
  if (raw === undefined || raw === '') {
    if (fallback === null) throw new BadQuery(`Missing ${name}`);
    return fallback;
  }
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) throw new BadQuery(`Invalid ${name}`);
  const n = Number(raw);
  if (n < min || n > max) throw new BadQuery(`Invalid ${name}`);
  return n;
}

export function stringQuery(request: FastifyRequest, name: string): string | undefined {
  const raw = (request.query as Record<string, unknown>)[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new BadQuery(`Invalid ${name}`);
  return raw;
}
