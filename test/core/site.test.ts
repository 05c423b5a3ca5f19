import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildSiteConfig,
  createSite,
  type ControlInputs,
  type Controller,
  type DeviceKind,
  type MeterKey,
  type SiteOptions,
  type SiteSnapshot,
} from '../../simulator/core/index.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** Net-zero-on-the-meter with K = 1, as in the Sessy XoM blueprint (docs/physics.md §4.5). */
const nom: Controller = (i) => i.batteryW + i.gridW;

function createNomSite(device: DeviceKind, options: SiteOptions = {}) {
  const site = createSite(buildSiteConfig(device, options));
  site.setController(nom);
  return site;
}

/** Snapshots every `everyMs` over `spanMs`. */
function trajectory(site: ReturnType<typeof createSite>, spanMs: number, everyMs: number): SiteSnapshot[] {
  const snaps: SiteSnapshot[] = [];
  const start = site.now();
  for (let t = start + everyMs; t <= start + spanMs; t += everyMs) {
    site.stepTo(t);
    snaps.push(site.snapshot());
  }
  return snaps;
}

const METER_KEYS: readonly MeterKey[] = ['battery', 'grid', 'gridL1', 'gridL2', 'gridL3', 'pv'];

describe('createSite: invariants of docs/physics.md §6', () => {
  describe.each<[DeviceKind, SiteOptions]>([
    ['sessy', { seed: 11, initialSoc: 0.2 }],
    ['homevolt', { seed: 12, initialSoc: 0.9, startMs: Date.UTC(2026, 0, 10) }],
  ])('a %s site under NOM control for three days at 1 s', (device, options) => {
    const site = createNomSite(device, options);
    const capacityWh = site.config.battery.capacityWh;
    const first = site.snapshot();
    let snaps: SiteSnapshot[] = [];
    beforeAll(() => {
      snaps = trajectory(site, 3 * 24 * HOUR_MS, MINUTE_MS);
    });

    it('cycles the battery: it charges from PV and discharges into the load', () => {
      const socs = snaps.map((s) => s.socFraction);
      expect(Math.max(...socs) - Math.min(...socs)).toBeGreaterThan(0.2);
    });

    it('keeps SOC, and the stored energy, within [0, 1]', () => {
      for (const s of snaps) {
        expect(s.socFraction).toBeGreaterThanOrEqual(0);
        expect(s.socFraction).toBeLessThanOrEqual(1);
        expect(s.energyWh).toBeGreaterThanOrEqual(0);
        expect(s.energyWh).toBeLessThanOrEqual(capacityWh);
      }
    });

    it('never decreases a meter register', () => {
      let previous = first;
      for (const s of snaps) {
        for (const key of METER_KEYS) {
          expect(s.meters[key].importWh).toBeGreaterThanOrEqual(previous.meters[key].importWh);
          expect(s.meters[key].exportWh).toBeGreaterThanOrEqual(previous.meters[key].exportWh);
        }
        previous = s;
      }
    });

    it('balances the battery’s energy: ΔE = −(chemWh + selfDischargeWh) within 1e-6 relative', () => {
      for (const s of snaps) {
        const deltaWh = s.energyWh - first.energyWh;
        // Relative to the energy that moved through the cells: the charge and the discharge are both in chemWh.
        const scaleWh = Math.max(capacityWh, Math.abs(s.chemWh), s.meters.battery.importWh + s.meters.battery.exportWh);
        expect(Math.abs(deltaWh + s.chemWh + s.selfDischargeWh)).toBeLessThanOrEqual(1e-6 * scaleWh);
      }
    });

    it('nets the grid: grid = load − PV − battery, and the phases sum to the total', () => {
      for (const s of snaps) {
        expect(s.gridW).toBeCloseTo(s.loadW - s.pvW - s.batteryW, 6);
        expect(s.gridPhaseW[0]! + s.gridPhaseW[1]! + s.gridPhaseW[2]!).toBeCloseTo(s.gridW, 6);
        expect(s.loadPhaseW[0]! + s.loadPhaseW[1]! + s.loadPhaseW[2]!).toBeCloseTo(s.loadW, 6);
      }
    });

    it('keeps the phase voltages within 230 V ± 10 % (EN 50160)', () => {
      for (const s of snaps) for (const v of s.phaseVoltageV) expect(Math.abs(v - 230)).toBeLessThan(23);
    });
  });
});

describe('createSite: step size', () => {
  /** Charge at 2200 W from SOC 0.5 for 90 min (into the taper above 0.95), idle 30 min, discharge at 1500 W for 60 min. */
  const scenarioSoc = (maxStepS: number): number[] => {
    const site = createSite(buildSiteConfig('sessy', { seed: 1, maxStepS }));
    const start = site.now();
    site.setController((i: ControlInputs) => {
      const minutes = (i.tMs - start) / MINUTE_MS;
      return minutes < 90 ? -2200 : minutes < 120 ? 0 : minutes < 180 ? 1500 : 0;
    });
    return [90, 120, 180].map((m) => {
      site.stepTo(start + m * MINUTE_MS);
      return site.snapshot().socFraction;
    });
  };
  let fine: number[] = [];
  beforeAll(() => {
    fine = scenarioSoc(0.1);
  });

  // 1 s against 0.1 s: only the actuator's lag (τ = 1 s) and slew are resolved differently, a few Wh·s per
  // setpoint change: measured 3e-5; allowed 1e-4 (0.5 Wh).
  it('ends at the same SOC with 1 s and 0.1 s sub-steps, within 1e-4', () => {
    scenarioSoc(1).forEach((soc, i) => expect(Math.abs(soc - fine[i]!)).toBeLessThan(1e-4));
  });

  // 60 s against 0.1 s: the limits hold for a whole step (explicit Euler), and in the taper the charge limit
  // decays with τ ≈ 8 min, so 60 s steps fill the last 5 % about 2 Wh early; the actuator's lag vanishes
  // inside one step. Measured 4.5e-4; allowed 1e-3 (5 Wh of 5000).
  it('ends at the same SOC with 60 s and 0.1 s sub-steps, within 1e-3', () => {
    scenarioSoc(60).forEach((soc, i) => expect(Math.abs(soc - fine[i]!)).toBeLessThan(1e-3));
  });

  it('reached the taper in the scenario, so the test covers it', () => {
    expect(fine[0]).toBeGreaterThan(0.95);
  });
});

describe('createSite: determinism', () => {
  it('gives bit-identical snapshots for the same seed', () => {
    const a = trajectory(createNomSite('sessy', { seed: 5 }), 6 * HOUR_MS, 5 * MINUTE_MS);
    const b = trajectory(createNomSite('sessy', { seed: 5 }), 6 * HOUR_MS, 5 * MINUTE_MS);
    expect(a).toEqual(b);
  });

  it('gives other trajectories for another seed', () => {
    const a = trajectory(createNomSite('sessy', { seed: 5 }), HOUR_MS, 5 * MINUTE_MS);
    const b = trajectory(createNomSite('sessy', { seed: 6 }), HOUR_MS, 5 * MINUTE_MS);
    expect(a.map((s) => s.freqHz)).not.toEqual(b.map((s) => s.freqHz));
    expect(a.map((s) => s.loadW)).not.toEqual(b.map((s) => s.loadW));
  });

  it('gives the same trajectory however the same span is cut into stepTo calls', () => {
    const once = createNomSite('sessy', { seed: 5 });
    once.stepTo(once.now() + HOUR_MS);
    const often = createNomSite('sessy', { seed: 5 });
    for (let i = 1; i <= 3600; i++) often.stepTo(often.config.startMs + i * 1000);
    expect(often.snapshot()).toEqual(once.snapshot());
  });
});

describe('createSite: the Sessy round trip', () => {
  it('returns 0.80 ± 0.02 of the AC energy at rated power: 2200 W from empty to full, 1700 W back to empty (docs/physics.md §6.7)', () => {
    const site = createSite(buildSiteConfig('sessy', { initialSoc: 0 }));
    let phase = 'charge' as 'charge' | 'discharge' | 'done';
    site.setController((i) => {
      if (phase === 'charge' && i.socFraction >= 1 - 1e-6) phase = 'discharge';
      if (phase === 'discharge' && i.socFraction <= 0) phase = 'done';
      return phase === 'charge' ? -2200 : phase === 'discharge' ? 1700 : 0;
    });
    while (phase !== 'done' && site.now() - site.config.startMs < 24 * HOUR_MS) site.stepTo(site.now() + MINUTE_MS);
    expect(phase).toBe('done');
    const { importWh, exportWh } = site.snapshot().meters.battery;
    expect(importWh).toBeGreaterThan(5000);
    // Measured 0.817: docs/physics.md's 0.807 includes 12 h of idle standby between the halves.
    expect(exportWh / importWh).toBeGreaterThan(0.78);
    expect(exportWh / importWh).toBeLessThan(0.82);
  });
});

describe('createSite: controls', () => {
  it('draws standby from the grid when empty: 8 Wh an hour on the battery’s import meter', () => {
    const site = createSite(buildSiteConfig('sessy', { initialSoc: 0 }));
    site.stepTo(site.now() + HOUR_MS);
    const s = site.snapshot();
    expect(s.meters.battery.importWh).toBeCloseTo(8, 9);
    expect(s.meters.battery.exportWh).toBe(0);
    expect(s.energyWh).toBe(0);
  });

  it('replaces the modelled load and PV with overrides, and nets them on the grid', () => {
    const site = createSite(buildSiteConfig('sessy'));
    site.setLoadOverride(900);
    site.setPvOverride(2500);
    site.stepTo(site.now() + 10_000);
    const s = site.snapshot();
    expect(s.loadW).toBe(900);
    expect(s.pvW).toBe(2500);
    expect(s.gridW).toBeCloseTo(-1600, 9);
    site.setLoadOverride(null);
    site.setPvOverride(null);
    site.stepTo(site.now() + 1000);
    expect(site.snapshot().loadW).not.toBe(900);
  });

  it('holds the grid near zero under NOM while the battery has room (docs/physics.md §4.5)', () => {
    const site = createNomSite('sessy', { initialSoc: 0.5 });
    site.setPvOverride(0);
    site.setLoadOverride(800);
    site.stepTo(site.now() + MINUTE_MS);
    expect(Math.abs(site.snapshot().gridW)).toBeLessThan(1);
    expect(site.snapshot().batteryW).toBeCloseTo(800, 0);
  });

  it('applies setSoc and setTemperature at once', () => {
    const site = createSite(buildSiteConfig('sessy'));
    site.setSoc(0.25);
    site.setTemperature(6);
    const s = site.snapshot();
    expect(s.socFraction).toBe(0.25);
    expect(s.tempC).toBe(6);
    expect(s.chargeLimitW).toBeCloseTo(1100, 9);
  });

  it('rolls the meters back to the last persisted snapshot on a hard power-off', () => {
    const site = createNomSite('sessy', { meterPersistIntervalS: 900 });
    site.stepTo(site.now() + 15 * MINUTE_MS);
    const atPersist = site.snapshot().meters;
    site.stepTo(site.now() + 5 * MINUTE_MS);
    expect(site.meters.persistedAtMs).toBe(site.config.startMs + 15 * MINUTE_MS);
    expect(site.snapshot().meters).not.toEqual(atPersist);
    site.meters.rollback();
    expect(site.snapshot().meters).toEqual(atPersist);
  });
});
