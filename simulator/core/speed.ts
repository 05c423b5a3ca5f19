/**
 * The one check of a clock's speed [simulated s per wall s], shared by every entry that takes one: the CLI's
 * `--speed`, the Node API's `speed` option (startSessy, startHomevolt, startReplay), the scaled clock itself and
 * `POST /_sim/clock`. Each entry words the error its own way; the range is this one.
 */

/** Slowest speed a scaled clock runs at: a simulated second per ~17 wall minutes. */
export const MIN_SPEED = 0.001;
/** Fastest: a simulated year in about half a wall minute; faster, a sync's catch-up work per request grows too large. */
export const MAX_SPEED = 1_000_000;
/** The accepted range in words, for error messages. */
export const SPEED_RANGE = `a number from ${MIN_SPEED} to ${MAX_SPEED}`;

/** Whether `value` is a speed a scaled clock accepts: a finite number within [MIN_SPEED, MAX_SPEED]. */
export function isSpeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= MIN_SPEED && value <= MAX_SPEED;
}
