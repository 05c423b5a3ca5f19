import { describe, expect, it } from 'vitest';
import { buildSharedGridConfig, buildSiteConfig, createSharedGrid, createSite, SimError, type ControlInputs, type Controller } from '../../simulator/core/index.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** A Sessy battery config on phase `phase`, from seed `seed`. */
const sessyOn = (phase: number, seed: number | string, initialSoc = 0.5) => ({ ...buildSiteConfig('sessy', { seed, initialSoc }), batteryPhase: phase });

describe('createSharedGrid: one household, several batteries', () => {
  it('reads the same household and PV as a one-battery site with the same seed (the same models, not copies)', () => {
    const options = { seed: 7, household: { phases: 3 }, pv: { phase: 0 } } as const;
    const site = createSite(buildSiteConfig('homevolt', options));
    const grid = createSharedGrid(buildSharedGridConfig(options));
    grid.attach('hv', buildSiteConfig('homevolt', options));
    const start = site.now();
    for (let t = start + HOUR_MS; t <= start + 14 * HOUR_MS; t += HOUR_MS) {
      site.stepTo(t);
      grid.stepTo(t);
      expect(grid.snapshot().loadW).toBe(site.snapshot().loadW);
      expect(grid.snapshot().pvW).toBe(site.snapshot().pvW);
      expect(grid.snapshot().gridW).toBeCloseTo(site.snapshot().gridW, 9);
    }
  });

  it('nets every battery on its own phase: grid_L = load_L − PV_L − Σ battery_L, and the phases sum to the total', () => {
    const grid = createSharedGrid(buildSharedGridConfig({ seed: 3, pv: { peakW: 3000 }, startMs: Date.UTC(2026, 5, 1, 9) }));
    const commands = [600, -900, 300];
    commands.forEach((w, i) => grid.attach(`b${i + 1}`, sessyOn(i + 1, i)).setController(() => w));
    const start = grid.now();
    for (let t = start + MINUTE_MS; t <= start + 2 * HOUR_MS; t += 7 * MINUTE_MS) {
      grid.stepTo(t);
      const s = grid.snapshot();
      for (let i = 0; i < 3; i++) {
        expect(s.gridPhaseW[i]).toBeCloseTo(s.loadPhaseW[i]! - s.pvW / 3 - s.batteries[i]!.batteryW, 6);
      }
      expect(s.gridPhaseW[0]! + s.gridPhaseW[1]! + s.gridPhaseW[2]!).toBeCloseTo(s.gridW, 6);
      expect(s.gridW).toBeCloseTo(s.loadW - s.pvW - s.batteriesW, 6);
      expect(s.batteriesW).toBeCloseTo(s.batteries.reduce((sum, b) => sum + b.batteryW, 0), 9);
    }
    expect(grid.snapshot().batteries.map((b) => Math.round(b.batteryW))).toEqual(commands);
  });

  it('gives every battery the same grid reading at a sub-step, the one at the end of the previous sub-step', () => {
    const grid = createSharedGrid(buildSharedGridConfig({ seed: 4 }));
    const seen: number[][] = [[], []];
    const record = (k: number): Controller => (i: ControlInputs) => {
      seen[k]!.push(i.gridW);
      return k === 0 ? 500 : 0;
    };
    grid.attach('a', sessyOn(1, 'a')).setController(record(0));
    grid.attach('b', sessyOn(2, 'b')).setController(record(1));
    grid.stepTo(grid.now() + 30_000);
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toHaveLength(30);
  });

  it('keeps each battery its own: SOC, setSoc and meters of one leave the others alone', () => {
    const grid = createSharedGrid(buildSharedGridConfig({ seed: 5 }));
    const a = grid.attach('a', sessyOn(1, 'a', 0.5));
    const b = grid.attach('b', sessyOn(1, 'b', 0.5));
    a.setController(() => -2000);
    grid.stepTo(grid.now() + HOUR_MS);
    b.setSoc(0.2);
    expect(a.snapshot().socFraction).toBeGreaterThan(0.6);
    expect(b.snapshot().socFraction).toBeCloseTo(0.2, 6);
    expect(a.snapshot().meters.battery.importWh).toBeGreaterThan(1500);
    expect(b.snapshot().meters.battery.importWh).toBeLessThan(50);
    // Both batteries see the one household: a load override on either is the grid's.
    a.setLoadOverride(1234);
    expect(b.snapshot().loadW).toBe(1234);
  });

  it('holds the grid near 0 when three batteries each take a third of the error (zero on the meter, shared)', () => {
    const grid = createSharedGrid(buildSharedGridConfig({ seed: 6, pv: { peakW: 0 } }));
    grid.setLoadOverride(2400);
    const sites = [1, 2, 3].map((p) => grid.attach(`s${p}`, sessyOn(p, p)));
    // Each moves by half its third of the error per second: K = 0.5 over the three (docs/physics.md §4.5).
    for (const site of sites) site.setController((i) => i.batteryW + (0.5 * i.gridW) / 3);
    grid.stepTo(grid.now() + 5 * MINUTE_MS);
    const s = grid.snapshot();
    expect(Math.abs(s.gridW)).toBeLessThan(50);
    for (const b of s.batteries) expect(b.batteryW).toBeCloseTo(800, -1);
  });

  it('lets each device bring its own view to the grid’s time: a view behind catches up without stepping the grid back', () => {
    const grid = createSharedGrid(buildSharedGridConfig({ seed: 8 }));
    const a = grid.attach('a', sessyOn(1, 'a'));
    const b = grid.attach('b', sessyOn(1, 'b'));
    const start = grid.now();
    a.stepTo(start + 10_000);
    expect(grid.now()).toBe(start + 10_000);
    expect(b.now()).toBe(start);
    b.stepTo(start + 5_000);
    expect(grid.now()).toBe(start + 10_000);
    expect(b.now()).toBe(start + 5_000);
    expect(() => b.stepTo(start)).toThrow(SimError);
  });

  it('refuses a battery without a name or with a name already taken', () => {
    const grid = createSharedGrid(buildSharedGridConfig());
    grid.attach('s1', sessyOn(1, 1));
    expect(() => grid.attach('s1', sessyOn(2, 2))).toThrow(/name "s1" is empty or taken/);
    expect(() => grid.attach('', sessyOn(2, 2))).toThrow(/empty or taken/);
  });

  it('refuses unknown grid options, naming the key', () => {
    expect(() => buildSharedGridConfig({ sede: 1 } as never)).toThrow(/unknown option "sede"/);
  });

  it('counts the grid meter as the integral of the grid power', () => {
    const grid = createSharedGrid(buildSharedGridConfig({ seed: 9, pv: { peakW: 0 } }));
    grid.setLoadOverride(1000);
    grid.attach('s', sessyOn(1, 1)).setController(() => 400);
    grid.stepTo(grid.now() + HOUR_MS);
    const m = grid.snapshot().meters.grid;
    // 1000 W load less a battery that ramps to 400 W within seconds, plus its small auxiliary draw.
    expect(m.importWh).toBeGreaterThan(595);
    expect(m.importWh).toBeLessThan(615);
    expect(m.exportWh).toBe(0);
  });
});
