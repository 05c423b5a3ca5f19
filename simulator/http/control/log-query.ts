/** The query string of `GET /_sim/log`, checked strictly: a bad filter is a 400 naming it, never an empty list. */
import { SimError } from '../../core/index.ts';
import type { RequestLogQuery } from '../../control/request-log.ts';

const KEYS = ['path', 'status', 'since', 'after', 'limit'];

export function parseLogQuery(query: unknown): RequestLogQuery {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const bad = (why: string): never => {
    throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to read the log: ${why}.`);
  };
  for (const key of Object.keys(q)) if (!KEYS.includes(key)) bad(`unknown filter "${key}"; use ${KEYS.join(', ')}`);
  for (const key of KEYS) if (Array.isArray(q[key])) bad(`give "${key}" once`);
  const text = (key: string): string | undefined => (typeof q[key] === 'string' ? (q[key] as string) : undefined);
  const whole = (key: string, max: number): number | undefined => {
    const v = text(key);
    if (v === undefined) return undefined;
    if (!/^\d{1,16}$/.test(v) || Number(v) > max) bad(`"${key}" must be a whole number from 0 to ${max}, got ${JSON.stringify(v)}`);
    return Number(v);
  };
  const path = text('path');
  if (path !== undefined && path !== '*' && !path.startsWith('/')) bad(`"path" must start with / (a * matches anything, as in /api/v1/*), got ${JSON.stringify(path)}`);
  const status = text('status');
  if (status !== undefined && !/^([1-5]\d\d|[1-5]xx|none)$/i.test(status)) bad(`"status" must be a status (200), a class (4xx) or none, got ${JSON.stringify(status)}`);
  const since = whole('since', Number.MAX_SAFE_INTEGER);
  const after = whole('after', Number.MAX_SAFE_INTEGER);
  const limit = whole('limit', 100_000);
  return {
    ...(path !== undefined ? { path } : {}),
    ...(status !== undefined ? { status: status.toLowerCase() } : {}),
    ...(since !== undefined ? { sinceMs: since } : {}),
    ...(after !== undefined ? { after } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}
