import { describe, expect, it } from 'vitest';
import { evaluatePlan, planBlockHeuristic, planHeuristic, planOptimal, type PlanInputs } from '../../clients/control/index.ts';
import { converterLossW, SESSY_BATTERY } from '../../simulator/core/index.ts';
import { PLAN_BATTERIES, seededPriceDays } from './plan-fixtures.ts';

/**
 * Value, as plan.ts counts it: cash of the slots at the day-ahead price, plus the change of stored energy at
 * the day's median price times the best discharge efficiency. Each day starts at SOC 0.5; values are summed
 * over 30 seeded days (from 1 June 2026) and compared in total.
 */
const DAYS = seededPriceDays(7, 30);

describe.each(['sessy', 'homevolt'] as const)('arbitrage plans for %s over 30 seeded price days', (device) => {
  const results = DAYS.map((prices) => {
    const inputs: PlanInputs = { pricesEurPerMWh: prices, socFraction: 0.5, battery: PLAN_BATTERIES[device] };
    return { heuristic: evaluatePlan(inputs, planHeuristic(inputs)), optimum: evaluatePlan(inputs, planOptimal(inputs)) };
  });

  it('earns with the heuristic at least 90 % of the optimum’s value', () => {
    const heuristicEur = results.reduce((s, r) => s + r.heuristic.valueEur, 0);
    const optimumEur = results.reduce((s, r) => s + r.optimum.valueEur, 0);
    expect(optimumEur).toBeGreaterThan(0);
    expect(heuristicEur / optimumEur).toBeGreaterThanOrEqual(0.9);
  });

  it('never violates the SOC window or the power limits with either plan', () => {
    for (const r of results) {
      expect(r.heuristic.violations).toEqual([]);
      expect(r.optimum.violations).toEqual([]);
      for (const soc of [...r.heuristic.socFraction, ...r.optimum.socFraction]) {
        expect(soc).toBeGreaterThanOrEqual(PLAN_BATTERIES[device].socMinFraction - 1e-9);
        expect(soc).toBeLessThanOrEqual(PLAN_BATTERIES[device].socMaxFraction + 1e-9);
      }
    }
  });

  it('earns at least as much with the optimum as with the heuristic, to the grid’s resolution, every day', () => {
    // The DP moves energy in steps of 0.5 % of capacity; the heuristic moves any amount. 0.2 % of a day's
    // value bounds what that quantisation can cost (measured: at most 0.09 %, Homevolt).
    for (const r of results) expect(r.optimum.valueEur).toBeGreaterThanOrEqual(r.heuristic.valueEur - 0.002 * Math.abs(r.optimum.valueEur));
  });
});

describe('planOptimal', () => {
  it('does nothing on a flat price series', () => {
    for (const socFraction of [0.08, 0.5, 0.95]) {
      const inputs: PlanInputs = { pricesEurPerMWh: new Array<number>(96).fill(87.5), socFraction, battery: PLAN_BATTERIES.sessy };
      expect(planOptimal(inputs).powerW.every((w) => w === 0)).toBe(true);
    }
  });

  it('charges in the cheap slots and discharges in the dear ones of a two-level day', () => {
    const prices = [...new Array<number>(48).fill(10), ...new Array<number>(48).fill(200)];
    const plan = planOptimal({ pricesEurPerMWh: prices, socFraction: 0.08, battery: PLAN_BATTERIES.sessy });
    expect(plan.powerW.slice(0, 48).every((w) => w <= 0)).toBe(true);
    expect(plan.powerW.slice(48).every((w) => w >= 0)).toBe(true);
    expect(plan.powerW.some((w) => w < 0) && plan.powerW.some((w) => w > 0)).toBe(true);
  });

  it('starts from a SOC outside the window by moving towards it only', () => {
    const inputs: PlanInputs = { pricesEurPerMWh: seededPriceDays(7, 1)[0]!, socFraction: 0.02, battery: PLAN_BATTERIES.sessy };
    expect(evaluatePlan(inputs, planOptimal(inputs)).violations).toEqual([]);
  });
});

describe('planBlockHeuristic (one block of cheapest and dearest slots, docs/physics.md §5.4a)', () => {
  it('keeps to the limits but finds only one of a solar day’s cycles', () => {
    let blockEur = 0;
    let optimumEur = 0;
    for (const prices of DAYS.slice(0, 10)) {
      const inputs: PlanInputs = { pricesEurPerMWh: prices, socFraction: 0.5, battery: PLAN_BATTERIES.sessy };
      const block = evaluatePlan(inputs, planBlockHeuristic(inputs));
      expect(block.violations).toEqual([]);
      blockEur += block.valueEur;
      optimumEur += evaluatePlan(inputs, planOptimal(inputs)).valueEur;
    }
    expect(blockEur).toBeGreaterThan(0);
    expect(blockEur / optimumEur).toBeLessThan(0.9);
  });
});

describe('evaluatePlan', () => {
  const inputs: PlanInputs = { pricesEurPerMWh: [50, 100, 150, 100], socFraction: 0.5, battery: PLAN_BATTERIES.sessy };

  it('uses the simulator’s converter loss model', () => {
    const evaluation = evaluatePlan(inputs, { slotS: 900, powerW: [-2200, 0, 1700, 0] });
    const storedWh = (2200 - converterLossW(SESSY_BATTERY, -2200)) * 0.25 - (1700 + converterLossW(SESSY_BATTERY, 1700)) * 0.25;
    expect(evaluation.energyWh[4]! - evaluation.energyWh[0]!).toBeCloseTo(storedWh, 9);
    expect(evaluation.cashEur).toBeCloseTo((-50 * 2200 * 0.25 + 150 * 1700 * 0.25) / 1e6, 12);
  });

  it('reports power above the limits and SOC outside the window, slot by slot', () => {
    const over = evaluatePlan(inputs, { slotS: 900, powerW: [-3000, 0, 2000, 0] });
    expect(over.violations).toEqual([
      { slot: 0, kind: 'charge-above-limit' },
      { slot: 2, kind: 'discharge-above-limit' },
    ]);
    const empty = evaluatePlan({ ...inputs, socFraction: 0.1 }, { slotS: 900, powerW: [1700, 1700, 0, 0] });
    expect(empty.violations).toContainEqual({ slot: 0, kind: 'soc-below-min' });
  });

  it('rejects a plan that does not fit the prices', () => {
    expect(() => evaluatePlan(inputs, { slotS: 900, powerW: [0, 0] })).toThrow(expect.objectContaining({ code: 'CONTROL_ERR_INVALID_PLAN' }));
  });

  it('rejects prices that are empty or not finite', () => {
    for (const prices of [[], [1, Number.NaN]]) {
      expect(() => planHeuristic({ ...inputs, pricesEurPerMWh: prices })).toThrow(expect.objectContaining({ code: 'CONTROL_ERR_INVALID_PRICES' }));
    }
  });

  it('rejects out-of-range inputs and unknown keys', () => {
    expect(() => planOptimal({ ...inputs, socFraction: 1.2 })).toThrow(expect.objectContaining({ code: 'CONTROL_ERR_INVALID_PARAMETER' }));
    expect(() => planOptimal({ ...inputs, slot: 900 } as never)).toThrow(expect.objectContaining({ code: 'CONTROL_ERR_UNKNOWN_OPTION' }));
  });
});
