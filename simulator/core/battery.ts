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

/**
 * A battery for a simulation's inner loop: stepBattery's physics and results on a state it holds and updates in
 * place, so that a step allocates nothing (every object with number fields costs V8 one heap box per field).
 * OCV and limits are worked out once per state, the RC decay once per step size. A plain object of closures and
 * data, without getters, so that V8 keeps it in fast mode with one shape for every instance.
 */
export interface BatteryStepper {
  /** The state now, as an immutable BatteryState, built on demand. */
  state(): BatteryState;
  /** Replaces the state, e.g. after withSoc or withTemperature. */
  setState(state: BatteryState): void;
  /** Advances by `dtS` seconds at a commanded AC power, as stepBattery does. */
  step(commandW: number, dtS: number): void;
  /** socOf and the limits of the state now [fraction, W]; updated by step and setState. */
  readonly now: Readonly<{ socFraction: number; chargeLimitW: number; dischargeLimitW: number }>;
  /** What the last step did; overwritten by the next step. */
  readonly last: Readonly<BatteryStepOutcome>;
}

export function createBatteryStepper(params: BatteryParams, initial: BatteryState): BatteryStepper {
  // Numbers live in objects, never in closure `let`s, which V8 boxes anew on every write.
  const cells = { energyWh: initial.energyWh, polarisationV: initial.polarisationV, tempC: initial.tempC, currentA: initial.currentA };
  // The figures of the state now, and what a step needs of them: the pack's open-circuit voltage [V].
  const now = { socFraction: 0.5, chargeLimitW: 0.5, dischargeLimitW: 0.5, ocvPackV: 0.5 };
  const decay = { dtS: NaN, factor: 1 };
  const out = newOutcome();
  const ocv = createOcvLookup(params);
  const cold = { tempC: NaN, factor: 0.5 };
  const taperSpans = params.socMax > params.socChargeTaper;
  const derateSpans = params.socDischargeDerate > params.socMin;
  let snapshot: BatteryState | null = initial;
  // refresh() is socOf, openCircuitPackV, chargeLimitW and dischargeLimitAt written out, with the OCV segment
  // remembered between steps: the results are theirs, bit for bit (battery.test.ts checks them against each other).
  const refresh = (): void => {
    const soc = cells.energyWh / params.capacityWh;
    now.socFraction = soc < 0 ? 0 : soc > 1 ? 1 : soc;
    ocv.locate(soc);
    now.ocvPackV = params.seriesCells * ocv.at.cellV;
    // chargeLimitW and dischargeLimitAt, skipping the divisions whose clamped result is surely 1 (the ratio of a
    // larger difference to a smaller positive one), and the cold derate while the temperature stays.
    if (soc >= params.socMax) {
      now.chargeLimitW = 0;
    } else {
      const taper = soc <= params.socChargeTaper && taperSpans ? 1 : clamp01((params.socMax - soc) / (params.socMax - params.socChargeTaper));
      if (cells.tempC !== cold.tempC) {
        cold.tempC = cells.tempC;
        cold.factor = clamp01(cells.tempC / params.chargeFullTempC);
      }
      now.chargeLimitW = params.chargeRatedW * Math.max(params.chargeTaperFloor, taper) * cold.factor;
    }
    if (soc <= params.socMin) {
      now.dischargeLimitW = 0;
    } else {
      const derate = soc >= params.socDischargeDerate && derateSpans ? 1 : clamp01((soc - params.socMin) / (params.socDischargeDerate - params.socMin));
      const limitW = params.dischargeRatedW * Math.max(params.chargeTaperFloor, derate);
      // The DC current limit cannot bind while the rated limit lies below what it allows at the segment's lowest OCV.
      now.dischargeLimitW = limitW < ocv.at.currentLimitFloorW ? limitW : Math.min(limitW, +currentLimitedW(params, now.ocvPackV));
    }
  };
  refresh();
  return {
    state() {
      snapshot ??= { energyWh: cells.energyWh, polarisationV: cells.polarisationV, tempC: cells.tempC, currentA: cells.currentA };
      return snapshot;
    },
    setState(state) {
      cells.energyWh = state.energyWh;
      cells.polarisationV = state.polarisationV;
      cells.tempC = state.tempC;
      cells.currentA = state.currentA;
      snapshot = state;
      refresh();
    },
    step(commandW, dtS) {
      checkStep(commandW, dtS);
      if (dtS !== decay.dtS) {
        decay.dtS = dtS;
        decay.factor = Math.exp(-dtS / params.polarisationTauS);
      }
      advanceInto(params, cells, commandW, dtS, now, decay, out);
      cells.energyWh = out.energyWh;
      cells.polarisationV = out.polarisationV;
      cells.currentA = out.currentA;
      snapshot = null;
      refresh();
    },
    now,
    last: out,
  };
}

/** The AC power the DC current limit allows at a pack OCV [W] (Infinity without a limit). */
function currentLimitedW(params: BatteryParams, ocvPackV: number): number {
  return Number.isFinite(params.dischargeCurrentLimitA) ? acPowerForDcW(params, params.dischargeCurrentLimitA * ocvPackV) : Infinity;
}

/**
 * ocvCellV for a SOC that changes little between calls: it starts from the last call's segment and searches only
 * when the SOC has left it. `locate` writes the cell's OCV [V] into `at`, with a power [W] below which the DC current
 * limit cannot bind in that segment; it returns nothing, as a double returned from a call costs V8 a heap box.
 */
function createOcvLookup(params: BatteryParams): { locate(socFraction: number): void; readonly at: Readonly<{ cellV: number; currentLimitFloorW: number }> } {
  const { socFraction: xs, cellV: ys } = params.ocv;
  const n = xs.length;
  let increasing = true;
  for (let i = 1; i < n; i++) if (!(xs[i]! > xs[i - 1]!)) increasing = false;
  // Per segment i (between points i − 1 and i; 0 and n for the flat ends): currentLimitedW at the segment's lowest
  // voltage, less a relative 1e-9 for the rounding of the interpolation. currentLimitedW rises with the OCV.
  const floorW = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const lowV = i === 0 ? ys[0]! : i === n ? ys[n - 1]! : Math.min(ys[i - 1]!, ys[i]!);
    // Without increasing SOC points a segment's interpolation is no mean of its ends: no floor then.
    floorW[i] = increasing ? currentLimitedW(params, params.seriesCells * lowV) * (1 - 1e-9) : -Infinity;
  }
  const at = { segment: 1, cellV: 0.5, currentLimitFloorW: 0.5 };
  const locate = (socFraction: number): void => {
    if (socFraction <= xs[0]!) {
      at.segment = 0;
      at.cellV = ys[0]!;
    } else if (socFraction >= xs[n - 1]!) {
      at.segment = n;
      at.cellV = ys[n - 1]!;
    } else {
      let i = at.segment;
      if (!increasing || i < 1 || i > n - 1 || !(xs[i - 1]! < socFraction && socFraction <= xs[i]!)) {
        // As ocvCellV: the first point at or above the SOC, xs[i − 1] < socFraction ≤ xs[i].
        let lo = 0;
        i = n - 1;
        while (i - lo > 1) {
          const mid = (lo + i) >> 1;
          if (xs[mid]! < socFraction) lo = mid;
          else i = mid;
        }
        at.segment = i;
      }
      const x0 = xs[i - 1]!;
      const x1 = xs[i]!;
      const y0 = ys[i - 1]!;
      at.cellV = y0 + ((ys[i]! - y0) * (socFraction - x0)) / (x1 - x0);
    }
    at.currentLimitFloorW = floorW[at.segment]!;
  };
  return { locate, at };
}

/** Rejects a non-finite command or a bad step. The messages are built elsewhere: small checks inline in V8. */
function checkStep(commandW: number, dtS: number): void {
  if (!Number.isFinite(commandW) || !(dtS >= 0) || !Number.isFinite(dtS)) rejectStep(commandW, dtS);
}

function rejectStep(commandW: number, dtS: number): never {
  if (!Number.isFinite(commandW)) {
    throw new SimError('SIM_ERR_INVALID_COMMAND', `Failed to step the battery: the power command ${commandW} is not a finite number.`);
  }
  throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to step the battery: the step ${dtS} s must be a finite number ≥ 0.`);
}

function dischargeLimitAt(params: BatteryParams, soc: number, ocvPackV: number): number {
  if (soc <= params.socMin) return 0;
  const derate = clamp01((soc - params.socMin) / (params.socDischargeDerate - params.socMin));
  let limitW = params.dischargeRatedW * Math.max(params.chargeTaperFloor, derate);
  if (Number.isFinite(params.dischargeCurrentLimitA)) {
    limitW = Math.min(limitW, acPowerForDcW(params, params.dischargeCurrentLimitA * ocvPackV));
  }
  return limitW;
}

/** A step's result before it becomes a BatteryStep: the new state's numbers and what the step did. */
interface Outcome {
  energyWh: number;
  polarisationV: number;
  currentA: number;
  acW: number;
  chemWh: number;
  selfDischargeWh: number;
  auxFromGridWh: number;
  limitReached: BatteryStep['limitReached'];
}

function newOutcome(): Outcome {
  // Fractional initial values give V8 double fields from the start.
  return { energyWh: 0.5, polarisationV: 0.5, currentA: 0.5, acW: 0.5, chemWh: 0.5, selfDischargeWh: 0.5, auxFromGridWh: 0.5, limitReached: null };
}

/**
 * The step itself (physics.md §2.2), split where the pack reaches a bound: the limits [W] and the pack's
 * open-circuit voltage [V] are those at the step's start, and `decay.factor` is exp(−dtS/τ_RC). Writes into `out`.
 */
function advanceInto(
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
