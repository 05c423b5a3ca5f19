/**
 * Shared ground of the arbitrage planners (docs/physics.md §5.4): the inputs, the plan, the converter loss model
 * and the evaluation every plan is judged by. Pure.
 *
 * Energy model: the AC power P (+ = discharge) moves P + L(P) out of the store, with the converter loss
 * L(P) = p0 + k1·|P| + k2·P² while |P| > 0 (docs/physics.md §2.2). Standby draw and self-discharge are left out:
 * they are the same whatever the plan, so they change no decision.
 *
 * Value [€]: cash from the slots (a discharged MWh earns its slot's price, a charged one pays it), minus wear
 * per discharged MWh, plus the change of stored energy valued at the terminal price times the best discharge
 * efficiency (what the energy could at best be sold for later). Without that last term an optimiser would
 * dump the battery at the end of every horizon.
 */
import { ControllerError, rejectUnknownKeys, requireNumber } from './errors.ts';

/** Converter loss L(P) = p0 + k1·|P| + k2·P² [W], only while the converter switches. */
export interface ConverterLoss {
  readonly p0W: number;
  readonly k1: number;
  readonly k2PerW: number;
}

export interface PlanBattery {
  /** Usable capacity [Wh]. */
  readonly capacityWh: number;
  /** The plan keeps the SOC within [socMinFraction, socMaxFraction]. */
  readonly socMinFraction: number;
  readonly socMaxFraction: number;
  /** Largest AC charge and discharge power [W], both ≥ 0. */
  readonly chargeMaxW: number;
  readonly dischargeMaxW: number;
  readonly loss: ConverterLoss;
}

export interface PlanInputs {
  /** Price per slot [€/MWh], the first slot starting now. */
  readonly pricesEurPerMWh: readonly number[];
  /** Slot length [s]; default 900 (15-minute day-ahead prices since 1 Oct 2025). */
  readonly slotS?: number;
  /** SOC at the start of the first slot [fraction]. */
  readonly socFraction: number;
  readonly battery: PlanBattery;
  /** Wear and margin per discharged AC MWh [€/MWh]; default 0 (docs/physics.md §5.4 suggests 20–50 with margin). */
  readonly cycleCostEurPerMWh?: number;
  /** Price that values the energy left at the end [€/MWh]; default the median of the prices. */
  readonly terminalPriceEurPerMWh?: number;
}

/** Inputs with every default filled in and checked. */
export interface ResolvedPlanInputs extends Required<PlanInputs> {}

/** A plan: AC power per slot [W], + = discharge. */
export interface Plan {
  readonly slotS: number;
  readonly powerW: readonly number[];
}

export type PlanViolationKind = 'charge-above-limit' | 'discharge-above-limit' | 'soc-below-min' | 'soc-above-max';

export interface PlanViolation {
  readonly slot: number;
  readonly kind: PlanViolationKind;
}

export interface PlanEvaluation {
  /** Cash over the slots [€], + = earned. */
  readonly cashEur: number;
  /** Wear cost [€], ≥ 0. */
  readonly wearEur: number;
  /** Value of the change of stored energy [€]. */
  readonly terminalEur: number;
  /** cash − wear + terminal [€]: what the planners maximise. */
  readonly valueEur: number;
  /** Stored energy and SOC at each slot boundary (length slots + 1). */
  readonly energyWh: readonly number[];
  readonly socFraction: readonly number[];
  readonly violations: readonly PlanViolation[];
}

const WHAT = 'the arbitrage plan';
const INPUT_KEYS = ['pricesEurPerMWh', 'slotS', 'socFraction', 'battery', 'cycleCostEurPerMWh', 'terminalPriceEurPerMWh'];
const BATTERY_KEYS = ['capacityWh', 'socMinFraction', 'socMaxFraction', 'chargeMaxW', 'dischargeMaxW', 'loss'];
/** Slack for floating-point rounding when checking limits [W, Wh]. */
const SLACK = 1e-6;

export function resolvePlanInputs(inputs: PlanInputs): ResolvedPlanInputs {
  rejectUnknownKeys(WHAT, inputs, INPUT_KEYS);
  const b = inputs.battery;
  rejectUnknownKeys(`${WHAT}'s battery`, b, BATTERY_KEYS);
  rejectUnknownKeys(`${WHAT}'s loss model`, b.loss, ['p0W', 'k1', 'k2PerW']);
  requireNumber(WHAT, 'battery.capacityWh', b.capacityWh, 1e-3, 1e9);
  requireNumber(WHAT, 'battery.socMinFraction', b.socMinFraction, 0, 1);
  requireNumber(WHAT, 'battery.socMaxFraction', b.socMaxFraction, b.socMinFraction, 1);
  requireNumber(WHAT, 'battery.chargeMaxW', b.chargeMaxW, 0, 1e9);
  requireNumber(WHAT, 'battery.dischargeMaxW', b.dischargeMaxW, 0, 1e9);
  requireNumber(WHAT, 'battery.loss.p0W', b.loss.p0W, 0, 1e6);
  requireNumber(WHAT, 'battery.loss.k1', b.loss.k1, 0, 0.99);
  requireNumber(WHAT, 'battery.loss.k2PerW', b.loss.k2PerW, 0, 1);
  const prices = inputs.pricesEurPerMWh;
  if (prices.length === 0 || prices.some((p) => !Number.isFinite(p))) {
    throw new ControllerError('CONTROL_ERR_INVALID_PRICES', `Failed to plan: the prices must be a non-empty list of finite €/MWh values, got [${prices.slice(0, 4).join(', ')}${prices.length > 4 ? ', …' : ''}]. Pass one price per slot.`);
  }
  return Object.freeze({
    pricesEurPerMWh: prices,
    slotS: requireNumber(WHAT, 'slotS', inputs.slotS ?? 900, 1, 86_400),
    socFraction: requireNumber(WHAT, 'socFraction', inputs.socFraction, 0, 1),
    battery: b,
    cycleCostEurPerMWh: requireNumber(WHAT, 'cycleCostEurPerMWh', inputs.cycleCostEurPerMWh ?? 0, 0, 1e5),
    terminalPriceEurPerMWh: requireNumber(WHAT, 'terminalPriceEurPerMWh', inputs.terminalPriceEurPerMWh ?? median(prices), -1e5, 1e5),
  });
}

/** Converter loss at an AC power [W]; zero while idle. */
export function lossW(loss: ConverterLoss, acW: number): number {
  if (acW === 0) return 0;
  const p = Math.abs(acW);
  return loss.p0W + loss.k1 * p + loss.k2PerW * p * p;
}

/** Power out of the store for an AC power [W], + = out: P + L(P). */
export function storePowerW(loss: ConverterLoss, acW: number): number {
  return acW + lossW(loss, acW);
}

/** The best discharge efficiency AC/store over (0, maxW]: at P* = √(p0/k2), the converter's sweet spot. */
export function bestDischargeEfficiency(loss: ConverterLoss, maxW: number): number {
  if (maxW <= 0) return 0;
  const sweetW = loss.k2PerW > 0 ? Math.sqrt(loss.p0W / loss.k2PerW) : maxW;
  const p = Math.min(maxW, sweetW);
  return p / storePowerW(loss, p);
}

/** Replays a plan from the inputs' SOC: its value, its SOC trajectory and every limit it breaks. */
export function evaluatePlan(planInputs: PlanInputs, plan: Plan): PlanEvaluation {
  const inputs = resolvePlanInputs(planInputs);
  const { battery: b, pricesEurPerMWh: prices } = inputs;
  if (plan.powerW.length !== prices.length || plan.slotS !== inputs.slotS) {
    throw new ControllerError('CONTROL_ERR_INVALID_PLAN', `Failed to evaluate the plan: it has ${plan.powerW.length} slots of ${plan.slotS} s, the prices ${prices.length} of ${inputs.slotS} s. Plan and evaluate with the same inputs.`);
  }
  const slotH = inputs.slotS / 3600;
  const minWh = b.socMinFraction * b.capacityWh;
  const maxWh = b.socMaxFraction * b.capacityWh;
  const energyWh = [inputs.socFraction * b.capacityWh];
  const violations: PlanViolation[] = [];
  let cashEur = 0;
  let wearEur = 0;
  plan.powerW.forEach((w, slot) => {
    if (!Number.isFinite(w)) {
      throw new ControllerError('CONTROL_ERR_INVALID_PLAN', `Failed to evaluate the plan: slot ${slot} holds ${w}, not a finite power in W. Fix the planner that made it.`);
    }
    if (w < -b.chargeMaxW - SLACK) violations.push({ slot, kind: 'charge-above-limit' });
    if (w > b.dischargeMaxW + SLACK) violations.push({ slot, kind: 'discharge-above-limit' });
    const before = energyWh[slot]!;
    const after = before - storePowerW(b.loss, w) * slotH;
    // A slot that moves the SOC towards the window is fine even if the start lay outside it.
    if (w !== 0 && after < minWh - SLACK && after < before) violations.push({ slot, kind: 'soc-below-min' });
    if (w !== 0 && after > maxWh + SLACK && after > before) violations.push({ slot, kind: 'soc-above-max' });
    energyWh.push(after);
    cashEur += (prices[slot]! * w * slotH) / 1e6;
    if (w > 0) wearEur += (inputs.cycleCostEurPerMWh * w * slotH) / 1e6;
  });
  const etaD = bestDischargeEfficiency(b.loss, b.dischargeMaxW);
  const terminalEur = ((energyWh[energyWh.length - 1]! - energyWh[0]!) * etaD * inputs.terminalPriceEurPerMWh) / 1e6;
  return {
    cashEur,
    wearEur,
    terminalEur,
    valueEur: cashEur - wearEur + terminalEur,
    energyWh,
    socFraction: energyWh.map((e) => e / b.capacityWh),
    violations,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
