/** A scripted frequency event (step, ramp, dip, or back to the model), shared by scenarios and POST /_sim/state. */
import { quote } from './input-limits.ts';
import { BattsimError } from '../core/index.ts';

export type FrequencyAction =
  | { readonly kind: 'step'; readonly hz: number; readonly holdS: number }
  | { readonly kind: 'ramp'; readonly fromHz: number; readonly toHz: number; readonly rampS: number; readonly holdS: number }
  | { readonly kind: 'dip'; readonly minHz: number; readonly holdS: number; readonly fallS: number; readonly recoverS: number }
  | { readonly kind: 'clear' };

export class FrequencyActionError extends BattsimError<'SIM_ERR_INVALID_EVENT'> {
  override readonly name = 'FrequencyActionError';
  constructor(message: string) {
    super('SIM_ERR_INVALID_EVENT', message);
  }
}

/** Parses a frequency event from JSON: {step|ramp|dip: {...}} or "clear"; `where` names it in messages. */
export function parseFrequencyAction(input: unknown, where: string): FrequencyAction {
  if (input === 'clear') return { kind: 'clear' };
  if (typeof input !== 'object' || input === null) throw new FrequencyActionError(`Failed to read ${where}: "frequency" must be {step|ramp|dip: {...}} or "clear".`);
  const [kind, ...more] = Object.keys(input);
  if (more.length > 0 || !kind) throw new FrequencyActionError(`Failed to read ${where}: "frequency" takes exactly one of step, ramp, dip.`);
  const p = (input as Record<string, unknown>)[kind] as Record<string, unknown> | undefined;
  const num = (key: string, min: number, max: number, fallback?: number): number => {
    const v = p?.[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new FrequencyActionError(`Failed to read ${where}: frequency ${kind} "${key}" must be a number from ${min} to ${max}, got ${quote(v)}.`);
    }
    return v;
  };
  const allow = (keys: string[]): void => {
    const bad = Object.keys(p ?? {}).find((k) => !keys.includes(k));
    if (bad) throw new FrequencyActionError(`Failed to read ${where}: frequency ${kind} has unknown field ${quote(bad)}. Allowed: ${keys.join(', ')}.`);
  };
  switch (kind) {
    case 'step':
      allow(['hz', 'holdS']);
      return { kind: 'step', hz: num('hz', 45, 55), holdS: num('holdS', 0, 1e9, Infinity) };
    case 'ramp':
      allow(['fromHz', 'toHz', 'rampS', 'holdS']);
      return { kind: 'ramp', fromHz: num('fromHz', 45, 55), toHz: num('toHz', 45, 55), rampS: num('rampS', 0, 1e6), holdS: num('holdS', 0, 1e9, Infinity) };
    case 'dip':
      allow(['minHz', 'holdS', 'fallS', 'recoverS']);
      return { kind: 'dip', minHz: num('minHz', 45, 55), holdS: num('holdS', 0, 1e6), fallS: num('fallS', 0, 1e6, 1), recoverS: num('recoverS', 0, 1e6, 10) };
    default:
      throw new FrequencyActionError(`Failed to read ${where}: unknown frequency event ${quote(kind)}. Use step, ramp, dip or "clear".`);
  }
}