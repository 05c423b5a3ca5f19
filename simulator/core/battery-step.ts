/**
 * The battery's step itself (docs/physics.md §2.2), shared by stepBattery (battery.ts) and the allocation-free stepper
 * (battery-stepper.ts): converter losses, the DC current limit, the step's checks and the segment walk that splits
 * a step where the pack reaches full or empty. Internal to the core: not exported from simulator/core/index.ts.
 */
import type { BatteryParams } from './battery-params.ts';
import type { BatteryState, BatteryStep } from './battery.ts';
import { SimError } from './errors.ts';

/** Converter loss at an AC power [W]; zero while the converter is not switching. */
export function converterLossW(params: BatteryParams, acW: number): number {
  if (acW === 0) return 0;
  const p = Math.abs(acW);
  return params.lossP0W + params.lossK1 * p + params.lossK2PerW * p * p;
}

/** The AC power the DC current limit allows at a pack OCV [W] (Infinity without a limit). */
export function currentLimitedW(params: BatteryParams, ocvPackV: number): number {
  return Number.isFinite(params.dischargeCurrentLimitA) ? acPowerForDcW(params, params.dischargeCurrentLimitA * ocvPackV) : Infinity;
}

/** The AC power whose DC side is `dcW` (inverse of P_dc = P_ac + L(P_ac) for discharge). */
export function acPowerForDcW(params: BatteryParams, dcW: number): number {
  const a = params.lossK2PerW;
  const b = 1 + params.lossK1;
  const c = params.lossP0W - dcW;
  if (c >= 0) return 0;
  return a === 0 ? -c / b : (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
}

/** Rejects a non-finite command or a bad step. The messages are built elsewhere: small checks inline in V8. */
export function checkStep(commandW: number, dtS: number): void {
  if (!Number.isFinite(commandW) || !(dtS >= 0) || !Number.isFinite(dtS)) rejectStep(commandW, dtS);
}

function rejectStep(commandW: number, dtS: number): never {
  if (!Number.isFinite(commandW)) {
    throw new SimError('SIM_ERR_INVALID_COMMAND', `Failed to step the battery: the power command ${commandW} is not a finite number.`);
  }
  throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to step the battery: the step ${dtS} s must be a finite number ≥ 0.`);
}

/** A step's result before it becomes a BatteryStep: the new state's numbers and what the step did. */
export interface Outcome {
  energyWh: number;
  polarisationV: number;
  currentA: number;
  acW: number;
  chemWh: number;
  selfDischargeWh: number;
  auxFromGridWh: number;
  limitReached: BatteryStep['limitReached'];
}

export function newOutcome(): Outcome {
  // Fractional initial values give V8 double fields from the start.
  return { energyWh: 0.5, polarisationV: 0.5, currentA: 0.5, acW: 0.5, chemWh: 0.5, selfDischargeWh: 0.5, auxFromGridWh: 0.5, limitReached: null };
}

/**
 * The step itself (docs/physics.md §2.2), split where the pack reaches a bound: the limits [W] and the pack's
 * open-circuit voltage [V] are those at the step's start, and `decay.factor` is exp(−dtS/τ_RC). Writes into `out`.
 */
export function advanceInto(
  params: BatteryParams,
  state: Pick<BatteryState, 'energyWh' | 'polarisationV' | 'currentA'>,
  commandW: number,
  dtS: number,
  limits: Readonly<{ chargeLimitW: number; dischargeLimitW: number; ocvPackV: number }>,
  decay: Readonly<{ factor: number }>,
  out: Outcome,
): void {
  // Limits, OCV and decay come in objects: each double passed to a call V8 does not inline costs a heap box.
  const ocvPackV = limits.ocvPackV;
  const loWh = params.socMin * params.capacityWh;
  const hiWh = params.socMax * params.capacityWh;
  let acW = Math.min(Math.max(commandW, -limits.chargeLimitW), limits.dischargeLimitW);
  if ((acW > 0 && state.energyWh <= loWh) || (acW < 0 && state.energyWh >= hiWh)) acW = 0;

  let energyWh = state.energyWh;
  let remainingS = dtS;
  let acWs = 0;
  let chemWh = 0;
  let auxFromGridWh = 0;
  let currentA = state.currentA;
  let limitReached: BatteryStep['limitReached'] = null;
  // At most three segments: the command until a bound, then standby until empty, then standby from the grid.
  // Only the first can carry a command, so the OCV at the step's start is the only one needed.
  for (let segment = 0; segment < 3 && remainingS > 0; segment++) {
    // DC flow of the segment (§2.2): chemW drawn from the cells, the DC current, and standby from the grid.
    let chemW: number;
    let segCurrentA = 0;
    let auxFromGridW = 0;
    if (acW === 0) {
      const auxFromPack = energyWh > loWh;
      chemW = auxFromPack ? params.auxW : 0;
      auxFromGridW = auxFromPack ? 0 : params.auxW;
    } else {
      const dcW = acW + converterLossW(params, acW);
      segCurrentA = dcW / ocvPackV;
      chemW = dcW + segCurrentA * segCurrentA * params.packResistanceOhm + params.auxW;
    }
    let segS = remainingS;
    // (−chemW·segS)/3600 is exactly −(chemW·segS/3600): one division serves the energy and, unless the segment is
    // cut short, the chemical energy too.
    const segChemWh = (chemW * segS) / 3600;
    const deltaWh = -segChemWh;
    const drains = chemW > 0;
    const boundWh = drains ? loWh : hiWh;
    // A drain also happens while charging below the converter's own losses plus standby (a few tens of W):
    // at empty that must stop the converter too, or the pack would go below empty.
    const crosses = drains ? energyWh + deltaWh < loWh : chemW < 0 && energyWh + deltaWh > hiWh;
    if (crosses) {
      // Zero when the pack already sits at (or beyond) the bound: the segment cannot run at all.
      segS = Math.min(remainingS, Math.max(0, ((energyWh - boundWh) / chemW) * 3600));
      if (acW !== 0) limitReached = drains ? 'empty' : 'full';
    }
    energyWh = crosses ? (segS > 0 ? boundWh : energyWh) : energyWh + deltaWh;
    chemWh += crosses ? (chemW * segS) / 3600 : segChemWh;
    if (auxFromGridW !== 0) auxFromGridWh += (auxFromGridW * segS) / 3600;
    acWs += acW * segS;
    currentA = segCurrentA;
    remainingS -= segS;
    if (crosses) acW = 0;
  }
  const selfDischargeWh = (energyWh * params.selfDischargePerH * dtS) / 3600;
  energyWh -= selfDischargeWh;

  const targetV = currentA * params.polarisationOhm;
  out.energyWh = energyWh;
  out.polarisationV = targetV + (state.polarisationV - targetV) * decay.factor;
  out.currentA = currentA;
  out.acW = dtS > 0 ? acWs / dtS : acW;
  out.chemWh = chemWh;
  out.selfDischargeWh = selfDischargeWh;
  out.auxFromGridWh = auxFromGridWh;
  out.limitReached = limitReached;
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
