/**
 * The power strategies (docs/sessy.md §4.1): what each one asks of the battery at a sub-step, before the supervisor's
 * limits and the AC board. Pure functions; the device model keeps the state between calls.
 */
export const POWER_STRATEGIES = [
  'POWER_STRATEGY_NOM',
  'POWER_STRATEGY_ROI',
  'POWER_STRATEGY_API',
  'POWER_STRATEGY_IDLE',
  'POWER_STRATEGY_SESSY_CONNECT',
  'POWER_STRATEGY_ECO',
] as const;

export type PowerStrategy = (typeof POWER_STRATEGIES)[number];

export function isPowerStrategy(value: unknown): value is PowerStrategy {
  return typeof value === 'string' && (POWER_STRATEGIES as readonly string[]).includes(value);
}

export interface NomParams {
  /** Meter sample period [s]: 1 for DSMR 5. */
  readonly samplePeriodS: number;
  /** Integral gain K (stable below 0.618 with two samples of dead time; docs/physics.md §4.5). */
  readonly gain: number;
  /** Residual ignored around the target [W]. */
  readonly deadbandW: number;
  /** Largest change of the setpoint per sample [W]. */
  readonly rateLimitW: number;
}

/** docs/physics.md §4.5 defaults: 1 s DSMR 5 feed, K = 0.5, 25 W deadband, 100 W per sample. */
export const DEFAULT_NOM: NomParams = Object.freeze({ samplePeriodS: 1, gain: 0.5, deadbandW: 25, rateLimitW: 100 });

export interface NomState {
  /** The controller's output [W], + = discharge. */
  readonly setpointW: number;
  /** Time since the last meter sample [s]. */
  readonly sinceSampleS: number;
}

export const INITIAL_NOM: NomState = Object.freeze({ setpointW: 0, sinceSampleS: 0 });

export interface NomInputs {
  /** Net power at the P1 meter [W], + = import. */
  readonly gridW: number;
  /** What the meter should read [W] (`grid_target`, + = import). */
  readonly gridTargetW: number;
  readonly chargeLimitW: number;
  readonly dischargeLimitW: number;
  /** Below this |setpoint| the controller outputs 0 [W]. */
  readonly minPowerW: number;
  /** ECO outside its charge hours without eco_nom_charge: NOM may not charge. */
  readonly allowCharge: boolean;
  readonly dtS: number;
}

/** One step of the incremental NOM controller with deadband, rate limit and minimum power (docs/physics.md §4.5). */
export function stepNom(params: NomParams, state: NomState, inputs: NomInputs): NomState {
  const sinceSampleS = state.sinceSampleS + inputs.dtS;
  if (sinceSampleS + 1e-9 < params.samplePeriodS) return { setpointW: state.setpointW, sinceSampleS };
  let errorW = inputs.gridW - inputs.gridTargetW;
  if (Math.abs(errorW) < params.deadbandW) errorW = 0;
  const previousW = state.setpointW;
  let u = previousW + params.gain * errorW;
  u = Math.min(Math.max(u, previousW - params.rateLimitW), previousW + params.rateLimitW);
  u = Math.min(Math.max(u, inputs.allowCharge ? -inputs.chargeLimitW : 0), inputs.dischargeLimitW);
  if (Math.abs(u) < inputs.minPowerW) u = 0;
  return { setpointW: u, sinceSampleS: 0 };
}
