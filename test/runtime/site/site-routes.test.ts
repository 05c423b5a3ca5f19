/**
 * A site's own control routes, on every device of it: GET /_sim/site, the `site` its devices' /_sim/state carry, and
 * each device's faults by name (/_sim/site/devices/{name}/faults), which act exactly as that device's /_sim/faults.
 * Answers are checked against openapi/sim-control.yaml.
 */
import { readFileSync } from 'node:fs';
import { OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSessy, type RunningEmulator } from '../../../simulator/index.ts';
import { startSite, type RunningSite } from '../../../simulator/runtime/site/start-site.ts';

const HOME = { seed: 18, household: { phases: 3 }, pv: { peakW: 0 }, meter: {}, sessys: [{ name: 's1', phase: 1 }, { name: 's2', phase: 2 }] };
const json = { 'content-type': 'application/json' };

let spec: OpenAPIBackend;
let site: RunningSite;
let alone: RunningEmulator;
beforeAll(async () => {
  spec = new OpenAPIBackend({ definition: parse(readFileSync(new URL('../../../openapi/sim-control.yaml', import.meta.url), 'utf8')), strict: true, quick: false });
  [site, alone] = await Promise.all([startSite(HOME), startSessy({ seed: 1 }), spec.init()]);
  await site.advance(5);
}, 60_000);
afterAll(async () => Promise.all([site?.close(), alone?.close()]));

async function answer(method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method, ...(body === undefined ? {} : { headers: json, body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: res.status, body: await res.json() };
}
function expectValid(operationId: string, res: { status: number; body: unknown }): void {
  expect(Object.keys(spec.getOperation(operationId)?.responses ?? {}), `${operationId} answers ${res.status}`).toContain(String(res.status));
  expect(spec.validateResponse(res.body, operationId, res.status).errors ?? []).toEqual([]);
}
const faultTypes = (name: string): string[] => site.device(name).control.faults().map((f) => f.spec.type);

describe('a site’s control routes', () => {
  it('say in /_sim/state that the device is part of a site and under which name; an emulator alone says nothing and has no /_sim/site', async () => {
    const state = await answer('GET', `${site.device('s2').url}/_sim/state`);
    expect(state.body).toMatchObject({ site: { name: 's2' } });
    expectValid('getSimState', state);
    expectValid('getSimSite', await answer('GET', `${site.meter!.url}/_sim/site`));
    const lone = await answer('GET', `${alone.url}/_sim/state`);
    expect(lone.body).not.toHaveProperty('site');
    // The device's own answer to a path it does not know.
    expect((await fetch(`${alone.url}/_sim/site`)).status).toBe(404);
  });

  it('take a dongle off the network from another device, and clear its faults, as its own /_sim/faults would', async () => {
    const added = await answer('POST', `${site.device('s1').url}/_sim/site/devices/s2/faults`, { type: 'network-loss', scope: { path: '*' } });
    expect(added.status).toBe(201);
    expectValid('addSimSiteFault', added);
    expect(faultTypes('s2')).toEqual(['network-loss']);
    expect(faultTypes('s1')).toEqual([]);
    const s2 = (site.state().devices as { name: string; online: boolean }[]).find((d) => d.name === 's2')!;
    expect(s2.online).toBe(false);
    const cleared = await answer('DELETE', `${site.meter!.url}/_sim/site/devices/s2/faults`);
    expectValid('clearSimSiteFaults', cleared);
    expect(faultTypes('s2')).toEqual([]);
  });

  it('reboot the meter from a dongle', async () => {
    await site.advance(30);
    const meterUptime = () => (site.state().devices as { kind: string; uptimeS: number }[]).find((d) => d.kind === 'sessy-meter')!.uptimeS;
    expect(meterUptime()).toBeGreaterThan(30);
    const rebooted = await answer('POST', `${site.device('s1').url}/_sim/site/devices/meter/faults`, { type: 'reboot' });
    expectValid('addSimSiteFault', rebooted);
    expect(meterUptime()).toBe(0);
  });

  it('reject an unknown device (404) and a malformed fault (400) with the control plane’s errors, changing nothing', async () => {
    const url = site.device('s1').url;
    const unknown = await answer('POST', `${url}/_sim/site/devices/nobody/faults`, { type: 'reboot' });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'SIM_ERR_NOT_FOUND' } } });
    expectValid('addSimSiteFault', unknown);
    expect((await answer('DELETE', `${url}/_sim/site/devices/nobody/faults`)).status).toBe(404);
    const deep = JSON.parse(`${'{"a":'.repeat(20)}1${'}'.repeat(20)}`);
    const tooDeep = await answer('POST', `${url}/_sim/site/devices/s2/faults`, { type: 'json-edit', set: { x: deep } });
    expect(tooDeep).toMatchObject({ status: 400, body: { error: { code: 'SIM_ERR_INPUT_LIMIT' } } });
    for (const bad of [{ type: 'meltdown' }, { type: 'error', status: 200 }, [1], { type: 'latency', scope: { path: 'x'.repeat(5000) } }]) {
      const res = await answer('POST', `${url}/_sim/site/devices/s2/faults`, bad);
      expect(res.status, JSON.stringify(bad).slice(0, 60)).toBe(400);
      expectValid('addSimSiteFault', res);
    }
    expect(faultTypes('s2')).toEqual([]);
  });

  it('need the control token when the site has one', async () => {
    const guarded = await startSite({ homevolts: [{ name: 'solo' }] }, { controlToken: 'tok-site-1' });
    try {
      const url = guarded.device('solo').url;
      const refused = await answer('POST', `${url}/_sim/site/devices/solo/faults`, { type: 'reboot' });
      expect(refused).toMatchObject({ status: 401, body: { error: { code: 'SIM_ERR_UNAUTHORIZED' } } });
      expect((await fetch(`${url}/_sim/site/devices/solo/faults`, { method: 'DELETE' })).status).toBe(401);
      const allowed = await fetch(`${url}/_sim/site/devices/solo/faults`, { method: 'POST', headers: { ...json, 'x-battsim-token': 'tok-site-1' }, body: '{"type": "network-loss", "scope": {"path": "*"}}' });
      expect(allowed.status).toBe(201);
      expect(guarded.device('solo').control.faults()).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });
});
