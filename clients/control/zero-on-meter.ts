/**
 * Zero on the meter (docs/physics.md §4.5): a PI controller in incremental (velocity) form that steers the net grid
 * power to a target by moving the battery's setpoint, with a deadband, a rate limit, a minimum power,
 * anti-windup at the battery's limits and damping of ping-pong oscillation.
 *
 * The plant is P_grid = P_load − P_pv − P_bat, so with the battery following its setpoint within one step
 * the error of step k is what the command of step k−1 left over. Gains are per step (dimensionless W/W):
 * with d steps of dead time the pure-integral loop is stable iff K < 2·sin(π/(2(2d+1))) (2.0, 1.0, 0.618 for
 * d = 0, 1, 2), so choose the cadence first and the gains for it.
 * Signs: grid + = import, battery + = discharge.
 */
import type { PowerLimits } from '../battery.ts';
import { rejectUnknownKeys, requireNumber } from './errors.ts';

export interface ZeroOnMeterParams {
  /** Grid power to steer to [W], + = import; default 0. */
  readonly targetGridW: number;
  /** Errors smaller than this count as zero [W]; default 25 (docs/physics.md §4.5). */
  readonly deadbandW: number;
  /** Proportional gain on the change of the error, per step [W/W]; default 0.2 (damps the actuator's lag). */
  readonly proportionalGain: number;
  /** Integral gain, the share of the remaining error corrected per step [W/W]; default 0.8. */
  readonly integralGain: number;
  /** Largest change of the command per second [W/s]; default 400 (a 2 kW kettle is matched in 5 s). */
  readonly rampWPerS: number;
  /** Longest interval the ramp budget grows over [s]; default 10 (after a gap the command does not jump). */
  readonly rampHorizonS: number;
  /** Commands smaller than this in magnitude are rounded to 0 or ±this [W]; default 50 (Sessy min_power). */
  readonly minPowerW: number;
  /** Sign reversals of the error in a row after which the gains are damped; default 3. */
  readonly oscillationReversals: number;
  /** Factor on the gains while oscillating, in (0, 1]; default 0.5. */
  readonly oscillationDamping: number;
  /** Errors at least this large are never damped, being a real load step [W]; default 450. */
  readonly oscillationLargeStepW: number;
}

/**
 * Defaults for a 1–5 s cadence on a meter that refreshes every second (DSMR 5). Anti-oscillation after
 * AstraMeter (@see https://github.com/tomquist/AstraMeter/pull/475): damp repeated sign reversals,
 * never a step larger than 450 W.
 */
export const ZERO_ON_METER_DEFAULTS: ZeroOnMeterParams = Object.freeze({
  targetGridW: 0,
  deadbandW: 25,
  proportionalGain: 0.2,
  integralGain: 0.8,
  rampWPerS: 400,
  rampHorizonS: 10,
  minPowerW: 50,
  oscillationReversals: 3,
  oscillationDamping: 0.5,
  oscillationLargeStepW: 450,
});

const RANGES: Record<keyof ZeroOnMeterParams, readonly [number, number]> = {
  targetGridW: [-1e6, 1e6],
  deadbandW: [0, 1e4],
  proportionalGain: [0, 2],
  integralGain: [1e-3, 2],
  rampWPerS: [1e-3, 1e7],
  rampHorizonS: [0, 3600],
  minPowerW: [0, 1e4],
  oscillationReversals: [1, 1000],
  oscillationDamping: [1e-3, 1],
  oscillationLargeStepW: [0, 1e6],
};

/** Builds the parameters from the defaults and overrides; rejects unknown keys and out-of-range numbers. */
export function buildZeroOnMeterParams(overrides: Partial<ZeroOnMeterParams> = {}): ZeroOnMeterParams {
  rejectUnknownKeys('the zero-on-meter controller', overrides, Object.keys(ZERO_ON_METER_DEFAULTS));
  const merged: ZeroOnMeterParams = { ...ZERO_ON_METER_DEFAULTS, ...overrides };
  for (const key of Object.keys(RANGES) as (keyof ZeroOnMeterParams)[]) {
    requireNumber('the zero-on-meter controller', key, merged[key], RANGES[key][0], RANGES[key][1]);
  }
  return Object.freeze(merged);
}

/** Which battery limit clamped the command, if any. */
export type LimitedBy = 'charge' | 'discharge' | null;

export interface ZeroOnMeterState {
  /** The last command [W], + = discharge, always within the limits of its step; null before the first step. */
  readonly commandW: number | null;
  /** The deadbanded error of the last step [W]. */
  readonly errorW: number;
  /** The limit that clamped the last command. */
  readonly limitedBy: LimitedBy;
  /** Sign reversals of the error in a row. */
  readonly reversals: number;
  /** Time of the last step [epoch ms]. */
  readonly lastMs: number | null;
}

export interface ZeroOnMeterInputs {
  /** Time of this step [epoch ms]. */
  readonly nowMs: number;
  /** Net grid power measured now [W], + = import. */
  readonly gridW: number;
  /** The battery's actual AC power [W], + = discharge; the starting point of the first step. */
  readonly batteryW: number;
  readonly limits: PowerLimits;
}

export interface ZeroOnMeterStep {
  readonly state: ZeroOnMeterState;
  /** The command to send [W], + = discharge. */
  readonly commandW: number;
  readonly limitedBy: LimitedBy;
}

export function createZeroOnMeterState(): ZeroOnMeterState {
  return { commandW: null, errorW: 0, limitedBy: null, reversals: 0, lastMs: null };
}

/**
 * One control step: pure. The first step takes over bumplessly from the battery's actual power; later ones
 * move the command by the PI increment, bounded by the ramp, the limits and the minimum power.
 */
export function stepZeroOnMeter(params: ZeroOnMeterParams, state: ZeroOnMeterState, inputs: ZeroOnMeterInputs): ZeroOnMeterStep {
  const { chargeW, dischargeW } = inputs.limits;
  const clamp = (w: number): number => (w > dischargeW ? dischargeW : w < -chargeW ? -chargeW : w);
  const rawErrorW = inputs.gridW - params.targetGridW;
  const errorW = Math.abs(rawErrorW) < params.deadbandW ? 0 : rawErrorW;

  const reversed = errorW !== 0 && state.errorW !== 0 && Math.sign(errorW) !== Math.sign(state.errorW);
  const reversals = reversed ? state.reversals + 1 : errorW === 0 ? state.reversals : 0;
  const damped = reversals >= params.oscillationReversals && Math.abs(errorW) < params.oscillationLargeStepW;
  const gain = damped ? params.oscillationDamping : 1;

  // Limits may have shrunk since the last step (SOC taper, temperature): the integrator never sits beyond them.
  const baseW = clamp(state.commandW ?? inputs.batteryW);
  const elapsedS = state.lastMs === null ? 0 : Math.max(0, (inputs.nowMs - state.lastMs) / 1000);
  const rampW = params.rampWPerS * Math.min(elapsedS, params.rampHorizonS);
  // After a clamped step the old error describes a plant the command could not reach: forget it, so the
  // proportional term gives no kick when the saturation ends (anti-windup, with the clamp below).
  const previousErrorW = state.limitedBy === null && state.commandW !== null ? state.errorW : errorW;
  let deltaW = gain * (params.proportionalGain * (errorW - previousErrorW) + params.integralGain * errorW);
  deltaW = deltaW > rampW ? rampW : deltaW < -rampW ? -rampW : deltaW;

  const wantedW = baseW + deltaW;
  const limitedBy: LimitedBy = wantedW > dischargeW ? 'discharge' : wantedW < -chargeW ? 'charge' : null;
  let commandW = clamp(wantedW);
  if (Math.abs(commandW) < params.minPowerW) {
    // Round to 0 or ±min power, whichever the full correction (base + error) is nearer: rounding small commands
    // always to 0 would leave a residual up to min power / K on the meter.
    const fullW = clamp(baseW + errorW);
    commandW = Math.abs(fullW) >= params.minPowerW && commandW !== 0 ? Math.sign(commandW) * params.minPowerW : 0;
    commandW = clamp(commandW);
  }
  return {
    state: { commandW, errorW, limitedBy, reversals, lastMs: inputs.nowMs },
    commandW,
    limitedBy,
  };
}
