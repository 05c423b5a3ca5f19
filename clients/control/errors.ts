/**
 * The controllers' error catalogue (ControllerError; its codes keep their CONTROL_ERR_ prefix, which is stable). Each code is stable and used for exactly one kind of failure;
 * messages say what failed, why, and what to do. This file is copied into integrations with the rest of
 * `clients/control/`, so it depends on nothing but the language.
 */
export const CONTROLLER_ERROR_CODES = {
  CONTROL_ERR_INVALID_PARAMETER: 'A controller, planner or runner parameter is out of range or not a finite number',
  CONTROL_ERR_UNKNOWN_OPTION: 'An options object holds a key the control code does not know',
  CONTROL_ERR_INVALID_READING: 'A meter or battery returned a reading that is not a finite number',
  CONTROL_ERR_INVALID_PRICES: 'A price series is empty or holds a value that is not a finite number',
  CONTROL_ERR_INVALID_PLAN: 'A plan does not fit the inputs it is evaluated or executed against',
  CONTROL_ERR_RUNNER_BUSY: 'A runner was started while it was already running',
} as const;

export type ControllerErrorCode = keyof typeof CONTROLLER_ERROR_CODES;

export class ControllerError extends Error {
  override readonly name = 'ControllerError';
  constructor(
    readonly code: ControllerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Throws CONTROL_ERR_INVALID_PARAMETER unless `value` is a finite number within [min, max]. */
export function requireNumber(what: string, name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ControllerError(
      'CONTROL_ERR_INVALID_PARAMETER',
      `Failed to configure ${what}: ${name} must be a finite number, got ${String(value)}. Pass a number.`,
    );
  }
  if (value < min || value > max) {
    throw new ControllerError(
      'CONTROL_ERR_INVALID_PARAMETER',
      `Failed to configure ${what}: ${name} must be within [${min}, ${max}], got ${value}. Pass a value in range.`,
    );
  }
  return value;
}

/** Throws CONTROL_ERR_UNKNOWN_OPTION when `given` holds a key that `known` lacks (a typo must not pass silently). */
export function rejectUnknownKeys(what: string, given: object, known: readonly string[]): void {
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      throw new ControllerError(
        'CONTROL_ERR_UNKNOWN_OPTION',
        `Failed to configure ${what}: unknown option "${key}". Known options: ${known.join(', ')}.`,
      );
    }
  }
}

/** Throws CONTROL_ERR_INVALID_READING unless a device reading is a finite number. */
export function requireReading(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ControllerError(
      'CONTROL_ERR_INVALID_READING',
      `Failed to run the control step: ${name} read ${String(value)}, not a finite number. Check the meter or battery connection; no command was sent.`,
    );
  }
  return value;
}
