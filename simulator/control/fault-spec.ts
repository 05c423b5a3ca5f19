/**
 * Faults as data: what a fault does and where and for how long it applies. Parsed strictly from JSON
 * (the control API, scenarios, the Node API) with messages that name the bad field.
 */
import { quote } from './input-limits.ts';
import { BattsimError } from '../core/index.ts';

export type LatencySpec =
  | { readonly distribution: 'fixed'; readonly ms: number }
  | { readonly distribution: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly distribution: 'lognormal'; readonly medianMs: number; readonly sigma: number };

/** A fault that acts on the requests it matches. */
export type RequestFaultEffect =
  | { readonly type: 'latency'; readonly latency: LatencySpec }
  /** Answers in the device's own error format with this status, for a share `rate` of requests. */
  | { readonly type: 'error'; readonly status: number; readonly rate: number }
  /** Destroys the connection without an answer. */
  | { readonly type: 'reset'; readonly rate: number }
  /** Sends the status and headers, then only the first `keepFraction` of the body, then closes. */
  | { readonly type: 'truncate'; readonly keepFraction: number; readonly rate: number }
  /** Sends the body slowly, `bytesPerSecond` at a time. */
  | { readonly type: 'trickle'; readonly bytesPerSecond: number; readonly rate: number }
  /** 503 as the device answers while it boots. */
  | { readonly type: 'unavailable' }
  /** The device is unreachable: requests get no answer and the device sees no client (Sessy's setpoint falls to 0). */
  | { readonly type: 'network-loss' }
  /**
   * Firmware drift: a JSON answer with fields removed or set (dot paths such as `sessy.power`), as a firmware
   * update that renames or drops a key would send. Non-JSON answers pass unchanged.
   */
  | { readonly type: 'json-edit'; readonly remove: readonly string[]; readonly set: Readonly<Record<string, unknown>>; readonly rate: number };

/** A fault that acts on the device or the listener rather than on single requests. */
export type DeviceFaultEffect =
  /** Reboots now: uptime resets, volatile counters roll back to the last persisted values, boot states follow. */
  | { readonly type: 'reboot' }
  /** Beyond `maxConnections` concurrent connections, new ones are refused (closed at once). */
  | { readonly type: 'socket-exhaustion'; readonly maxConnections: number };

export type FaultEffect = RequestFaultEffect | DeviceFaultEffect;

export interface FaultScope {
  /** Path pattern: exact, or with `*` matching any run of characters (e.g. `/api/v1/*`); default all. */
  readonly path: string;
  /** HTTP method, or '*' for any. */
  readonly method: string;
  /** How many matching requests it affects before it expires; Infinity for no limit. */
  readonly count: number;
  /** How long it lasts in simulated seconds from when it is added; Infinity for no limit. */
  readonly durationS: number;
}

export type FaultSpec = FaultEffect & { readonly scope: FaultScope };

export class FaultSpecError extends BattsimError<'SIM_ERR_INVALID_FAULT'> {
  override readonly name = 'FaultSpecError';
  constructor(message: string) {
    super('SIM_ERR_INVALID_FAULT', message);
  }
}

const TYPES = ['latency', 'error', 'reset', 'truncate', 'trickle', 'unavailable', 'network-loss', 'json-edit', 'reboot', 'socket-exhaustion'] as const;
const SCOPE_KEYS = ['path', 'method', 'count', 'durationS'];
/** Longest scope path pattern [characters]: vendor paths are short; matching costs pattern × path. */
export const MAX_SCOPE_PATH_CHARS = 512;
/** Most fields one json-edit fault removes or sets: a firmware drift renames a few. */
export const MAX_EDIT_PATHS = 100;
/** A dot path into a JSON answer: keys or array indexes separated by dots. */
const DOT_PATH = /^[^.\s]+(\.[^.\s]+)*$/;

/** Parses a fault from untrusted JSON; `where` names it in messages (e.g. "fault", "scenario entry 3"). */
export function parseFaultSpec(input: unknown, where = 'fault'): FaultSpec {
  const o = objectOf(input, where);
  const type = o.type;
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) {
    throw new FaultSpecError(`Failed to read the ${where}: "type" must be one of ${TYPES.join(', ')}, got ${quote(type)}.`);
  }
  const scope = parseScope(o.scope, where);
  const rate = (): number => numberIn(o, 'rate', where, 0, 1, 1);
  const known = (keys: string[]) => onlyKeys(o, ['type', 'scope', ...keys], where);
  switch (type as (typeof TYPES)[number]) {
    case 'latency': {
      known(['latency']);
      return { type: 'latency', latency: parseLatency(o.latency, where), scope };
    }
    case 'error': {
      known(['status', 'rate']);
      return { type: 'error', status: integerIn(o, 'status', where, 400, 599, 500), rate: rate(), scope };
    }
    case 'reset':
      known(['rate']);
      return { type: 'reset', rate: rate(), scope };
    case 'truncate':
      known(['keepFraction', 'rate']);
      return { type: 'truncate', keepFraction: numberIn(o, 'keepFraction', where, 0, 0.99, 0.5), rate: rate(), scope };
    case 'trickle':
      known(['bytesPerSecond', 'rate']);
      return { type: 'trickle', bytesPerSecond: numberIn(o, 'bytesPerSecond', where, 1, 1e9, 100), rate: rate(), scope };
    case 'unavailable':
      known([]);
      return { type: 'unavailable', scope };
    case 'network-loss':
      known([]);
      return { type: 'network-loss', scope };
    case 'json-edit': {
      known(['remove', 'set', 'rate']);
      const remove = o.remove ?? [];
      if (!Array.isArray(remove) || remove.length > MAX_EDIT_PATHS || !remove.every((p) => typeof p === 'string' && DOT_PATH.test(p))) {
        throw new FaultSpecError(`Failed to read the ${where}: "remove" must be a list of at most ${MAX_EDIT_PATHS} dot paths (MAX_EDIT_PATHS) such as "sessy.power", got ${quote(remove)}.`);
      }
      const set = o.set ?? {};
      if (typeof set !== 'object' || set === null || Array.isArray(set) || Object.keys(set).length > MAX_EDIT_PATHS || !Object.keys(set).every((p) => DOT_PATH.test(p))) {
        throw new FaultSpecError(`Failed to read the ${where}: "set" must map at most ${MAX_EDIT_PATHS} dot paths (MAX_EDIT_PATHS) to values, e.g. {"sessy.frequency": 50.0}, got ${quote(set)}.`);
      }
      if (remove.length === 0 && Object.keys(set).length === 0) throw new FaultSpecError(`Failed to read the ${where}: a json-edit needs "remove" or "set".`);
      return { type: 'json-edit', remove: remove as string[], set: set as Record<string, unknown>, rate: rate(), scope };
    }
    case 'reboot':
      known([]);
      return { type: 'reboot', scope };
    case 'socket-exhaustion':
      known(['maxConnections']);
      return { type: 'socket-exhaustion', maxConnections: integerIn(o, 'maxConnections', where, 0, 10_000, 4), scope };
  }
}

function parseScope(input: unknown, where: string): FaultScope {
  if (input === undefined) return { path: '*', method: '*', count: Infinity, durationS: Infinity };
  const o = objectOf(input, `${where} scope`);
  onlyKeys(o, SCOPE_KEYS, `${where} scope`);
  const path = o.path ?? '*';
  if (typeof path !== 'string' || (path !== '*' && !path.startsWith('/')) || path.length > MAX_SCOPE_PATH_CHARS) {
    throw new FaultSpecError(`Failed to read the ${where} scope: "path" must start with / (or be *) and have at most ${MAX_SCOPE_PATH_CHARS} characters (MAX_SCOPE_PATH_CHARS), got ${quote(path)}.`);
  }
  const method = o.method ?? '*';
  if (typeof method !== 'string' || !/^(\*|[A-Za-z]+)$/.test(method)) {
    throw new FaultSpecError(`Failed to read the ${where} scope: "method" must be an HTTP method or *, got ${quote(method)}.`);
  }
  return {
    path,
    method: method.toUpperCase(),
    count: o.count === undefined ? Infinity : integerIn(o, 'count', `${where} scope`, 1, 1e9, 1),
    durationS: o.durationS === undefined ? Infinity : numberIn(o, 'durationS', `${where} scope`, 0.001, 1e9, 1),
  };
}

function parseLatency(input: unknown, where: string): LatencySpec {
  const o = objectOf(input, `${where} latency`);
  const w = `${where} latency`;
  switch (o.distribution) {
    case 'fixed':
      onlyKeys(o, ['distribution', 'ms'], w);
      return { distribution: 'fixed', ms: numberIn(o, 'ms', w, 0, 60_000) };
    case 'uniform': {
      onlyKeys(o, ['distribution', 'minMs', 'maxMs'], w);
      const minMs = numberIn(o, 'minMs', w, 0, 60_000);
      const maxMs = numberIn(o, 'maxMs', w, minMs, 60_000);
      return { distribution: 'uniform', minMs, maxMs };
    }
    case 'lognormal':
      onlyKeys(o, ['distribution', 'medianMs', 'sigma'], w);
      return { distribution: 'lognormal', medianMs: numberIn(o, 'medianMs', w, 0, 60_000), sigma: numberIn(o, 'sigma', w, 0, 3) };
    default:
      throw new FaultSpecError(`Failed to read the ${w}: "distribution" must be fixed, uniform or lognormal, got ${quote(o.distribution)}.`);
  }
}

function objectOf(input: unknown, where: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultSpecError(`Failed to read the ${where}: expected a JSON object, got ${quote(input)}.`);
  }
  return input as Record<string, unknown>;
}

function onlyKeys(o: Record<string, unknown>, keys: string[], where: string): void {
  const unknown = Object.keys(o).find((k) => !keys.includes(k));
  if (unknown !== undefined) throw new FaultSpecError(`Failed to read the ${where}: unknown field ${quote(unknown)}. Allowed: ${keys.join(', ')}.`);
}

function numberIn(o: Record<string, unknown>, key: string, where: string, min: number, max: number, fallback?: number): number {
  const v = o[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new FaultSpecError(`Failed to read the ${where}: "${key}" must be a number from ${min} to ${max}, got ${quote(v)}.`);
  }
  return v;
}

function integerIn(o: Record<string, unknown>, key: string, where: string, min: number, max: number, fallback: number): number {
  const v = numberIn(o, key, where, min, max, fallback);
  if (!Number.isInteger(v)) throw new FaultSpecError(`Failed to read the ${where}: "${key}" must be a whole number, got ${v}.`);
  return v;
}
