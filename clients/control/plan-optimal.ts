/**
 * The reference arbitrage plan (docs/physics.md §5.4c): dynamic programming over a grid of stored energy.
 * The grid spans the SOC window in equal steps; an action moves the store from one grid point to another
 * within a slot, so every transition is exact (no interpolation) and its AC power follows from inverting
 * P + L(P) (docs/physics.md §2.2), which lets η(P) favour the converter's efficient middle. The starting energy
 * is one extra state, left by moving onto the grid or kept by idling, so the plan starts from the exact SOC.
 * V_N(E) = E·η_d,best·p_terminal (plan.ts); idling wins ties, so a flat price series leaves the battery alone.
 * Cost: slots × grid points × reachable points, about 10⁶ additions for a day of 15-minute slots.
 */
import { rejectUnknownKeys, requireNumber } from './errors.ts';
import { bestDischargeEfficiency, resolvePlanInputs, storePowerW, type ConverterLoss, type Plan, type PlanInputs } from './plan.ts';

export interface OptimalPlanOptions {
  /** Spacing of the SOC grid [fraction of capacity]; default 0.005 (docs/physics.md §5.4c). */
  readonly socStepFraction?: number;
}

/** A move must beat idling by this much to be taken [€]. */
const TIE_EUR = 1e-9;
const IDLE = 0;

export function planOptimal(planInputs: PlanInputs, options: OptimalPlanOptions = {}): Plan {
  rejectUnknownKeys('the optimal planner', options, ['socStepFraction']);
  const socStep = requireNumber('the optimal planner', 'socStepFraction', options.socStepFraction ?? 0.005, 1e-4, 0.5);
  const inputs = resolvePlanInputs(planInputs);
  const { battery: b, pricesEurPerMWh: prices, cycleCostEurPerMWh: wear } = inputs;
  const slots = prices.length;
  const slotH = inputs.slotS / 3600;
  const minWh = b.socMinFraction * b.capacityWh;
  const maxWh = b.socMaxFraction * b.capacityWh;
  const points = Math.max(1, Math.round((b.socMaxFraction - b.socMinFraction) / socStep) + 1);
  const stepWh = points > 1 ? (maxWh - minWh) / (points - 1) : 0;
  const startWh = inputs.socFraction * b.capacityWh;
  const holdEurPerWh = (bestDischargeEfficiency(b.loss, b.dischargeMaxW) * inputs.terminalPriceEurPerMWh) / 1e6;

  /** AC power [W] that moves the store by `deltaWh` in one slot, or NaN beyond the power limits. */
  const powerFor = (deltaWh: number): number => {
    if (deltaWh === 0) return 0;
    const w = deltaWh > 0 ? -chargePowerToStoreW(b.loss, deltaWh / slotH) : dischargePowerFromStoreW(b.loss, -deltaWh / slotH);
    return w === 0 || w < -b.chargeMaxW * (1 + 1e-12) || w > b.dischargeMaxW * (1 + 1e-12) ? NaN : w;
  };
  // Grid moves by k steps, k in [−down, up]: their powers do not depend on where they start.
  const moves: { k: number; powerW: number }[] = [];
  for (let k = 1; points > 1 && k < points && !Number.isNaN(powerFor(k * stepWh)); k++) moves.push({ k, powerW: powerFor(k * stepWh) });
  for (let k = 1; points > 1 && k < points && !Number.isNaN(powerFor(-k * stepWh)); k++) moves.push({ k: -k, powerW: powerFor(-k * stepWh) });
  const cashEur = (slot: number, w: number): number => ((prices[slot]! * w - (w > 0 ? wear * w : 0)) * slotH) / 1e6;

  // Full power and "exactly to the window's edge" rarely land on a grid point; they are tried too, valued by
  // linear interpolation between points, so quantising the grid does not cost the last part of each slot.
  const extraPowers = (energyWh: number): number[] => [
    -b.chargeMaxW,
    b.dischargeMaxW,
    -Math.min(b.chargeMaxW, chargePowerToStoreW(b.loss, (maxWh - energyWh) / slotH)),
    Math.min(b.dischargeMaxW, dischargePowerFromStoreW(b.loss, (energyWh - minWh) / slotH)),
  ];
  const valueAt = (v: Float64Array, energyWh: number): number => {
    if (points === 1) return v[0]! + (energyWh - minWh) * holdEurPerWh;
    const x = Math.min(points - 1, Math.max(0, (energyWh - minWh) / stepWh));
    const j = Math.min(points - 2, Math.floor(x));
    const f = x - j;
    // Outside the window (a start below or above it) the value runs on at the terminal price.
    const outsideWh = energyWh < minWh ? energyWh - minWh : energyWh > maxWh ? energyWh - maxWh : 0;
    return v[j]! * (1 - f) + v[j + 1]! * f + outsideWh * holdEurPerWh;
  };
  const allowed = (fromWh: number, toWh: number): boolean =>
    (toWh >= minWh - 1e-9 || toWh >= fromWh) && (toWh <= maxWh + 1e-9 || toWh <= fromWh);

  interface Choice {
    readonly powerW: number;
    readonly value: number;
  }
  /** The best power at a slot from an energy, against the next slot's values; idle wins ties. */
  const choose = (slot: number, energyWh: number, next: Float64Array, onPoint: number): Choice => {
    const idleValue = onPoint >= 0 ? next[onPoint]! : valueAt(next, energyWh);
    let best: Choice = { powerW: IDLE, value: idleValue };
    const consider = (w: number, value: number): void => {
      if (value - best.value > (best.powerW === IDLE ? TIE_EUR : 0)) best = { powerW: w, value };
    };
    if (onPoint >= 0) {
      for (const move of moves) {
        const target = onPoint + move.k;
        if (target >= 0 && target < points) consider(move.powerW, cashEur(slot, move.powerW) + next[target]!);
      }
    } else {
      for (let j = 0; j < points; j++) {
        const toWh = minWh + j * stepWh;
        const w = powerFor(toWh - energyWh);
        if (!Number.isNaN(w) && w !== 0 && allowed(energyWh, toWh)) consider(w, cashEur(slot, w) + next[j]!);
      }
    }
    for (const w of extraPowers(energyWh)) {
      if (w === 0 || !(w >= -b.chargeMaxW && w <= b.dischargeMaxW)) continue;
      const toWh = energyWh - storePowerW(b.loss, w) * slotH;
      if (allowed(energyWh, toWh)) consider(w, cashEur(slot, w) + valueAt(next, toWh));
    }
    return best;
  };

  const values: Float64Array[] = new Array(slots + 1);
  const last = new Float64Array(points);
  for (let j = 0; j < points; j++) last[j] = (minWh + j * stepWh) * holdEurPerWh;
  values[slots] = last;
  for (let i = slots - 1; i >= 0; i--) {
    const next = values[i + 1]!;
    const v = new Float64Array(points);
    for (let j = 0; j < points; j++) v[j] = choose(i, minWh + j * stepWh, next, j).value;
    values[i] = v;
  }

  // Forwards from the exact SOC: the plan only ever takes powers it has checked against the window.
  const powerW: number[] = [];
  let energyWh = startWh;
  for (let i = 0; i < slots; i++) {
    const { powerW: w } = choose(i, energyWh, values[i + 1]!, -1);
    powerW.push(w);
    energyWh -= storePowerW(b.loss, w) * slotH;
  }
  return { slotS: inputs.slotS, powerW };
}

/** The charge power [W, > 0] that adds `rateW` to the store: c − L(c) = rate, the smaller root; 0 if none. */
export function chargePowerToStoreW(loss: ConverterLoss, rateW: number): number {
  if (rateW <= 0) return 0;
  const a = loss.k2PerW;
  const b = -(1 - loss.k1);
  const c = loss.p0W + rateW;
  if (a === 0) return c / -b;
  const disc = b * b - 4 * a * c;
  return disc < 0 ? 0 : (-b - Math.sqrt(disc)) / (2 * a);
}

/** The discharge power [W, > 0] that takes `rateW` from the store: d + L(d) = rate; 0 if none. */
export function dischargePowerFromStoreW(loss: ConverterLoss, rateW: number): number {
  const a = loss.k2PerW;
  const b = 1 + loss.k1;
  const c = loss.p0W - rateW;
  if (c >= 0) return 0;
  return a === 0 ? -c / b : (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
}
