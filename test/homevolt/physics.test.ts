import { afterEach, describe, expect, it } from 'vitest';
import { frequencyStep } from '../../simulator/core/index.ts';
import { createHarness, enableLocal, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

/** The relations of docs/homevolt.md §3.2 that hold exactly in every real sample. */
function expectRelations(ems: any): void {
  for (const unit of [...ems.ems, ems.aggregated]) {
    const p = unit.ems_prediction;
    expect(unit.ems_data.avail_cap).toBe(p.avail_ch_energy + p.avail_di_energy);
  }
  for (const unit of ems.ems) {
    const modules = unit.bms_data;
    expect(modules.reduce((a: number, m: any) => a + m.energy_avail, 0)).toBe(unit.ems_prediction.avail_di_energy);
    for (const m of modules) expect(Math.abs(m.energy_avail - (m.soc / 10000) * (unit.ems_data.avail_cap / 2))).toBeLessThanOrEqual(1);
    expect(Math.abs(unit.ems_data.soc_avg - (modules[0].soc + modules[1].soc) / 2)).toBeLessThanOrEqual(1);
    const battery = ems.sensors.find((s: any) => s.function === 'battery' && s.euid === `0000${unit.ecu_id}`);
    expect(battery.total_power).toBe(unit.ems_data.power);
  }
  const total = (fn: string) => ems.sensors.filter((s: any) => s.function === fn).reduce((a: number, s: any) => a + s.total_power, 0);
  expect(total('load')).toBe(-(total('grid') + total('solar') + total('battery')));
  expect(ems.aggregated.ems_data.soc_avg).toBe(Math.floor(ems.ems.reduce((a: number, u: any) => a + u.ems_data.soc_avg, 0) / ems.ems.length));
}

describe('physics on the wire', () => {
  it('keeps the §3.2 relations in every response over a simulated day of charge and discharge with two units', async () => {
    h = await createHarness({ units: 2, initialSoc: 0.4 });
    await enableLocal(h);
    const plan = ['sched_set 1 -s 8000', 'sched_set 2 -s 5000', 'sched_set 0', 'sched_set 2 -s 12000'];
    for (let hour = 0; hour < 24; hour++) {
      if (hour % 6 === 0) await h.console(plan[hour / 6]!);
      h.advance(3600);
      expectRelations(await h.getJson('/ems.json'));
    }
  });

  it('makes module SOCs converge while the battery cycles (docs/physics.md §2.8)', async () => {
    h = await createHarness({ initialSoc: 0.5 });
    const spread = async () => {
      const m = (await h.getJson('/ems.json')).ems[0].bms_data;
      return Math.abs(m[0].soc - m[1].soc);
    };
    const before = await spread();
    expect(before).toBeGreaterThan(20);
    await enableLocal(h);
    await h.console('sched_set 1 -s 6000');
    h.advance(3 * 3600);
    expect(await spread()).toBeLessThan(before / 2);
  });

  it('reports SI state through GET /_sim/state and moves time with POST /_sim/clock/advance', async () => {
    h = await createHarness();
    const set = await h.app.inject({ method: 'POST', url: '/_sim/state', payload: { soc: 0.25 } });
    expect(set.statusCode).toBe(200);
    expect((await h.getJson('/ems.json')).ems[0].ems_data.soc_avg).toBe(2500);
    const adv = await h.app.inject({ method: 'POST', url: '/_sim/clock/advance', payload: { seconds: 90 } });
    expect(adv.json().nowMs).toBe(h.device.site.config.startMs + 90_000);
    expect((await h.getJson('/ems.json')).ts).toBe((h.device.site.config.startMs + 90_000) / 1000);
  });

  it('never serves a stale /ems.json: a change without time passing shows at once', async () => {
    h = await createHarness({ initialSoc: 0.5 });
    expect((await h.getJson('/ems.json')).ems[0].ems_data.soc_avg).toBe(5000);
    await h.app.inject({ method: 'POST', url: '/_sim/state', payload: { soc: 0.9 } });
    expect((await h.getJson('/ems.json')).ems[0].ems_data.soc_avg).toBe(9000);
    h.device.site.setLoadOverride(4321);
    h.device.site.setPvOverride(0);
    const load = (await h.getJson('/ems.json')).sensors.find((s: any) => s.function === 'load');
    expect(load.total_power).toBe(-4321);
  });

  it('shows the empty-battery state of the captures at 0 % SOC', async () => {
    h = await createHarness({ initialSoc: 0 });
    const unit = (await h.getJson('/ems.json')).ems[0];
    expect(unit.ems_data).toMatchObject({ state_str: 'Throttled', warning: 64, soc_avg: 0 });
    expect(unit.ems_prediction.avail_di_pwr).toBe(0);
  });

  it('is deterministic for a seed: the same seed gives the same identity and payload', async () => {
    const a = await createHarness({ seed: 7 });
    const b = await createHarness({ seed: 7 });
    const c = await createHarness({ seed: 8 });
    a.advance(600);
    b.advance(600);
    expect(await a.getJson('/ems.json')).toEqual(await b.getJson('/ems.json'));
    expect((await a.getJson('/ems.json')).ems[0].ecu_id).not.toBe((await c.getJson('/ems.json')).ems[0].ecu_id);
    expect((await a.getJson('/ems.json')).ems[0].ecu_id).toMatch(/^[0-9a-f]{12}$/);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('reflects a grid trip in /ems.json, the error report and the error history', async () => {
    h = await createHarness();
    await enableLocal(h);
    await h.console('sched_set 2 -s 3000');
    h.advance(10);
    h.device.site.frequency.setOverride(frequencyStep(h.device.site.now() + 1000, 47.0, 5));
    // Trip after 0.1 s below 47.5 Hz; the inverter then slews to 0 (690 W/s) and stays off 60 s in band.
    h.advance(8);
    const ems = await h.getJson('/ems.json');
    expect(ems.ems[0].ems_data.alarm_str).toEqual(['EMS_ALARM_GRID_FAULT']);
    expect(Math.abs(ems.ems[0].ems_data.power)).toBeLessThan(50);
    const report = (await h.getJson('/error_report.json')) as any[];
    expect(report.find((i) => i.error_name === 'ems_alarm')).toMatchObject({ activated: 'error', details: ['EMS_ALARM_GRID_FAULT'] });
    const history = (await h.getJson('/error_history.json?severity=ERROR')) as any[];
    expect(history.at(-1).message).toMatch(/^Grid trip at 47\.000 Hz/);
  });
});
