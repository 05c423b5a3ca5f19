/** The simulation control as a client of the real Sessy emulator sees it: over a socket. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessyDevice } from '../../simulator/devices/sessy/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';
import { getJson, postJson } from '../support/control-harness.ts';

let sessy: RunningEmulator<SessyDevice>;
beforeEach(async () => {
  sessy = await startSessy({ seed: 11 });
});
afterEach(async () => sessy.close());

const auth = () => ({ authorization: `Basic ${Buffer.from(`${sessy.credentials!.user}:${sessy.credentials!.password}`).toString('base64')}` });

describe('Sessy under the simulation control', () => {
  it('answers an injected 500 in the dongle’s error format, on the scoped path only', async () => {
    await postJson(`${sessy.url}/_sim/faults`, { type: 'error', status: 500, scope: { path: '/api/v1/energy/status' } });
    const res = await fetch(`${sessy.url}/api/v1/energy/status`, { headers: auth() });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual({ status: 'error', error: 'Internal error' });
    expect((await fetch(`${sessy.url}/api/v1/power/status`)).status).toBe(200);
  });

  it('resets to the exact seeded start', async () => {
    const start = (await getJson(`${sessy.url}/_sim/state`)).body;
    const startStatus = await (await fetch(`${sessy.url}/api/v1/power/status`)).text();
    await fetch(`${sessy.url}/api/v1/power/active_strategy`, { method: 'POST', headers: auth(), body: '{"strategy":"POWER_STRATEGY_API"}' });
    await fetch(`${sessy.url}/api/v1/power/setpoint`, { method: 'POST', headers: auth(), body: '{"setpoint":-1500}' });
    await postJson(`${sessy.url}/_sim/clock/advance`, { seconds: 1800 });
    expect((await postJson(`${sessy.url}/_sim/reset`, {})).body).toEqual(start);
    expect(await (await fetch(`${sessy.url}/api/v1/power/status`)).text()).toBe(startStatus);
  });

  it('reboots: uptime restarts and the dongle passes through its boot states', async () => {
    await postJson(`${sessy.url}/_sim/state`, { loadW: 0, pvW: 0 });
    await postJson(`${sessy.url}/_sim/clock/advance`, { seconds: 600 });
    expect(sessy.control.state().uptimeS).toBe(600);
    expect((await postJson(`${sessy.url}/_sim/faults`, { type: 'reboot' })).status).toBe(201);
    expect(sessy.control.state().uptimeS).toBe(0);
    const status = (await (await fetch(`${sessy.url}/api/v1/power/status`)).json()) as { sessy: { system_state: string } };
    expect(['SYSTEM_STATE_INIT', 'SYSTEM_STATE_WAIT_FOR_PERIPHERALS']).toContain(status.sessy.system_state);
  });

  it('loses the network: requests go unanswered and the dongle, without its network, drops its setpoint to 0', async () => {
    await fetch(`${sessy.url}/api/v1/power/active_strategy`, { method: 'POST', headers: auth(), body: '{"strategy":"POWER_STRATEGY_API"}' });
    await fetch(`${sessy.url}/api/v1/power/setpoint`, { method: 'POST', headers: auth(), body: '{"setpoint":800}' });
    await postJson(`${sessy.url}/_sim/clock/advance`, { seconds: 120 });
    expect(sessy.control.state().apiSetpointW).toBe(800);
    await postJson(`${sessy.url}/_sim/faults`, { type: 'network-loss', scope: { durationS: 900 } });
    // A client keeps polling; its request is held unanswered (logged without a status) until the client gives up.
    const giveUp = new AbortController();
    const lost = fetch(`${sessy.url}/api/v1/power/status`, { signal: giveUp.signal }).then(() => 'answered', () => 'gave up');
    while (!sessy.control.log.entries().some((e) => e.url === '/api/v1/power/status' && e.status === null)) await new Promise((resolve) => setImmediate(resolve));
    giveUp.abort();
    expect(await lost).toBe('gave up');
    expect(sessy.control.state().apiSetpointW).toBe(0); // "No network connection found, setting power to 0"
    await postJson(`${sessy.url}/_sim/clock/advance`, { seconds: 901 }); // the loss ends; the setpoint stays 0
    const status = (await (await fetch(`${sessy.url}/api/v1/power/status`)).json()) as { sessy: { power_setpoint: number } };
    expect(status.sessy.power_setpoint).toBe(0);
  });

  it('drives the API strategy from the Node API without HTTP', async () => {
    sessy.control.setState({ soc: 0.2, loadW: 300, pvW: 0 });
    expect(sessy.control.state().clock).toMatchObject({ mode: 'manual' });
    sessy.control.advance(60);
    expect((sessy.control.state() as { clock: { nowMs: number } }).clock.nowMs - sessy.clock.now()).toBe(0);
  });
});
