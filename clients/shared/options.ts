/**
 * The options both clients take, checked once, strictly, and frozen (unknown keys are rejected by name).
 * `check` returns a message for the client to throw as its own BAD_ARGUMENT error, so each area keeps its catalogue.
 */
import type { FetchLike } from './transport.ts';

export interface ClientCredentials {
  readonly user: string;
  readonly password: string;
}

export interface ClientOptions {
  /** e.g. http://192.168.1.20 */
  readonly baseUrl: string;
  /** null: send no Authorization (a device with authentication off). */
  readonly credentials: ClientCredentials | null;
  /** Default: the global fetch (undici on Node ≥ 20). */
  readonly fetch?: FetchLike;
  /** Per attempt [ms]; default 5000. */
  readonly timeoutMs?: number;
  /** Extra attempts for reads; default 2. POSTs are never retried. */
  readonly retries?: number;
  /** First backoff between read attempts [ms], doubled each time; default 200. */
  readonly retryDelayMs?: number;
  /** Requests in flight at once; default 1. */
  readonly maxConcurrent?: number;
}

const KEYS = ['baseUrl', 'credentials', 'fetch', 'timeoutMs', 'retries', 'retryDelayMs', 'maxConcurrent'];

/** Returns the frozen options, or the reason they cannot be used ("option X …"). */
export function checkClientOptions(options: ClientOptions): { readonly ok: true; readonly options: ClientOptions } | { readonly ok: false; readonly why: string } {
  const fail = (why: string) => ({ ok: false as const, why });
  if (typeof options !== 'object' || options === null) return fail('the options must be an object');
  for (const key of Object.keys(options)) if (!KEYS.includes(key)) return fail(`option "${key}" is unknown (known: ${KEYS.join(', ')})`);
  if (typeof options.baseUrl !== 'string' || !/^https?:\/\/[^/]+/.test(options.baseUrl)) return fail(`option "baseUrl" must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
  const c = options.credentials;
  if (c !== null && (typeof c !== 'object' || typeof c.user !== 'string' || typeof c.password !== 'string')) return fail('option "credentials" must be { user, password } (strings) or null');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') return fail('option "fetch" must be a function');
  const checks: [keyof ClientOptions, number, number, boolean][] = [
    ['timeoutMs', 1, 600_000, false],
    ['retries', 0, 10, true],
    ['retryDelayMs', 0, 60_000, false],
    ['maxConcurrent', 1, 64, true],
  ];
  for (const [key, min, max, integer] of checks) {
    const v = options[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v >= min && v <= max) || (integer && !Number.isInteger(v))) return fail(`option "${key}" must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}, got ${String(v)}`);
  }
  return { ok: true, options: Object.freeze({ ...options, credentials: c === null ? null : Object.freeze({ ...c }) }) };
}
