/**
 * The meter coordinating dongles over HTTP (docs/sessy.md §6): each POST /api/v1/nom/power gets its share of the
 * grid target; setting grid_target moves every share; a silent dongle is forgotten and the others take over.
 */
import { describe, expect, it } from 'vitest';
import { createManualGridSource, createMeterHarness, nomBody } from './harness.ts';

async function meterWithGrid(gridW: number, options: { forgetAfterS?: number } = {}) {
  const grid = createManualGridSource({ powerW: [gridW, 0, 0] });
  const h = await createMeterHarness({ gridSource: grid.source, ...options });
  await h.advance(10); // past the first telegram
  const report = async (id: string, over: Record<string, unknown> = {}) => {
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/nom/power', payload: nomBody(id, over) });
    expect(r.statusCode, r.body).toBe(200);
    return JSON.parse(r.body) as { status: string; power_target_w: number; baseline_power_w: number; current_limit: number };
  };
  return { h, grid, report };
}

describe('POST /api/v1/nom/power', () => {
  it('answers the dongle’s share in the firmware’s fields, status first', async () => {
    const { report } = await meterWithGrid(800);
    const answer = await report('DAAA0001');
    expect(Object.keys(answer)).toEqual(['status', 'power_target_w', 'baseline_power_w', 'current_limit']);
    expect(answer).toMatchObject({ status: 'ok', power_target_w: 800, baseline_power_w: 800 });
    expect(Number.isInteger(answer.current_limit)).toBe(true);
  });

  it('shares 3000 W of import among three dongles, 1000 W each', async () => {
    const { report } = await meterWithGrid(3000);
    await report('DA');
    await report('DB');
    const c = await report('DC');
    expect(c.power_target_w).toBe(1000);
    expect((await report('DA')).power_target_w).toBe(1000);
  });

  it('moves every share when grid_target changes', async () => {
    const { h, report } = await meterWithGrid(0);
    for (const id of ['DA', 'DB', 'DC']) await report(id);
    const r = await h.post('/api/v1/meter/grid_target', '{"grid_target":-3300}');
    expect(r.statusCode).toBe(200);
    for (const id of ['DA', 'DB', 'DC']) expect((await report(id)).power_target_w).toBe(1100);
    await h.post('/api/v1/meter/grid_target', '{"grid_target":4500}');
    for (const id of ['DA', 'DB', 'DC']) expect((await report(id)).power_target_w).toBe(-1500);
  });

  it('forgets a dongle silent for longer than the timeout, and the others take over its share', async () => {
    const { h, report } = await meterWithGrid(3000, { forgetAfterS: 30 });
    for (const id of ['DA', 'DB', 'DC']) await report(id);
    for (let s = 0; s < 31; s++) {
      await h.advance(1);
      await report('DA');
      await report('DB');
    }
    expect(h.device().nomDongles().map((d) => d.report.uniqueId)).toEqual(['DA', 'DB']);
    expect((await report('DA')).power_target_w).toBe(1500);
  });

  it('works the shares out once per telegram (1 s): a report within the second is answered from them, the next second counts it', async () => {
    const { h, report } = await meterWithGrid(1000);
    expect((await report('DA')).power_target_w).toBe(1000);
    // The battery now says it delivers 500 W while the meter still reads 1000 W: a new share only with the next telegram.
    expect((await report('DA', { sessy_power_w: 500 })).power_target_w).toBe(1000);
    await h.advance(1);
    expect((await report('DA', { sessy_power_w: 500 })).power_target_w).toBe(1500);
  });

  it('keeps a dongle that reports within the timeout', async () => {
    const { h, report } = await meterWithGrid(3000, { forgetAfterS: 30 });
    await report('DA');
    await h.advance(30);
    expect(h.device().nomDongles()).toHaveLength(1);
  });

  it('counts the reported battery power: a house at 1000 W with one battery delivering 600 W reads 400 W and still asks 1000 W', async () => {
    const { report } = await meterWithGrid(400);
    expect((await report('DA', { sessy_power_w: 600 })).power_target_w).toBe(1000);
  });

  it('answers 0 to everyone while the meter has no telegram (after a reboot), and forgets every dongle', async () => {
    const { h, report } = await meterWithGrid(2000);
    await report('DA');
    const r = await h.app.inject({ method: 'POST', url: '/_sim/faults', payload: { type: 'reboot' } });
    expect(r.statusCode).toBe(201);
    expect(h.device().nomDongles()).toHaveLength(0);
    expect(await report('DA')).toMatchObject({ power_target_w: 0, baseline_power_w: 0 });
    await h.advance(6);
    expect((await report('DA')).power_target_w).toBe(1700); // 2000 W asked, at the battery's limit
  });

  it('shows each dongle and its share in /_sim/state', async () => {
    const { h, report } = await meterWithGrid(900);
    await report('DA', { state_of_charge: 0.8 });
    await report('DB', { state_of_charge: 0.3 });
    const state = await h.simState();
    expect(state.nom.dongles).toEqual([
      expect.objectContaining({ uniqueId: 'DA', powerTargetW: 900 }),
      expect.objectContaining({ uniqueId: 'DB', powerTargetW: 0 }),
    ]);
    expect(state.gridSource).toBe('injected');
  });
});
