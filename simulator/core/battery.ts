/**
 * The battery (physics.md §2): energy counting with power-dependent converter losses, pack resistance,
 * standby draw, self-discharge, SOC and temperature limits, pack voltage from OCV and an RC branch,
 * and a step split at the moment the pack reaches full or empty.
 * Sign convention: AC and DC power + = discharge (out of the battery), − = charge.
 */
import type { BatteryParams } from './battery-params.ts';
import { SimError, requireFinite } from './errors.ts';

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
  let i = 1;
  while (xs[i]! < socFraction) i++;
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

/** Converter loss at an AC power [W]; zero while the converter is not switching. */
export function converterLossW(params: BatteryParams, acW: number): number {
  if (acW === 0) return 0;
  const p = Math.abs(acW);
  return params.lossP0W + params.lossK1 * p + params.lossK2PerW * p * p;
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
  if (soc <= params.socMin) return 0;
  const derate = clamp01((soc - params.socMin) / (params.socDischargeDerate - params.socMin));
  let limitW = params.dischargeRatedW * Math.max(params.chargeTaperFloor, derate);
  if (Number.isFinite(params.dischargeCurrentLimitA)) {
    limitW = Math.min(limitW, acPowerForDcW(params, params.dischargeCurrentLimitA * openCircuitPackV(params, soc)));
  }
  return limitW;
}

/** Advances the battery by `dtS` seconds at a commanded AC power, clamped to the limits at the step's start. */
export function stepBattery(params: BatteryParams, state: BatteryState, commandW: number, dtS: number): BatteryStep {
  if (!Number.isFinite(commandW)) {
    throw new SimError('SIM_ERR_INVALID_COMMAND', `Failed to step the battery: the power command ${commandW} is not a finite number.`);
  }
  if (!(dtS >= 0) || !Number.isFinite(dtS)) {
    throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to step the battery: the step ${dtS} s must be a finite number ≥ 0.`);
  }
  const loWh = params.socMin * params.capacityWh;
  const hiWh = params.socMax * params.capacityWh;
  let acW = Math.min(Math.max(commandW, -chargeLimitW(params, state)), dischargeLimitW(params, state));
  if ((acW > 0 && state.energyWh <= loWh) || (acW < 0 && state.energyWh >= hiWh)) acW = 0;

  let energyWh = state.energyWh;
  let remainingS = dtS;
  let acWs = 0;
  let chemWh = 0;
  let auxFromGridWh = 0;
  let currentA = state.currentA;
  let limitReached: BatteryStep['limitReached'] = null;
  // At most three segments: the command until a bound, then standby until empty, then standby from the grid.
  for (let segment = 0; segment < 3 && remainingS > 0; segment++) {
    const flow = dcFlow(params, energyWh / params.capacityWh, acW, energyWh > loWh);
    let segS = remainingS;
    const deltaWh = (-flow.chemW * segS) / 3600;
    const drains = flow.chemW > 0;
    const boundWh = drains ? loWh : hiWh;
    // A drain also happens while charging below the converter's own losses plus standby (a few tens of W):
    // at empty that must stop the converter too, or the pack would go below empty.
    const crosses = drains ? energyWh + deltaWh < loWh : flow.chemW < 0 && energyWh + deltaWh > hiWh;
    if (crosses) {
      // Zero when the pack already sits at (or beyond) the bound: the segment cannot run at all.
      segS = Math.min(remainingS, Math.max(0, ((energyWh - boundWh) / flow.chemW) * 3600));
      if (acW !== 0) limitReached = drains ? 'empty' : 'full';
    }
    energyWh = crosses ? (segS > 0 ? boundWh : energyWh) : energyWh + deltaWh;
    chemWh += (flow.chemW * segS) / 3600;
    auxFromGridWh += (flow.auxFromGridW * segS) / 3600;
    acWs += acW * segS;
    currentA = flow.currentA;
    remainingS -= segS;
    if (crosses) acW = 0;
  }
  const selfDischargeWh = (energyWh * params.selfDischargePerH * dtS) / 3600;
  energyWh -= selfDischargeWh;

  const decay = Math.exp(-dtS / params.polarisationTauS);
  const targetV = currentA * params.polarisationOhm;
  const polarisationV = targetV + (state.polarisationV - targetV) * decay;
  return {
    state: { energyWh, polarisationV, tempC: state.tempC, currentA },
    acW: dtS > 0 ? acWs / dtS : acW,
    chemWh,
    selfDischargeWh,
    auxFromGridWh,
    limitReached,
  };
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

interface DcFlow {
  readonly chemW: number;
  readonly currentA: number;
  readonly auxFromGridW: number;
}

function dcFlow(params: BatteryParams, socFraction: number, acW: number, auxFromPack: boolean): DcFlow {
  if (acW === 0) {
    return auxFromPack ? { chemW: params.auxW, currentA: 0, auxFromGridW: 0 } : { chemW: 0, currentA: 0, auxFromGridW: params.auxW };
  }
  const dcW = acW + converterLossW(params, acW);
  const currentA = dcW / openCircuitPackV(params, socFraction);
  return { chemW: dcW + currentA * currentA * params.packResistanceOhm + params.auxW, currentA, auxFromGridW: 0 };
}

function openCircuitPackV(params: BatteryParams, socFraction: number): number {
  return params.seriesCells * ocvCellV(params, socFraction);
}

/** The AC power whose DC side is `dcW` (inverse of P_dc = P_ac + L(P_ac) for discharge). */
function acPowerForDcW(params: BatteryParams, dcW: number): number {
  const a = params.lossK2PerW;
  const b = 1 + params.lossK1;
  const c = params.lossP0W - dcW;
  if (c >= 0) return 0;
  return a === 0 ? -c / b : (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
