/** The simulation control as a client of the real Homevolt emulator sees it: over a socket. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HomevoltDevice } from '../../simulator/devices/homevolt/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { getJson, postJson } from '../support/control-harness.ts';

let hv: RunningEmulator<HomevoltDevice>;
beforeEach(async () => {
  hv = await startHomevolt({ seed: 3 });
});
afterEach(async () => hv.close());

describe('Homevolt under the simulation control', () => {
  it('answers an injected 503 in the device’s own words, on the scoped path only', async () => {
    await postJson(`${hv.url}/_sim/faults`, { type: 'unavailable', scope: { path: '/ems.json', count: 1 } });
    const res = await fetch(`${hv.url}/ems.json`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe('System is starting up or updating, try again after 30 seconds');
    expect((await fetch(`${hv.url}/ems.json`)).status).toBe(200);
    expect((await fetch(`${hv.url}/status.json`)).status).toBe(200);
  });

  it('resets to the exact seeded start, schedule included', async () => {
    const start = (await getJson(`${hv.url}/_sim/state`)).body;
    const startEms = await (await fetch(`${hv.url}/ems.json`)).text();
    await fetch(`${hv.url}/console.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'cmd=param_set settings_local 1' });
    await fetch(`${hv.url}/console.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'cmd=sched_set 1 -s 3000' });
    await postJson(`${hv.url}/_sim/clock/advance`, { seconds: 900 });
    expect((await postJson(`${hv.url}/_sim/reset`, {})).body).toEqual(start);
    expect(await (await fetch(`${hv.url}/ems.json`)).text()).toBe(startEms);
  });

  it('truncates /ems.json mid-body, as a flaky Wi-Fi link would', async () => {
    hv.control.addFault({ type: 'truncate', keepFraction: 0.3, scope: { path: '/ems.json', count: 1 } });
    await expect(fetch(`${hv.url}/ems.json`).then((r) => r.text())).rejects.toThrow();
    expect((await fetch(`${hv.url}/ems.json`)).status).toBe(200);
  });
});
