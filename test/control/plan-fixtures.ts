/** Planner inputs built from the simulator's battery parameters and seeded price days. */
import type { PlanBattery } from '../../clients/control/index.ts';
import { createPriceGenerator, DEFAULT_START_MS, HOMEVOLT_BATTERY, SESSY_BATTERY, type BatteryParams } from '../../simulator/core/index.ts';

/**
 * The window where the simulator gives full power: above the discharge derate, below the charge taper
 * (docs/physics.md §2.5). A plan that relied on the taper would ask for power the battery cannot give.
 */
export function planBatteryOf(params: BatteryParams): PlanBattery {
  return {
    capacityWh: params.capacityWh,
    socMinFraction: params.socDischargeDerate,
    socMaxFraction: params.socChargeTaper,
    chargeMaxW: params.chargeRatedW,
    dischargeMaxW: params.dischargeRatedW,
    loss: { p0W: params.lossP0W, k1: params.lossK1, k2PerW: params.lossK2PerW },
  };
}

export const PLAN_BATTERIES = { sessy: planBatteryOf(SESSY_BATTERY), homevolt: planBatteryOf(HOMEVOLT_BATTERY) } as const;

/** `days` consecutive local days of seeded 15-minute prices [€/MWh], from the default start. */
export function seededPriceDays(seed: number, days: number): number[][] {
  const source = createPriceGenerator(seed);
  const out: number[][] = [];
  for (let d = 0; d < days; d++) {
    out.push(source.dayPrices(DEFAULT_START_MS + d * 86_400_000 + 12 * 3_600_000).map((s) => s.eurPerMWh));
  }
  return out;
}
