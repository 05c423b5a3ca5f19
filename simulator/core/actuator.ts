/**
 * The inverter's response to a new setpoint (docs/physics.md §2.5): a first-order lag plus a slew limit.
 * Sessy: τ = 1.0 s, 1000 W/s. Homevolt: the slew from `charge_ramp_up` (≈ 690 W/s by default).
 */
import { mergeParams } from './errors.ts';

export interface ActuatorParams {
  /** First-order lag time constant [s]; 0 for none. */
  readonly lagTauS: number;
  /** Largest change of AC power per second [W/s]. */
  readonly slewWPerS: number;
}

export const SESSY_ACTUATOR: ActuatorParams = Object.freeze({ lagTauS: 1.0, slewWPerS: 1000 });
export const HOMEVOLT_ACTUATOR: ActuatorParams = Object.freeze({ lagTauS: 1.0, slewWPerS: 690 });

export function buildActuatorParams(base: ActuatorParams, overrides?: Partial<ActuatorParams>): ActuatorParams {
  return mergeParams('actuator', base, overrides, { lagTauS: [0, 3600], slewWPerS: [1e-3, 1e9] });
}

/** The actuator's output after `dtS` seconds chasing `targetW` from `currentW` [W]. */
export function stepActuator(params: ActuatorParams, currentW: number, targetW: number, dtS: number): number {
  return respond(params, currentW, targetW, dtS, params.lagTauS > 0 ? Math.exp(-dtS / params.lagTauS) : 0);
}

/** stepActuator with the lag's decay cached per step size, for a simulation's inner loop; same results. */
export function createActuatorStepper(params: ActuatorParams): (currentW: number, targetW: number, dtS: number) => number {
  let decayDtS = NaN;
  let decay = 0;
  return (currentW, targetW, dtS) => {
    if (dtS !== decayDtS) {
      decayDtS = dtS;
      decay = params.lagTauS > 0 ? Math.exp(-dtS / params.lagTauS) : 0;
    }
    return respond(params, currentW, targetW, dtS, decay);
  };
}

/** `decay` is exp(−dtS/τ), or 0 without a lag. */
function respond(params: ActuatorParams, currentW: number, targetW: number, dtS: number, decay: number): number {
  const lagged = params.lagTauS > 0 ? targetW + (currentW - targetW) * decay : targetW;
  const maxDeltaW = params.slewWPerS * dtS;
  const deltaW = lagged - currentW;
  const out = deltaW > maxDeltaW ? currentW + maxDeltaW : deltaW < -maxDeltaW ? currentW - maxDeltaW : lagged;
  // Snap the last fraction of a watt so that "reached the setpoint" is exact, not asymptotic.
  // +targetW: a parameter has no known type in V8, and joining it with `out` would box `out` where inlined.
  return Math.abs(out - targetW) < 0.05 ? +targetW : out;
}
