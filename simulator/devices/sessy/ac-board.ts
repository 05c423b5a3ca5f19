/**
 * The AC board's safety state machine and the grid code (docs/sessy.md §4.2, docs/physics.md §2.6, §3.4):
 * INIT → WAIT_FOR_PERIPHERALS → STANDBY; a request above the deadzone → WAITING_FOR_SAFE_SITUATION →
 * WAITING_IN_SAFE_SITUATION (the grid-code observation, ≈ 60 s) → RUNNING_SAFE; back to STANDBY after the
 * request stays below the deadzone; BATTERY_FULL / BATTERY_EMPTY; OVERRIDE_OVER/UNDERFREQUENCY, DISCONNECT and
 * RECONNECT from the core's `applyGridCode`. Pure: `(params, state, inputs) → result`.
 */
import { applyGridCode, INITIAL_GRID_CODE_STATE, type GridCodeParams, type GridCodeState } from '../../core/index.ts';

export const SYSTEM_STATES = [
  'SYSTEM_STATE_INIT',
  'SYSTEM_STATE_WAIT_FOR_PERIPHERALS',
  'SYSTEM_STATE_STANDBY',
  'SYSTEM_STATE_WAITING_FOR_SAFE_SITUATION',
  'SYSTEM_STATE_WAITING_IN_SAFE_SITUATION',
  'SYSTEM_STATE_RUNNING_SAFE',
  'SYSTEM_STATE_OVERRIDE_OVERFREQUENCY',
  'SYSTEM_STATE_OVERRIDE_UNDERFREQUENCY',
  'SYSTEM_STATE_DISCONNECT',
  'SYSTEM_STATE_RECONNECT',
  'SYSTEM_STATE_ERROR',
  'SYSTEM_STATE_BATTERY_FULL',
  'SYSTEM_STATE_BATTERY_EMPTY',
  'SYSTEM_STATE_OVERRIDE_BATTERY_UNDERVOLTAGE',
] as const;

export type SystemState = (typeof SYSTEM_STATES)[number];

export type BoardPhase = 'init' | 'wait-peripherals' | 'standby' | 'waiting-for-safe' | 'waiting-in-safe' | 'running';

export interface AcBoardParams {
  readonly grid: GridCodeParams;
  /** Rated power used as the LFSM reference P_max [W]. */
  readonly ratedW: number;
  /** Boot: INIT [s], then WAIT_FOR_PERIPHERALS [s] [A]. */
  readonly initS: number;
  readonly peripheralsS: number;
  /** Least time in WAITING_FOR_SAFE_SITUATION [s] [A]. */
  readonly safeCheckS: number;
  /** WAITING_IN_SAFE_SITUATION: RECONNECT_TIME_OBSERVE [s] (≈ 60 s, docs/sessy.md §4.2). */
  readonly safeObserveS: number;
  /** DEADZONE_OBSERVE_TIME: how long the request stays below the deadzone before standby [s] [A]. */
  readonly deadzoneObserveS: number;
}

export interface AcBoardState {
  readonly phase: BoardPhase;
  readonly phaseS: number;
  readonly belowDeadzoneS: number;
  readonly grid: GridCodeState;
  readonly full: boolean;
  readonly empty: boolean;
  /** Sticky like the firmware's ("might still be set after an issue is resolved"); cleared on entering standby [A]. */
  readonly details: string;
}

export const BOOTING_BOARD: AcBoardState = Object.freeze({ phase: 'init', phaseS: 0, belowDeadzoneS: 0, grid: INITIAL_GRID_CODE_STATE, full: false, empty: false, details: '' });

export interface AcBoardInputs {
  /** The supervisor's request [W], + = discharge; 0 inside the deadzone. */
  readonly requestW: number;
  readonly freqHz: number;
  readonly batteryW: number;
  readonly socFraction: number;
  readonly chargeLimitW: number;
  readonly dischargeLimitW: number;
  readonly dtS: number;
}

export interface AcBoardResult {
  readonly state: AcBoardState;
  /** The AC command for the inverter [W], + = discharge. */
  readonly commandW: number;
  readonly systemState: SystemState;
}

/** Leave FULL / EMPTY once the SOC moves 1 % away (docs/physics.md §2.6). */
const LATCH_RELEASE = 0.01;
/** docs/physics.md §2.6: FULL at SOC ≥ 0.999, EMPTY at ≤ 0.001 (self-discharge keeps a full pack just below 1). */
const FULL_SOC = 0.999;
const EMPTY_SOC = 0.001;

export function stepAcBoard(params: AcBoardParams, state: AcBoardState, inputs: AcBoardInputs): AcBoardResult {
  const { dtS } = inputs;
  const booting = bootStep(params, state, dtS);
  if (booting) return booting;

  const wantsCharge = inputs.requestW < 0;
  const wantsDischarge = inputs.requestW > 0;
  const full = wantsCharge && (inputs.chargeLimitW <= 0 || inputs.socFraction >= FULL_SOC || (state.full && inputs.socFraction > 1 - LATCH_RELEASE));
  const empty = wantsDischarge && (inputs.dischargeLimitW <= 0 || inputs.socFraction <= EMPTY_SOC || (state.empty && inputs.socFraction < LATCH_RELEASE));
  const requestW = full || empty ? 0 : inputs.requestW;
  let details = full ? 'battery full' : empty ? 'battery empty' : state.details;

  let belowDeadzoneS = requestW === 0 ? state.belowDeadzoneS + dtS : 0;
  const inBand = inputs.freqHz >= params.grid.reconnectLowHz && inputs.freqHz <= params.grid.reconnectHighHz;
  const phase = nextPhase(params, state.phase, state.phaseS + dtS, requestW, inBand, belowDeadzoneS);
  const phaseS = phase === state.phase ? state.phaseS + dtS : 0;
  if (phase === 'standby' && state.phase !== 'standby') details = full ? 'battery full' : empty ? 'battery empty' : '';
  if (phase !== 'running') belowDeadzoneS = 0;

  const grid = applyGridCode(params.grid, state.grid, {
    freqHz: inputs.freqHz,
    strategyW: phase === 'running' ? requestW : 0,
    actualW: inputs.batteryW,
    ratedW: params.ratedW,
    chargeLimitW: inputs.chargeLimitW,
    dischargeLimitW: inputs.dischargeLimitW,
    dtS,
  });
  const board: AcBoardState = { phase, phaseS, belowDeadzoneS, grid: grid.state, full, empty, details };
  const mode = grid.state.mode;
  if (mode === 'disconnected') {
    const side = state.grid.mode === 'disconnected' ? details : inputs.freqHz > params.grid.nominalHz ? 'overfrequency2' : 'underfrequency2';
    return { state: { ...board, details: side }, commandW: 0, systemState: 'SYSTEM_STATE_DISCONNECT' };
  }
  if (mode === 'reconnecting') return { state: board, commandW: phase === 'running' ? grid.powerW : 0, systemState: 'SYSTEM_STATE_RECONNECT' };
  if (phase === 'running' && mode === 'over-frequency') return { state: { ...board, details: 'overfrequency' }, commandW: grid.powerW, systemState: 'SYSTEM_STATE_OVERRIDE_OVERFREQUENCY' };
  if (phase === 'running' && mode === 'under-frequency') return { state: { ...board, details: 'underfrequency' }, commandW: grid.powerW, systemState: 'SYSTEM_STATE_OVERRIDE_UNDERFREQUENCY' };
  if (full) return { state: board, commandW: 0, systemState: 'SYSTEM_STATE_BATTERY_FULL' };
  if (empty) return { state: board, commandW: 0, systemState: 'SYSTEM_STATE_BATTERY_EMPTY' };
  return { state: board, commandW: phase === 'running' ? grid.powerW : 0, systemState: SYSTEM_STATE_OF_PHASE[phase] };
}

const SYSTEM_STATE_OF_PHASE: Readonly<Record<BoardPhase, SystemState>> = {
  init: 'SYSTEM_STATE_INIT',
  'wait-peripherals': 'SYSTEM_STATE_WAIT_FOR_PERIPHERALS',
  standby: 'SYSTEM_STATE_STANDBY',
  'waiting-for-safe': 'SYSTEM_STATE_WAITING_FOR_SAFE_SITUATION',
  'waiting-in-safe': 'SYSTEM_STATE_WAITING_IN_SAFE_SITUATION',
  running: 'SYSTEM_STATE_RUNNING_SAFE',
};

/**
 * The board's phase after this step: the firmware's take-over sequence (standby → waiting for a safe situation →
 * waiting in it → running) and its fall-backs.
 */
function nextPhase(params: AcBoardParams, phase: BoardPhase, phaseS: number, requestW: number, inBand: boolean, belowDeadzoneS: number): BoardPhase {
  if (phase === 'standby' && requestW !== 0) return 'waiting-for-safe';
  if ((phase === 'waiting-for-safe' || phase === 'waiting-in-safe') && requestW === 0) return 'standby';
  if (phase === 'waiting-for-safe' && inBand && phaseS >= params.safeCheckS) return 'waiting-in-safe';
  if (phase === 'waiting-in-safe' && !inBand) return 'waiting-for-safe';
  if (phase === 'waiting-in-safe' && phaseS >= params.safeObserveS) return 'running';
  if (phase === 'running' && belowDeadzoneS >= params.deadzoneObserveS) return 'standby';
  return phase;
}

function bootStep(params: AcBoardParams, state: AcBoardState, dtS: number): AcBoardResult | undefined {
  if (state.phase !== 'init' && state.phase !== 'wait-peripherals') return undefined;
  const phaseS = state.phaseS + dtS;
  if (state.phase === 'init') {
    if (phaseS < params.initS) return { state: { ...state, phaseS }, commandW: 0, systemState: 'SYSTEM_STATE_INIT' };
    return { state: { ...state, phase: 'wait-peripherals', phaseS: 0 }, commandW: 0, systemState: 'SYSTEM_STATE_WAIT_FOR_PERIPHERALS' };
  }
  if (phaseS < params.peripheralsS) return { state: { ...state, phaseS }, commandW: 0, systemState: 'SYSTEM_STATE_WAIT_FOR_PERIPHERALS' };
  return { state: { ...state, phase: 'standby', phaseS: 0 }, commandW: 0, systemState: 'SYSTEM_STATE_STANDBY' };
}
