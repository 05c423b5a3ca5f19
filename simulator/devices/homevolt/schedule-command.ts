/**
 * What the battery does for a schedule entry (docs/homevolt.md §4.2, docs/physics.md §3.5, §4.5): a pure function of
 * the entry, the site inputs and the grid PID's state. Returns the AC command [W], + = discharge.
 * Types 1/2 take `setpoint` as battery power; 3/4/5/8 take it as the target at the grid point (+ = import);
 * 6 follows the Nordic frequency-reserve curves; 7 charges from PV surplus; 0 and 9 hold the battery at 0.
 */
import type { ControlInputs } from '../../core/index.ts';
import type { ScheduleEntry } from './schedule.ts';

export interface PidTune {
  readonly kp: number;
  readonly ki: number;
  readonly kd: number;
  /** Integral clamp scale (the firmware's anti_windup) – the integral is clamped to the output bounds. */
  readonly antiWindup: number;
  readonly cutoffHz: number;
}

/** The grid PID's state, shown by /pid.json. Powers in W, time in epoch ms. */
export interface PidState {
  readonly setpointW: number;
  readonly integralW: number;
  readonly filteredInputW: number;
  readonly prevErrorW: number;
  readonly prevOutputW: number;
  readonly prevInputW: number;
  readonly prevMinW: number;
  readonly prevMaxW: number;
  readonly prevDeltaS: number;
  readonly prevTimestampMs: number;
}

export const INITIAL_PID: PidState = Object.freeze({
  setpointW: 0,
  integralW: 0,
  filteredInputW: 0,
  prevErrorW: 0,
  prevOutputW: 0,
  prevInputW: 0,
  prevMinW: 0,
  prevMaxW: 0,
  prevDeltaS: 1,
  prevTimestampMs: 0,
});

export interface ControlLimits {
  /** The unit's rated charge/discharge power, all units together [W]. */
  readonly maxChargeW: number;
  readonly maxDischargeW: number;
  /** FFR trigger [Hz]. */
  readonly ffrTriggerHz: number;
}

export interface ControlResult {
  readonly commandW: number;
  readonly pid: PidState;
  /** Frequency-reserve power requested [W], for ems_control.freq_res_*. */
  readonly reserveW: number;
}

/** A numeric schedule parameter, or the fallback. Module functions, not closures per call: this runs every step. */
function numberParam(p: ScheduleEntry['params'], key: string, fallback: number): number {
  const value = p[key];
  return typeof value === 'number' ? value : fallback;
}

function clampTo(w: number, lo: number, hi: number): number {
  return Math.min(Math.max(w, lo), hi);
}

export function scheduleCommand(entry: ScheduleEntry | null, inputs: ControlInputs, pid: PidState, tune: PidTune, limits: ControlLimits): ControlResult {
  const idle = { commandW: 0, pid, reserveW: 0 };
  if (!entry) return idle;
  const p = entry.params;
  const maxChargeW = Math.min(numberParam(p, 'max_charge', limits.maxChargeW), limits.maxChargeW);
  const maxDischargeW = Math.min(numberParam(p, 'max_discharge', limits.maxDischargeW), limits.maxDischargeW);
  const socPct = inputs.socFraction * 100;
  let lo = -maxChargeW;
  let hi = maxDischargeW;
  if (entry.minSocPct !== null && socPct <= entry.minSocPct) hi = Math.min(hi, 0);
  if (entry.maxSocPct !== null && socPct >= entry.maxSocPct) lo = Math.max(lo, 0);
  const setpointW = numberParam(p, 'setpoint', 0);
  switch (entry.type) {
    case 0:
    case 9:
      return idle;
    // Without -s, inverter charge/discharge runs at its -c/-d cap, <max allowed> (the rating) by default: Tibber's guide runs them on -c/-d alone (docs/homevolt-schedules.md).
    case 1:
      return { commandW: clampTo(-Math.abs(numberParam(p, 'setpoint', maxChargeW)), lo, hi), pid, reserveW: 0 };
    case 2:
      return { commandW: clampTo(Math.abs(numberParam(p, 'setpoint', maxDischargeW)), lo, hi), pid, reserveW: 0 };
    case 3:
      return gridPid(inputs, pid, tune, setpointW, Math.max(lo, -maxChargeW), Math.min(hi, 0));
    case 4:
      return gridPid(inputs, pid, tune, setpointW, Math.max(lo, 0), hi);
    case 5:
    case 8:
      return gridPid(inputs, pid, tune, setpointW, lo, hi);
    case 7:
      return gridPid(inputs, pid, tune, 0, Math.max(lo, -inputs.pvW), Math.min(hi, 0));
    case 6: {
      const reserveW = reservePowerW(inputs.freqHz, p, limits.ffrTriggerHz);
      return { commandW: clampTo(reserveW, lo, hi), pid, reserveW };
    }
  }
}

/**
 * A PI(D) on the grid power with a first-order input filter (pid.json: kp 0.25, ki 0.2, kd 0.1, cutoff 0.25 Hz).
 * The integral is clamped to the output bounds so that it cannot wind up while the battery saturates.
 */
function gridPid(inputs: ControlInputs, pid: PidState, tune: PidTune, setpointW: number, minW: number, maxW: number): ControlResult {
  const dtS = inputs.dtS > 0 ? inputs.dtS : 1e-3;
  const alpha = 1 - Math.exp(-2 * Math.PI * tune.cutoffHz * dtS);
  const filtered = pid.filteredInputW + (inputs.gridW - pid.filteredInputW) * alpha;
  const errorW = filtered - setpointW;
  const integral = Math.min(Math.max(pid.integralW + tune.ki * errorW * dtS, minW), maxW);
  const derivative = (tune.kd * (errorW - pid.prevErrorW)) / dtS;
  const out = Math.min(Math.max(tune.kp * errorW + integral + derivative, minW), maxW);
  return {
    commandW: out,
    reserveW: 0,
    pid: {
      setpointW,
      integralW: integral,
      filteredInputW: filtered,
      prevErrorW: errorW,
      prevOutputW: out,
      prevInputW: inputs.gridW,
      prevMinW: minW,
      prevMaxW: maxW,
      prevDeltaS: dtS,
      prevTimestampMs: inputs.tMs,
    },
  };
}

/**
 * Nordic reserve curves (docs/physics.md §3.5): FCR-N linear over 49.9–50.1 Hz, FCR-D up over 49.9→49.5 Hz,
 * FCR-D down over 50.1→50.5 Hz, FFR a step below its trigger. + = discharge.
 */
export function reservePowerW(freqHz: number, p: Readonly<Record<string, number | boolean>>, ffrTriggerHz: number): number {
  const w = (key: string): number => (typeof p[key] === 'number' ? Math.abs(p[key] as number) : 0);
  const clamp = (x: number, a: number, b: number): number => Math.min(Math.max(x, a), b);
  const fcrN = w('fcr_n_power') * clamp((50 - freqHz) / 0.1, -1, 1);
  const fcrDUp = w('fcr_d_up_power') * clamp((49.9 - freqHz) / 0.4, 0, 1);
  const fcrDDown = -w('fcr_d_down_power') * clamp((freqHz - 50.1) / 0.4, 0, 1);
  const ffr = freqHz <= ffrTriggerHz ? w('ffr_power') : 0;
  return fcrN + fcrDUp + fcrDDown + ffr;
}
