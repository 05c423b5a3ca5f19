/**
 * The cheapest/priciest heuristic at slot granularity: pair the cheapest slot with the priciest one, then the
 * next pair, and so on, each pair moving as much energy as the slots' power and the SOC window between them
 * allow, as long as the spread pays for the round trip and the wear (docs/physics.md §5.4a's test, per pair).
 * Pairs are ranked by their margin per stored Wh; a discharge may come before its charge when there is
 * energy in the battery. The energy at the start and the end is priced at the terminal value (plan.ts), so
 * selling what is there, or filling up for later, are pairs like any other.
 * Unlike one block of n_c cheapest and n_d priciest slots (plan-block-heuristic.ts) it finds the two cycles of
 * a day with a solar trough: night → morning peak, noon → evening peak.
 */
import { bestDischargeEfficiency, lossW, resolvePlanInputs, storePowerW, type Plan, type PlanInputs } from './plan.ts';
import { chargePowerToStoreW, dischargePowerFromStoreW } from './plan-optimal.ts';

/** Passes over the ranked pairs: a later pair can free SOC room an earlier, skipped one needed. */
const PASSES = 4;
/** Amounts below this are not worth a pair [Wh]. */
const MIN_WH = 1e-6;

interface Pair {
  /** Charge slot, or −1 for the energy already stored. */
  readonly source: number;
  /** Discharge slot, or `slots` for keeping the energy past the horizon. */
  readonly sink: number;
  readonly marginEurPerWh: number;
}

export function planHeuristic(planInputs: PlanInputs): Plan {
  const inputs = resolvePlanInputs(planInputs);
  const { battery: b, pricesEurPerMWh: prices } = inputs;
  const slots = prices.length;
  const slotH = inputs.slotS / 3600;
  const minWh = b.socMinFraction * b.capacityWh;
  const maxWh = b.socMaxFraction * b.capacityWh;
  const powerW = new Array<number>(slots).fill(0);
  const chargeStoreWh = (b.chargeMaxW - lossW(b.loss, -b.chargeMaxW)) * slotH;
  const dischargeStoreWh = storePowerW(b.loss, b.dischargeMaxW) * slotH;
  if (chargeStoreWh <= 0 || dischargeStoreWh <= 0 || maxWh <= minWh) return { slotS: inputs.slotS, powerW };
  const etaC = chargeStoreWh / (b.chargeMaxW * slotH);
  const etaD = (b.dischargeMaxW * slotH) / dischargeStoreWh;
  const holdEurPerWh = (bestDischargeEfficiency(b.loss, b.dischargeMaxW) * inputs.terminalPriceEurPerMWh) / 1e6;

  // Per stored Wh: a charge slot costs p/η_c, a discharge slot earns (p − wear)·η_d.
  const costOf = (s: number): number => (s < 0 ? holdEurPerWh : prices[s]! / etaC / 1e6);
  const worthOf = (s: number): number => (s >= slots ? holdEurPerWh : ((prices[s]! - inputs.cycleCostEurPerMWh) * etaD) / 1e6);
  const pairs: Pair[] = [];
  for (let source = -1; source < slots; source++) {
    for (let sink = 0; sink <= slots; sink++) {
      if (source === sink || (source < 0 && sink >= slots)) continue;
      const marginEurPerWh = worthOf(sink) - costOf(source);
      if (marginEurPerWh > 1e-12) pairs.push({ source, sink, marginEurPerWh });
    }
  }
  pairs.sort((x, y) => y.marginEurPerWh - x.marginEurPerWh || x.source - y.source || x.sink - y.sink);

  // Stored energy moved per slot [Wh], + = into the store, and the energy at each slot boundary.
  const storedWh = new Array<number>(slots).fill(0);
  const energyWh = new Array<number>(slots + 1).fill(inputs.socFraction * b.capacityWh);
  const headroom = (from: number, to: number, raise: boolean): number => {
    let room = Infinity;
    for (let k = from; k <= to; k++) room = Math.min(room, raise ? maxWh - energyWh[k]! : energyWh[k]! - minWh);
    return Math.max(0, room);
  };

  for (let pass = 0; pass < PASSES; pass++) {
    let moved = false;
    for (const { source, sink } of pairs) {
      if (source >= 0 && storedWh[source]! < 0) continue;
      if (sink < slots && storedWh[sink]! > 0) continue;
      // The boundaries between the two slots rise (charge first) or fall (discharge first) by the amount.
      const [from, to, raise] =
        source < 0 ? [sink + 1, slots, false] : sink >= slots ? [source + 1, slots, true] : source < sink ? [source + 1, sink, true] : [sink + 1, source, false];
      const amountWh = Math.min(
        source >= 0 ? chargeStoreWh - storedWh[source]! : Infinity,
        sink < slots ? dischargeStoreWh + storedWh[sink]! : Infinity,
        headroom(from, to, raise),
      );
      if (!(amountWh > MIN_WH)) continue;
      if (source >= 0) storedWh[source] = storedWh[source]! + amountWh;
      if (sink < slots) storedWh[sink] = storedWh[sink]! - amountWh;
      for (let k = from; k <= to; k++) energyWh[k] = energyWh[k]! + (raise ? amountWh : -amountWh);
      moved = true;
    }
    if (!moved) break;
  }

  for (let i = 0; i < slots; i++) {
    const rateW = storedWh[i]! / slotH;
    const w = rateW > 0 ? -chargePowerToStoreW(b.loss, rateW) : rateW < 0 ? dischargePowerFromStoreW(b.loss, -rateW) : 0;
    powerW[i] = Math.min(b.dischargeMaxW, Math.max(-b.chargeMaxW, w));
  }
  return { slotS: inputs.slotS, powerW };
}
