/** The meter's /_sim/ control plane: the same as the other emulators', over the meter's model. */
import { describe, expect, it } from 'vitest';
import { createMeterHarness, nomBody } from './harness.ts';

describe('/_sim/ on the meter', () => {
  it('GET /_sim/state shows the meter’s reading, grid target and dongles in SI units', async () => {
    const h = await createMeterHarness();
    await h.advance(10);
    const state = await h.simState();
    expect(state).toMatchObject({ device: 'sessy-meter', variant: 'p1', p1State: 'P1_OK', gridSource: 'own household', gridTargetW: 0, nom: { forgetAfterS: 30, dongles: [] } });
    expect(state.gridW).toBeCloseTo(state.loadW - state.pvW, 6);
  });

  it('POST /_sim/state {"loadW"} sets the household the meter reads', async () => {
    const h = await createMeterHarness({ site: { pv: { peakW: 0 } } });
    await h.advance(10);
    const r = await h.app.inject({ method: 'POST', url: '/_sim/state', payload: { loadW: 2500 } });
    expect(r.statusCode).toBe(200);
    await h.advance(1);
    expect((await h.json('/api/v2/p1/details')).power_total).toBe(2500);
  });

  it('a reboot fault restarts the meter: no telegram for a few seconds, every dongle forgotten, grid_target kept', async () => {
    const h = await createMeterHarness();
    await h.advance(10);
    await h.post('/api/v1/meter/grid_target', '{"grid_target":700}');
    await h.app.inject({ method: 'POST', url: '/api/v1/nom/power', payload: nomBody('DREBOOT1') });
    await h.app.inject({ method: 'POST', url: '/_sim/faults', payload: { type: 'reboot' } });
    expect((await h.json('/api/v2/p1/details')).state).toBe('P1_NOT_CONNECTED');
    expect((await h.simState()).nom.dongles).toEqual([]);
    expect((await h.json('/api/v1/meter/grid_target')).grid_target).toBe(700);
    await h.advance(5);
    expect((await h.json('/api/v2/p1/details')).state).toBe('P1_OK');
  });

  it('POST /_sim/reset goes back to the seeded start, with the same serial', async () => {
    const h = await createMeterHarness();
    const serial = h.device().identity.serial;
    await h.advance(100);
    await h.post('/api/v1/meter/grid_target', '{"grid_target":700}');
    const r = await h.app.inject({ method: 'POST', url: '/_sim/reset' });
    expect(r.statusCode).toBe(200);
    expect(h.device().identity.serial).toBe(serial);
    expect(h.device().gridTargetW()).toBe(0);
  });

  it('serves the meter’s spec under /_sim/docs/', async () => {
    const h = await createMeterHarness();
    const r = await h.app.inject({ method: 'GET', url: '/_sim/docs/spec/vendor.yaml' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('/api/v1/nom/power');
  }, 30_000);

  it('an error fault on a path answers as the firmware would (text/html, connection closed)', async () => {
    const h = await createMeterHarness();
    await h.app.inject({ method: 'POST', url: '/_sim/faults', payload: { type: 'error', status: 500, scope: { path: '/api/v2/p1/details', count: 1 } } });
    const r = await h.get('/api/v2/p1/details');
    expect(r.statusCode).toBe(500);
    expect(r.headers['content-type']).toBe('text/html');
    expect((await h.get('/api/v2/p1/details')).statusCode).toBe(200);
  });
});
