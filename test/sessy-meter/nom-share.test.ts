/** The meter's sharing rule (docs/sessy.md §6, simulator/devices/sessy-meter/nom-share.ts), as specifications. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_NOM_SHARE, shareGridTarget, type NomEntry, type NomReport } from '../../simulator/devices/sessy-meter/index.ts';

const report = (id: string, over: Partial<NomReport> = {}): NomEntry => ({
  receivedMs: 0,
  report: { uniqueId: id, socFraction: 0.5, powerW: 0, safetyState: null, minPowerW: 50, maxChargePowerW: 2200, maxDischargePowerW: 1700, overridden: false, overridePowerW: 0, acVoltageV: 230, gclData: null, ...over },
});
const share = (gridW: number, dongles: NomEntry[], { gridTargetW = 0, maxPhaseImportA = 0, params = DEFAULT_NOM_SHARE } = {}) =>
  shareGridTarget(params, { gridW, gridTargetW, maxPhaseImportA, nominalVoltageV: 230, dongles });
const targets = (r: ReturnType<typeof share>) => Object.fromEntries([...r.shares].map(([id, s]) => [id, Math.round(s.powerTargetW)]));

describe('shareGridTarget: what the batteries together should deliver', () => {
  it('asks for the grid import plus what the batteries already deliver', () => {
    expect(share(600, [report('A', { powerW: 400 }), report('B', { powerW: 400 })]).totalTargetW).toBe(1400);
  });

  it('aims at grid_target instead of zero: a target of +500 W import leaves 500 W on the grid', () => {
    expect(share(800, [report('A')], { gridTargetW: 500 }).totalTargetW).toBe(300);
  });

  it('does not depend on how far the batteries have ramped (no wind-up): same house, same total', () => {
    // House draws 1000 W net of PV. Batteries at 0 W → grid 1000; at 600 W → grid 400.
    expect(share(1000, [report('A', { powerW: 0 })]).totalTargetW).toBe(share(400, [report('A', { powerW: 600 })]).totalTargetW);
  });
});

describe('shareGridTarget: recruiting one battery per 1200 W', () => {
  it('runs a 900 W demand on one battery, the fullest, rather than three in their deadzone', () => {
    const r = share(900, [report('A', { socFraction: 0.4 }), report('B', { socFraction: 0.9 }), report('C', { socFraction: 0.6 })]);
    expect(targets(r)).toEqual({ A: 0, B: 900, C: 0 });
  });

  it('charges the emptiest first', () => {
    const r = share(-900, [report('A', { socFraction: 0.4 }), report('B', { socFraction: 0.2 }), report('C', { socFraction: 0.6 })]);
    expect(targets(r)).toEqual({ A: 0, B: -900, C: 0 });
  });

  it('shares 3000 W equally among three batteries (ceil(3000/1200) = 3)', () => {
    expect(targets(share(3000, [report('A'), report('B'), report('C')]))).toEqual({ A: 1000, B: 1000, C: 1000 });
  });

  it('shares 2000 W between two, leaving the third idle', () => {
    expect(targets(share(2000, [report('A', { socFraction: 0.3 }), report('B', { socFraction: 0.8 }), report('C', { socFraction: 0.7 })]))).toEqual({ A: 0, B: 1000, C: 1000 });
  });

  it('breaks SOC ties by unique_id, so the answer is the same whatever order the reports came in', () => {
    const a = targets(share(900, [report('B'), report('A')]));
    const b = targets(share(900, [report('A'), report('B')]));
    expect(a).toEqual({ A: 900, B: 0 });
    expect(b).toEqual(a);
  });
});

describe('shareGridTarget: limits', () => {
  it('gives a battery at its limit its limit and the rest to the others', () => {
    const r = share(3000, [report('A', { maxDischargePowerW: 300 }), report('B'), report('C')]);
    expect(targets(r)).toEqual({ A: 300, B: 1350, C: 1350 });
  });

  it('recruits another battery when those recruited are all at their limits', () => {
    // 1100 W asks for one battery; the fullest can give only 500, so the next one takes 600.
    const r = share(1100, [report('A', { socFraction: 0.9, maxDischargePowerW: 500 }), report('B', { socFraction: 0.5 })]);
    expect(targets(r)).toEqual({ A: 500, B: 600 });
  });

  it('leaves on the grid what no battery can take', () => {
    const r = share(6000, [report('A'), report('B')]);
    expect(targets(r)).toEqual({ A: 1700, B: 1700 });
  });

  it('gives 0 to a full battery when charging and to an empty one when discharging', () => {
    expect(targets(share(-1000, [report('A', { maxChargePowerW: 0, socFraction: 0.1 }), report('B', { socFraction: 0.9 })]))).toEqual({ A: 0, B: -1000 });
    expect(targets(share(1000, [report('A', { maxDischargePowerW: 0, socFraction: 0.9 }), report('B', { socFraction: 0.1 })]))).toEqual({ A: 0, B: 1000 });
  });

  it('answers 0 for a share below the dongle’s min_power_w', () => {
    expect(targets(share(40, [report('A')]))).toEqual({ A: 0 });
    expect(targets(share(60, [report('A')]))).toEqual({ A: 60 });
  });
});

describe('shareGridTarget: overrides', () => {
  it('keeps an overridden battery at its override and shares the rest among the others', () => {
    // Grid 500 W with A overridden to discharge 1000 W: the house draws 1500; B and C take the 500 left.
    const r = share(500, [report('A', { overridden: true, overridePowerW: 1000, powerW: 1000 }), report('B'), report('C')]);
    expect(targets(r)).toEqual({ A: 1000, B: 500, C: 0 });
  });
});

describe('shareGridTarget: main fuse', () => {
  it('limits charging so that the busiest phase stays under grid_limit', () => {
    // 20 A on the busiest phase, fuse 25 A: 5 A of headroom for one charging battery at 230 V = 1150 W.
    const r = share(-3000, [report('A')], { maxPhaseImportA: 20 });
    expect(r.shares.get('A')!.currentLimitA).toBeCloseTo(5);
    expect(r.shares.get('A')!.powerTargetW).toBeCloseTo(-1150);
  });

  it('splits the headroom among the batteries that may charge', () => {
    const r = share(-4000, [report('A'), report('B')], { maxPhaseImportA: 15 });
    expect(r.shares.get('A')!.currentLimitA).toBeCloseTo(5);
    expect(r.shares.get('B')!.currentLimitA).toBeCloseTo(5);
  });

  it('does not limit discharging', () => {
    expect(share(1000, [report('A')], { maxPhaseImportA: 30 }).shares.get('A')!.powerTargetW).toBe(1000);
  });

  it('has no limit beyond the battery’s own when grid_limit is 0', () => {
    const r = share(-3000, [report('A')], { maxPhaseImportA: 40, params: { ...DEFAULT_NOM_SHARE, gridLimitA: 0 } });
    expect(r.shares.get('A')!.powerTargetW).toBe(-2200);
  });
});

describe('shareGridTarget: baseline_power_w', () => {
  it('is the equal share among the recruited batteries before limits, 0 for the others', () => {
    const r = share(2000, [report('A', { socFraction: 0.9, maxDischargePowerW: 600 }), report('B', { socFraction: 0.8 }), report('C', { socFraction: 0.1 })]);
    expect(r.shares.get('A')!.baselinePowerW).toBe(1000);
    expect(r.shares.get('B')!.baselinePowerW).toBe(1000);
    expect(r.shares.get('C')!.baselinePowerW).toBe(0);
  });
});

describe('shareGridTarget: invariants', () => {
  it.each([-7000, -2500, -300, 0, 300, 2500, 7000])('never hands out more than asked, nor beyond a battery’s limits (demand %i W)', (gridW) => {
    const dongles = [report('A', { socFraction: 0.2, maxDischargePowerW: 900 }), report('B', { socFraction: 0.7, maxChargePowerW: 1000 }), report('C', { socFraction: 0.5 })];
    const r = share(gridW, dongles);
    const sum = [...r.shares.values()].reduce((a, s) => a + s.powerTargetW, 0);
    expect(Math.abs(sum)).toBeLessThanOrEqual(Math.abs(r.totalTargetW) + 1e-6);
    for (const d of dongles) {
      const t = r.shares.get(d.report.uniqueId)!.powerTargetW;
      expect(t).toBeLessThanOrEqual(d.report.maxDischargePowerW + 1e-6);
      expect(t).toBeGreaterThanOrEqual(-d.report.maxChargePowerW - 1e-6);
      if (gridW !== 0) expect(Math.sign(t) === 0 || Math.sign(t) === Math.sign(gridW)).toBe(true);
    }
  });
});
