/**
 * The physics core's errors (codes, meanings and HTTP statuses in the one catalogue, error-catalogue.ts).
 * Messages say what failed, why, and what to do.
 */
import { BattsimError, meaningsOf } from './error-catalogue.ts';

export { BattsimError, ERROR_CATALOGUE, type ErrorCode } from './error-catalogue.ts';

/** The core model's codes with their meanings. */
export const SIM_ERROR_CODES = meaningsOf([
  'SIM_ERR_INVALID_PARAMETER',
  'SIM_ERR_UNKNOWN_OPTION',
  'SIM_ERR_TIME_BACKWARDS',
  'SIM_ERR_INVALID_COMMAND',
  'SIM_ERR_INVALID_PRICE_FILE',
  'SIM_ERR_INVALID_EVENT',
]);

export type SimErrorCode = keyof typeof SIM_ERROR_CODES;

export class SimError extends BattsimError<SimErrorCode> {
  override readonly name = 'SimError';
}

/** Errors of starting and running an emulator: options, clocks, listening. */
export const RUNTIME_ERROR_CODES = meaningsOf(['RUNTIME_ERR_BAD_OPTION', 'RUNTIME_ERR_CLOCK_MODE', 'RUNTIME_ERR_UNSAFE_BIND', 'RUNTIME_ERR_MDNS', 'RUNTIME_ERR_BAD_SITE']);

export type RuntimeErrorCode = keyof typeof RUNTIME_ERROR_CODES;

/** Thrown by the engine's clocks and by the runtime; defined here so that every layer can throw and catch it. */
export class RuntimeError extends BattsimError<RuntimeErrorCode> {
  override readonly name = 'RuntimeError';
}

/** Throws SIM_ERR_INVALID_PARAMETER unless `value` is a finite number within [min, max]. */
export function requireFinite(name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SimError(
      'SIM_ERR_INVALID_PARAMETER',
      `Failed to configure the model: ${name} must be a finite number, got ${String(value)}. Pass a number.`,
    );
  }
  if (value < min || value > max) {
    throw new SimError(
      'SIM_ERR_INVALID_PARAMETER',
      `Failed to configure the model: ${name} must be within [${min}, ${max}], got ${value}. Pass a value in range.`,
    );
  }
  return value;
}

/** Throws SIM_ERR_UNKNOWN_OPTION when `given` holds a key that `known` lacks. */
export function rejectUnknownKeys(what: string, given: object, known: readonly string[]): void {
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      throw new SimError(
        'SIM_ERR_UNKNOWN_OPTION',
        `Failed to configure ${what}: unknown option "${key}". Known options: ${known.join(', ')}.`,
      );
    }
  }
}

/**
 * Merges `overrides` onto `defaults`, rejecting unknown keys and non-finite or out-of-range numbers.
 * Every numeric field of the defaults must stay a finite number; `ranges` narrows some of them, and a range
 * whose upper bound is Infinity also admits Infinity.
 */
export function mergeParams<T extends object>(
  what: string,
  defaults: T,
  overrides: Partial<T> | undefined,
  ranges: Partial<Record<keyof T, readonly [number, number]>> = {},
): Readonly<T> {
  const merged = { ...defaults, ...(overrides ?? {}) } as T;
  if (overrides) rejectUnknownKeys(what, overrides, Object.keys(defaults));
  for (const [key, value] of Object.entries(merged) as [keyof T & string, unknown][]) {
    if (typeof (defaults as Record<string, unknown>)[key] === 'number') {
      const range = ranges[key];
      // A range whose upper bound is Infinity admits Infinity itself: "no limit" (e.g. a DC current limit).
      if (value === Infinity && range?.[1] === Infinity) continue;
      requireFinite(`${what}.${key}`, value, range?.[0], range?.[1]);
    }
  }
  return Object.freeze(merged);
}
