/**
 * How the meter shares the grid target among the dongles in NOM (docs/sessy.md §6, docs/physics.md §4.5). Pure.
 *
 * The rule [A: the firmware's rule is not known; this one is the community's, PimDoos' "X on the meter" blueprint]:
 * 1. The batteries together should deliver T = Σ sessy_power_w + (grid − grid_target): what the house draws
 *    beyond the target with the batteries' own power taken out. It does not depend on how far the batteries have
 *    got, so nothing winds up while they ramp.
 * 2. An overridden dongle keeps its override and its power is not shared; a dongle that cannot move in T's
 *    direction (full for charging, empty for discharging) gets 0.
 * 3. One more battery is recruited per `optimalPowerW` (1200 W, Sessy's efficiency sweet spot, ha-sessy #80) of
 *    |T|: a small demand runs one battery near its best efficiency rather than several in their deadzone. Those
 *    recruited first are the fullest when discharging and the emptiest when charging, so the SOCs converge; ties
 *    go by unique_id.
 * 4. The recruited share |T| equally; one that reaches its limit keeps its limit and the rest is shared again,
 *    recruiting further batteries while some remains. What all of them cannot take shows on the grid.
 * 5. A share below the dongle's min_power_w is 0 (its deadzone).
 * 6. Main fuse: while charging, the busiest phase's headroom to `gridLimitA` is split among the charging
 *    batteries (`current_limit` [A]); a charge share never draws more than that at the dongle's AC voltage.
 */
import type { NomEntry } from './nom-registry.ts';

export interface NomShareParams {
  /** Demand per recruited battery [W]; default 1200. */
  readonly optimalPowerW: number;
  /** The main fuse per phase [A]; 0 = no limit. */
  readonly gridLimitA: number;
}

export const DEFAULT_NOM_SHARE: NomShareParams = Object.freeze({ optimalPowerW: 1200, gridLimitA: 25 });

export interface NomShareInputs {
  /** Net grid power the meter reads [W], + = import. */
  readonly gridW: number;
  /** `grid_target` [W], + = aim to import. */
  readonly gridTargetW: number;
  /** The largest import current of any phase now [A] (0 when every phase exports). */
  readonly maxPhaseImportA: number;
  /** Nominal voltage when a dongle sends none [V]. */
  readonly nominalVoltageV: number;
  readonly dongles: Iterable<NomEntry>;
}

/** One dongle's answer, SI units. */
export interface NomShare {
  /** `power_target_w`: what this battery should deliver [W], + = discharge. */
  readonly powerTargetW: number;
  /** `baseline_power_w`: the equal share of T among the recruited batteries, before limits and deadzone [W] [A]. */
  readonly baselinePowerW: number;
  /** `current_limit`: the AC current this battery may charge with before the main fuse [A] [A]. */
  readonly currentLimitA: number;
}

export interface NomShareResult {
  /** T: what the batteries together should deliver [W], + = discharge. */
  readonly totalTargetW: number;
  readonly shares: ReadonlyMap<string, NomShare>;
}

export function shareGridTarget(params: NomShareParams, inputs: NomShareInputs): NomShareResult {
  const entries = [...inputs.dongles];
  let totalTargetW = inputs.gridW - inputs.gridTargetW;
  for (const e of entries) totalTargetW += e.report.powerW;
  let sharedW = totalTargetW;
  for (const e of entries) if (e.report.overridden) sharedW -= e.report.powerW;

  const discharging = sharedW > 0;
  const voltageOf = (e: NomEntry): number => (e.report.acVoltageV > 0 ? e.report.acVoltageV : inputs.nominalVoltageV);
  const free = entries.filter((e) => !e.report.overridden && capOf(e, discharging) > 0);

  // Main fuse: the headroom of the busiest phase, split among the batteries that may charge, plus what each draws now.
  const chargingCount = Math.max(1, free.length);
  const headroomA = params.gridLimitA > 0 ? params.gridLimitA - inputs.maxPhaseImportA : Infinity;
  const currentLimitOf = (e: NomEntry): number => {
    const ownChargeA = Math.max(0, -e.report.powerW) / voltageOf(e);
    const limitA = Math.max(0, ownChargeA + headroomA / chargingCount);
    return Math.min(limitA, e.report.maxChargePowerW / voltageOf(e));
  };
  const capW = new Map<string, number>();
  for (const e of free) capW.set(e.report.uniqueId, discharging ? e.report.maxDischargePowerW : Math.min(e.report.maxChargePowerW, currentLimitOf(e) * voltageOf(e)));

  const order = [...free].sort((a, b) => {
    const bySoc = discharging ? b.report.socFraction - a.report.socFraction : a.report.socFraction - b.report.socFraction;
    return bySoc !== 0 ? bySoc : a.report.uniqueId < b.report.uniqueId ? -1 : a.report.uniqueId > b.report.uniqueId ? 1 : 0;
  });
  const demandW = Math.abs(sharedW);
  const recruited = Math.min(order.length, Math.max(1, Math.ceil(demandW / params.optimalPowerW)));
  const baselineW = order.length === 0 ? 0 : demandW / recruited;
  const magnitude = fillEqually(order.map((e) => capW.get(e.report.uniqueId)!), recruited, demandW);

  const sign = discharging ? 1 : -1;
  const rank = new Map<NomEntry, number>(order.map((e, i) => [e, i]));
  const shares = new Map<string, NomShare>();
  for (const e of entries) {
    const id = e.report.uniqueId;
    const currentLimitA = currentLimitOf(e);
    if (e.report.overridden) {
      shares.set(id, { powerTargetW: e.report.overridePowerW, baselinePowerW: e.report.overridePowerW, currentLimitA });
      continue;
    }
    const i = rank.get(e) ?? -1;
    const w = i >= 0 ? magnitude[i]! : 0;
    shares.set(id, {
      powerTargetW: w < e.report.minPowerW ? 0 : sign * w,
      baselinePowerW: i >= 0 && i < recruited ? sign * baselineW : 0,
      currentLimitA,
    });
  }
  return { totalTargetW, shares };
}

function capOf(e: NomEntry, discharging: boolean): number {
  return discharging ? e.report.maxDischargePowerW : e.report.maxChargePowerW;
}

/**
 * Water-filling: `demandW` shared equally among the first `recruited` of `caps`; one at its cap keeps it and the
 * rest is shared again; while some remains with all recruited at their caps, the next one is recruited.
 */
function fillEqually(caps: readonly number[], recruited: number, demandW: number): number[] {
  const out = caps.map(() => 0);
  let active = Math.min(recruited, caps.length);
  let remaining = demandW;
  const open = new Set<number>();
  for (let i = 0; i < active; i++) open.add(i);
  while (remaining > 1e-9 && open.size > 0) {
    const each = remaining / open.size;
    let saturated = false;
    for (const i of [...open]) {
      const take = Math.min(each, caps[i]! - out[i]!);
      out[i]! += take;
      remaining -= take;
      if (caps[i]! - out[i]! <= 1e-9) {
        open.delete(i);
        saturated = true;
      }
    }
    if (open.size === 0 && remaining > 1e-9 && active < caps.length) open.add(active++);
    else if (!saturated) break;
  }
  return out;
}
