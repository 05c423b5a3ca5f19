/**
 * The battery (docs/physics.md §2): energy counting with power-dependent converter losses, pack resistance,
 * standby draw, self-discharge, SOC and temperature limits, pack voltage from OCV and an RC branch,
 * and a step split at the moment the pack reaches full or empty.
 * Sign convention: AC and DC power + = discharge (out of the battery), − = charge.
 */
import type { BatteryParams } from './battery-params.ts';
import { acPowerForDcW, advanceInto, checkStep, clamp01, converterLossW, newOutcome } from './battery-step.ts';
import { requireFinite } from './errors.ts';

export { converterLossW };

export interface BatteryState {
  /** Stored energy above empty [Wh], 0 ≤ energyWh ≤ capacityWh. */
  readonly energyWh: number;
  /** Voltage across the RC polarisation branch [V]. */
  readonly polarisationV: number;
  /** Cell temperature [°C]. */
  readonly tempC: number;
  /** DC current of the last step [A], + = discharge; sets the pack voltage's IR drop. */
  readonly currentA: number;
}

/** What one step did. Powers are means over the step; energies are totals over it. */
export interface BatteryStep {
  readonly state: BatteryState;
  /** Mean AC power the converter delivered [W], + = discharge. */
  readonly acW: number;
  /** Energy drawn from the cells, including resistance and aux losses [Wh]; − when charging. */
  readonly chemWh: number;
  /** Energy lost to self-discharge [Wh]. */
  readonly selfDischargeWh: number;
  /** Standby energy drawn from the grid because the pack was empty [Wh]. */
  readonly auxFromGridWh: number;
  /** Set when the pack reached full or empty during the step. */
  readonly limitReached: 'full' | 'empty' | null;
}

export function createBatteryState(params: BatteryParams, socFraction: number, tempC = 20): BatteryState {
  requireFinite('initial SOC', socFraction, 0, 1);
  requireFinite('cell temperature (°C)', tempC, -60, 100);
  return { energyWh: socFraction * params.capacityWh, polarisationV: 0, tempC, currentA: 0 };
}

export function socOf(params: BatteryParams, state: BatteryState): number {
  const soc = state.energyWh / params.capacityWh;
  return soc < 0 ? 0 : soc > 1 ? 1 : soc;
}

/** Open-circuit voltage of one cell at a SOC [V], linear between the curve's points. */
export function ocvCellV(params: BatteryParams, socFraction: number): number {
  const { socFraction: xs, cellV: ys } = params.ocv;
  const n = xs.length;
  if (socFraction <= xs[0]!) return ys[0]!;
  if (socFraction >= xs[n - 1]!) return ys[n - 1]!;
  // Binary search for the first point at or above the SOC: xs[i − 1] < socFraction ≤ xs[i].
  let lo = 0;
  let i = n - 1;
  while (i - lo > 1) {
    const mid = (lo + i) >> 1;
    if (xs[mid]! < socFraction) lo = mid;
    else i = mid;
  }
  const x0 = xs[i - 1]!;
  const x1 = xs[i]!;
  const y0 = ys[i - 1]!;
  return y0 + ((ys[i]! - y0) * (socFraction - x0)) / (x1 - x0);
}

/** Terminal voltage of the pack [V]: N·OCV − I·R − V_rc. */
export function packVoltageV(params: BatteryParams, state: BatteryState): number {
  const ocvV = params.seriesCells * ocvCellV(params, socOf(params, state));
  return ocvV - state.currentA * params.packResistanceOhm - state.polarisationV;
}

/** The most AC power the battery may charge with now [W, ≥ 0] (§2.5: taper near full, cold derate). */
export function chargeLimitW(params: BatteryParams, state: BatteryState): number {
  const soc = state.energyWh / params.capacityWh;
  if (soc >= params.socMax) return 0;
  const taper = clamp01((params.socMax - soc) / (params.socMax - params.socChargeTaper));
  const fSoc = Math.max(params.chargeTaperFloor, taper);
  const fTemp = clamp01(state.tempC / params.chargeFullTempC);
  return params.chargeRatedW * fSoc * fTemp;
}

/**
 * The most AC power the battery may discharge with now [W, ≥ 0] (§2.5: derate near empty, DC current limit).
 * The near-empty derate keeps the same floor as the charge taper so that the pack reaches empty in finite time.
 */
export function dischargeLimitW(params: BatteryParams, state: BatteryState): number {
  const soc = state.energyWh / params.capacityWh;
  return dischargeLimitAt(params, soc, openCircuitPackV(params, soc));
}

/** Advances the battery by `dtS` seconds at a commanded AC power, clamped to the limits at the step's start. */
export function stepBattery(params: BatteryParams, state: BatteryState, commandW: number, dtS: number): BatteryStep {
  checkStep(commandW, dtS);
  const soc = state.energyWh / params.capacityWh;
  const ocvPackV = openCircuitPackV(params, soc);
  const chargeW = chargeLimitW(params, state);
  const dischargeW = dischargeLimitAt(params, soc, ocvPackV);
  const out = newOutcome();
  // The same shapes as the stepper's objects, so that advanceInto sees one map for each.
  const limits = { socFraction: socOf(params, state), chargeLimitW: chargeW, dischargeLimitW: dischargeW, ocvPackV };
  const decay = { dtS, factor: Math.exp(-dtS / params.polarisationTauS) };
  advanceInto(params, state, commandW, dtS, limits, decay, out);
  return {
    state: { energyWh: out.energyWh, polarisationV: out.polarisationV, tempC: state.tempC, currentA: out.currentA },
    acW: out.acW,
    chemWh: out.chemWh,
    selfDischargeWh: out.selfDischargeWh,
    auxFromGridWh: out.auxFromGridWh,
    limitReached: out.limitReached,
  };
}

/** What one step did, as BatteryStep without the state: overwritten by the stepper's next step. */
export type BatteryStepOutcome = Omit<BatteryStep, 'state'>;

function dischargeLimitAt(params: BatteryParams, soc: number, ocvPackV: number): number {
  if (soc <= params.socMin) return 0;
  const derate = clamp01((soc - params.socMin) / (params.socDischargeDerate - params.socMin));
  let limitW = params.dischargeRatedW * Math.max(params.chargeTaperFloor, derate);
  if (Number.isFinite(params.dischargeCurrentLimitA)) {
    limitW = Math.min(limitW, acPowerForDcW(params, params.dischargeCurrentLimitA * ocvPackV));
  }
  return limitW;
}

/** Sets the cell temperature, e.g. for a cold-weather scenario. */
export function withTemperature(state: BatteryState, tempC: number): BatteryState {
  requireFinite('cell temperature (°C)', tempC, -60, 100);
  return { ...state, tempC };
}

/** Sets the SOC directly, e.g. from the simulation control. */
export function withSoc(params: BatteryParams, state: BatteryState, socFraction: number): BatteryState {
  requireFinite('SOC', socFraction, 0, 1);
  return { ...state, energyWh: socFraction * params.capacityWh, polarisationV: 0 };
}

function openCircuitPackV(params: BatteryParams, socFraction: number): number {
  return params.seriesCells * ocvCellV(params, socFraction);
}
