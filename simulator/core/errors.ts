/**
 * The simulator's error catalogue. Each code is stable and used for exactly one kind of failure;
 * messages say what failed, why, and what to do.
 */
export const SIM_ERROR_CODES = {
  SIM_ERR_INVALID_PARAMETER: 'A model parameter is out of range or not a finite number',
  SIM_ERR_UNKNOWN_OPTION: 'An options object holds a key the model does not know',
  SIM_ERR_TIME_BACKWARDS: 'A step was asked for a time before the model’s current time',
  SIM_ERR_INVALID_COMMAND: 'A power command is not a finite number',
  SIM_ERR_INVALID_PRICE_FILE: 'A price file could not be parsed',
  SIM_ERR_INVALID_EVENT: 'A scripted grid event is malformed',
} as const;

export type SimErrorCode = keyof typeof SIM_ERROR_CODES;

export class SimError extends Error {
  override readonly name = 'SimError';
  constructor(
    readonly code: SimErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Errors of starting and running an emulator: options, clocks, listening. */
export const RUNTIME_ERROR_CODES = {
  RUNTIME_ERR_BAD_OPTION: 'A start option is missing, unknown or out of range',
  RUNTIME_ERR_CLOCK_MODE: 'A clock operation does not fit the clock’s mode',
  RUNTIME_ERR_UNSAFE_BIND: 'The control plane would be exposed beyond loopback without a token',
  RUNTIME_ERR_MDNS: 'The mDNS advertisement could not be started on the address the emulator listens on',
} as const;

export type RuntimeErrorCode = keyof typeof RUNTIME_ERROR_CODES;

/** Thrown by the engine's clocks and by the runtime; defined here so that every layer can throw and catch it. */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
  ) {
    super(message);
  }
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
