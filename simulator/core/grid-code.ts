/**
 * The grid-code response of a home battery (docs/physics.md §3.3–3.4, EN 50549-1 / NC RfG defaults):
 * LFSM-O above 50.2 Hz and LFSM-U below 49.8 Hz with 5 % droop, a trip at 51.5 / 47.5 Hz,
 * reconnection after 60 s inside 49.9–50.1 Hz with a ramp of 10 % of P_max per minute.
 * A pure function: the caller keeps the state between steps.
 */
import { mergeParams } from './errors.ts';

export interface GridCodeParams {
  readonly nominalHz: number;
  /** LFSM-O threshold [Hz]. */
  readonly lfsmOverHz: number;
  /** LFSM-U threshold [Hz]. */
  readonly lfsmUnderHz: number;
  /** Droop [fraction of f_n per P_ref]. */
  readonly droop: number;
  readonly tripOverHz: number;
  readonly tripUnderHz: number;
  /** Time beyond a trip threshold before disconnecting [s]. */
  readonly tripDelayS: number;
  readonly reconnectLowHz: number;
  readonly reconnectHighHz: number;
  /** Time the frequency must stay in the reconnection band [s]. */
  readonly reconnectDelayS: number;
  /** Power ramp after reconnection [fraction of P_max per minute]. */
  readonly reconnectRampPerMin: number;
}

export const DEFAULT_GRID_CODE: GridCodeParams = Object.freeze({
  nominalHz: 50,
  lfsmOverHz: 50.2,
  lfsmUnderHz: 49.8,
  droop: 0.05,
  tripOverHz: 51.5,
  tripUnderHz: 47.5,
  tripDelayS: 0.1,
  reconnectLowHz: 49.9,
  reconnectHighHz: 50.1,
  reconnectDelayS: 60,
  reconnectRampPerMin: 0.1,
});

export function buildGridCodeParams(overrides?: Partial<GridCodeParams>): GridCodeParams {
  return mergeParams('grid code', DEFAULT_GRID_CODE, overrides, { droop: [0.001, 1], tripDelayS: [0, 3600], reconnectDelayS: [0, 86_400] });
}

export type GridCodeMode = 'normal' | 'over-frequency' | 'under-frequency' | 'disconnected' | 'reconnecting';

export interface GridCodeState {
  readonly mode: GridCodeMode;
  /** Active power when LFSM activated (P_M) [W]. */
  readonly activationW: number;
  /** Time the frequency has been beyond a trip threshold [s]. */
  readonly beyondTripS: number;
  /** Time the frequency has been inside the reconnection band since the trip [s]. */
  readonly inBandS: number;
  /** Time since reconnection began [s]. */
  readonly reconnectS: number;
}

export const INITIAL_GRID_CODE_STATE: GridCodeState = Object.freeze({ mode: 'normal', activationW: 0, beyondTripS: 0, inBandS: 0, reconnectS: 0 });

export interface GridCodeInputs {
  readonly freqHz: number;
  /** What the strategy wants [W], + = discharge. */
  readonly strategyW: number;
  /** The AC power flowing now [W]: P_M when LFSM activates. */
  readonly actualW: number;
  /** Rated power used as P_ref where the reference is P_max [W]. */
  readonly ratedW: number;
  readonly chargeLimitW: number;
  readonly dischargeLimitW: number;
  readonly dtS: number;
}

export interface GridCodeResult {
  readonly state: GridCodeState;
  /** The power the device may run at [W], + = discharge. */
  readonly powerW: number;
}

/** Applies the grid code for one step. */
export function applyGridCode(params: GridCodeParams, state: GridCodeState, inputs: GridCodeInputs): GridCodeResult {
  const { freqHz: f, strategyW, dtS } = inputs;
  const beyondTrip = f >= params.tripOverHz || f <= params.tripUnderHz;
  const beyondTripS = beyondTrip ? state.beyondTripS + dtS : 0;
  const clampLimits = (w: number) => Math.min(Math.max(w, -inputs.chargeLimitW), inputs.dischargeLimitW);

  if (state.mode !== 'disconnected' && beyondTrip && beyondTripS >= params.tripDelayS - 1e-9) {
    return { state: { ...INITIAL_GRID_CODE_STATE, mode: 'disconnected' }, powerW: 0 };
  }
  if (state.mode === 'disconnected') {
    const inBand = f >= params.reconnectLowHz && f <= params.reconnectHighHz;
    const inBandS = inBand ? state.inBandS + dtS : 0;
    if (inBandS >= params.reconnectDelayS - 1e-9) {
      return { state: { ...INITIAL_GRID_CODE_STATE, mode: 'reconnecting' }, powerW: 0 };
    }
    return { state: { ...state, inBandS, beyondTripS }, powerW: 0 };
  }
  if (state.mode === 'reconnecting') {
    const reconnectS = state.reconnectS + dtS;
    const limitW = (params.reconnectRampPerMin * inputs.ratedW * reconnectS) / 60;
    if (limitW >= inputs.ratedW) return { state: { ...INITIAL_GRID_CODE_STATE, beyondTripS }, powerW: clampLimits(strategyW) };
    return { state: { ...state, reconnectS, beyondTripS }, powerW: clampLimits(Math.min(Math.max(strategyW, -limitW), limitW)) };
  }

  if (f > params.lfsmOverHz) {
    const activationW = state.mode === 'over-frequency' ? state.activationW : inputs.actualW;
    // P_ref = P_M while feeding in (KACO's example); from idle or charging the reference is P_max.
    const refW = activationW > 0 ? activationW : inputs.ratedW;
    const curveW = activationW - ((f - params.lfsmOverHz) / params.nominalHz / params.droop) * refW;
    return { state: { ...INITIAL_GRID_CODE_STATE, mode: 'over-frequency', activationW, beyondTripS }, powerW: clampLimits(Math.min(strategyW, curveW)) };
  }
  if (f < params.lfsmUnderHz) {
    const activationW = state.mode === 'under-frequency' ? state.activationW : inputs.actualW;
    const curveW = activationW + ((params.lfsmUnderHz - f) / params.nominalHz / params.droop) * inputs.ratedW;
    return { state: { ...INITIAL_GRID_CODE_STATE, mode: 'under-frequency', activationW, beyondTripS }, powerW: clampLimits(Math.max(strategyW, curveW)) };
  }
  return { state: { ...INITIAL_GRID_CODE_STATE, beyondTripS }, powerW: clampLimits(strategyW) };
}
