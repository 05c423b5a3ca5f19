/**
 * A change to the simulated world, from `POST /_sim/state`, a scenario or the Node API. SI units;
 * null clears an override. Parsed strictly: unknown fields and out-of-range values name themselves.
 */
import { quote } from './input-limits.ts';
import { type FrequencyAction, parseFrequencyAction } from './frequency-action.ts';
import { BattsimError } from '../core/index.ts';

export interface StatePatch {
  /** State of charge [fraction 0..1]. */
  readonly soc?: number;
  /** External setpoint [W], + = discharge: Sessy's SESSY_CONNECT strategy follows it. */
  readonly externalSetpointW?: number;
  /** Holds the grid frequency at this value [Hz]; null hands it back to the stochastic model. */
  readonly frequencyHz?: number | null;
  /** A frequency event starting now: {"dip": {"minHz": 49.6, "holdS": 20}}, {"ramp": {…}}, {"step": {…}} or "clear". */
  readonly frequencyEvent?: FrequencyAction;
  /** Replaces the household load [W]; null hands it back to the model. */
  readonly loadW?: number | null;
  /** Replaces the PV output [W]; null hands it back to the model. */
  readonly pvW?: number | null;
  /** Cell temperature [°C]. */
  readonly temperatureC?: number;
}

export class StatePatchError extends BattsimError<'SIM_ERR_INVALID_STATE'> {
  override readonly name = 'StatePatchError';
  constructor(message: string) {
    super('SIM_ERR_INVALID_STATE', message);
  }
}

const FIELDS: Record<Exclude<keyof StatePatch, 'frequencyEvent'>, { min: number; max: number; nullable: boolean }> = {
  soc: { min: 0, max: 1, nullable: false },
  externalSetpointW: { min: -100_000, max: 100_000, nullable: false },
  frequencyHz: { min: 45, max: 55, nullable: true },
  loadW: { min: 0, max: 100_000, nullable: true },
  pvW: { min: 0, max: 100_000, nullable: true },
  temperatureC: { min: -40, max: 80, nullable: false },
};

/** Named in messages; built once, since a scenario may parse 50,000 patches. */
const FIELD_NAMES = [...Object.keys(FIELDS), 'frequencyEvent'].join(', ');

export function parseStatePatch(input: unknown, where = 'state change'): StatePatch {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new StatePatchError(`Failed to read the ${where}: expected a JSON object such as {"soc": 0.8}.`);
  }
  const keys = Object.keys(input);
  if (keys.length === 0) throw new StatePatchError(`Failed to read the ${where}: it changes nothing. Fields: ${FIELD_NAMES}.`);
  const patch: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (input as Record<string, unknown>)[key];
    if (key === 'frequencyEvent') {
      try {
        patch.frequencyEvent = parseFrequencyAction(value, `the ${where}'s frequencyEvent`);
      } catch (e) {
        throw new StatePatchError((e as Error).message);
      }
      continue;
    }
    if ('frequencyEvent' in input && key === 'frequencyHz') throw new StatePatchError(`Failed to read the ${where}: give frequencyHz or frequencyEvent, not both.`);
    patch[key] = value;
    // Own keys only: "constructor" or "toString" must not find Object.prototype's.
    const rule = Object.hasOwn(FIELDS, key) ? FIELDS[key as Exclude<keyof StatePatch, 'frequencyEvent'>] : undefined;
    if (!rule) throw new StatePatchError(`Failed to read the ${where}: unknown field ${quote(key)}. Fields: ${FIELD_NAMES}.`);
    if (value === null && rule.nullable) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < rule.min || value > rule.max) {
      throw new StatePatchError(`Failed to read the ${where}: "${key}" must be a number from ${rule.min} to ${rule.max}${rule.nullable ? ' or null' : ''}, got ${quote(value)}.`);
    }
  }
  return patch as StatePatch;
}
