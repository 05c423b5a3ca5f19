/**
 * A change to the simulated world, from `POST /_sim/state`, a scenario or the Node API. SI units;
 * null clears an override. Parsed strictly: unknown fields and out-of-range values name themselves.
 */
import { type FrequencyAction, parseFrequencyAction } from './frequency-action.ts';

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

export class StatePatchError extends Error {
  override readonly name = 'StatePatchError';
  readonly code = 'SIM_ERR_INVALID_STATE';
}

const FIELDS: Record<Exclude<keyof StatePatch, 'frequencyEvent'>, { min: number; max: number; nullable: boolean }> = {
  soc: { min: 0, max: 1, nullable: false },
  externalSetpointW: { min: -100_000, max: 100_000, nullable: false },
  frequencyHz: { min: 45, max: 55, nullable: true },
  loadW: { min: 0, max: 100_000, nullable: true },
  pvW: { min: 0, max: 100_000, nullable: true },
  temperatureC: { min: -40, max: 80, nullable: false },
};

export function parseStatePatch(input: unknown, where = 'state change'): StatePatch {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new StatePatchError(`Failed to read the ${where}: expected a JSON object such as {"soc": 0.8}.`);
  }
  const entries = Object.entries(input);
  const fieldNames = [...Object.keys(FIELDS), 'frequencyEvent'].join(', ');
  if (entries.length === 0) throw new StatePatchError(`Failed to read the ${where}: it changes nothing. Fields: ${fieldNames}.`);
  const patch: Record<string, unknown> = {};
  for (const [key, value] of entries) {
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
    const rule = FIELDS[key as Exclude<keyof StatePatch, 'frequencyEvent'>];
    if (!rule) throw new StatePatchError(`Failed to read the ${where}: unknown field "${key}". Fields: ${fieldNames}.`);
    if (value === null && rule.nullable) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < rule.min || value > rule.max) {
      throw new StatePatchError(`Failed to read the ${where}: "${key}" must be a number from ${rule.min} to ${rule.max}${rule.nullable ? ' or null' : ''}, got ${JSON.stringify(value)}.`);
    }
  }
  return patch as StatePatch;
}
