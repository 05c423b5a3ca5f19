/**
 * The "N cheapest / N most expensive" arbitrage heuristic (docs/physics.md §5.4a), the schedule style Sessy's ROI
 * strategy shows: whole slots at full power. Charge in the n_c cheapest slots, discharge in the n_d dearest,
 * where n_c and n_d are the slots that fill and empty the SOC window; keep the pair only if the spread pays
 * for the round trip and the wear. A chronological pass then cuts a slot short where the SOC would leave the
 * window, and slots so lost are re-picked from the next cheapest or dearest until nothing more fits.
 *
 * One block of charge and one of discharge per horizon: on days with two price valleys (night, solar noon)
 * it earns only about 55–60 % of the optimum, which is why `planHeuristic` pairs slots instead.
 */
import { bestDischargeEfficiency, lossW, resolvePlanInputs, storePowerW, type Plan, type PlanInputs } from './plan.ts';
import { chargePowerToStoreW, dischargePowerFromStoreW } from './plan-optimal.ts';

/** At most this many re-picks; each adds one slot, so a day of 96 slots needs far fewer. */
const MAX_REPICKS = 200;

export function planBlockHeuristic(planInputs: PlanInputs): Plan {
  const inputs = resolvePlanInputs(planInputs);
  const { battery: b, pricesEurPerMWh: prices } = inputs;
  const slots = prices.length;
  const slotH = inputs.slotS / 3600;
  const usableWh = (b.socMaxFraction - b.socMinFraction) * b.capacityWh;
  const idle: Plan = { slotS: inputs.slotS, powerW: new Array<number>(slots).fill(0) };
  if (usableWh <= 0 || b.chargeMaxW <= 0 || b.dischargeMaxW <= 0) return idle;

  const etaC = (b.chargeMaxW - lossW(b.loss, -b.chargeMaxW)) / b.chargeMaxW;
  const etaD = b.dischargeMaxW / storePowerW(b.loss, b.dischargeMaxW);
  if (etaC <= 0) return idle;
  const nC = Math.min(slots, Math.ceil(usableWh / (etaC * b.chargeMaxW * slotH)));
  const nD = Math.min(slots, Math.ceil((usableWh * etaD) / (b.dischargeMaxW * slotH)));

  const byPrice = prices.map((_, i) => i).sort((x, y) => prices[x]! - prices[y]! || x - y);
  const cheap = new Set(byPrice.slice(0, nC));
  const dear = new Set(byPrice.filter((i) => !cheap.has(i)).slice(-nD));
  const mean = (set: Set<number>): number => [...set].reduce((s, i) => s + prices[i]!, 0) / Math.max(1, set.size);
  // The spread test of §5.4a. The initial charge above the window's floor may be sold on its own, at η_d.
  const spreadPays = mean(dear) * etaC * etaD - mean(cheap) > inputs.cycleCostEurPerMWh;
  const floorPrice = (inputs.terminalPriceEurPerMWh * bestDischargeEfficiency(b.loss, b.dischargeMaxW)) / etaD;
  if (!spreadPays) {
    cheap.clear();
    for (const i of [...dear]) if (prices[i]! - inputs.cycleCostEurPerMWh <= floorPrice) dear.delete(i);
  }

  const minWh = b.socMinFraction * b.capacityWh;
  const maxWh = b.socMaxFraction * b.capacityWh;
  const pass = (): { powerW: number[]; lostCharge: number; lostDischarge: number } => {
    const powerW: number[] = [];
    let energyWh = inputs.socFraction * b.capacityWh;
    let lostCharge = 0;
    let lostDischarge = 0;
    for (let i = 0; i < slots; i++) {
      let w = 0;
      if (cheap.has(i)) {
        w = -Math.min(b.chargeMaxW, chargePowerToStoreW(b.loss, Math.max(0, (maxWh - energyWh) / slotH)));
        if (w === 0) lostCharge++;
      } else if (dear.has(i)) {
        w = Math.min(b.dischargeMaxW, dischargePowerFromStoreW(b.loss, Math.max(0, (energyWh - minWh) / slotH)));
        if (w === 0) lostDischarge++;
      }
      powerW.push(w);
      energyWh -= storePowerW(b.loss, w) * slotH;
    }
    return { powerW, lostCharge, lostDischarge };
  };

  // Re-pick: a lost discharge slot is replaced by the dearest unused slot, a lost charge slot by the cheapest,
  // as long as the pair still pays for itself; stop at the first re-pick that does not raise the plan's value.
  let result = pass();
  const unused = (i: number): boolean => !cheap.has(i) && !dear.has(i);
  for (let n = 0; n < MAX_REPICKS && spreadPays && (result.lostCharge > 0 || result.lostDischarge > 0); n++) {
    const dropped = [...cheap, ...dear].filter((i) => result.powerW[i] === 0);
    const candidates = byPrice.filter(unused);
    const nextCheap = candidates[0];
    const nextDear = candidates[candidates.length - 1];
    if (nextCheap === undefined || nextDear === undefined) break;
    for (const i of dropped) {
      cheap.delete(i);
      dear.delete(i);
    }
    if (result.lostDischarge > 0 && prices[nextDear]! * etaC * etaD - mean(cheap) > inputs.cycleCostEurPerMWh) dear.add(nextDear);
    if (result.lostCharge > 0 && mean(dear) * etaC * etaD - prices[nextCheap]! > inputs.cycleCostEurPerMWh) cheap.add(nextCheap);
    const next = pass();
    if (value(next.powerW) <= value(result.powerW)) break;
    result = next;
  }
  return { slotS: inputs.slotS, powerW: result.powerW };

  function value(powerW: readonly number[]): number {
    let energyWh = inputs.socFraction * b.capacityWh;
    let eur = 0;
    powerW.forEach((w, i) => {
      eur += (prices[i]! * w * slotH) / 1e6 - (w > 0 ? (inputs.cycleCostEurPerMWh * w * slotH) / 1e6 : 0);
      energyWh -= storePowerW(b.loss, w) * slotH;
    });
    return eur + (energyWh * floorPrice * etaD) / 1e6;
  }
}
