/** The README's Node API example, verbatim: if this breaks, the README is lying. */
// README-EXAMPLE-START
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSessy, type RunningEmulator } from 'battsim';

let sessy: RunningEmulator;
beforeAll(async () => {
  sessy = await startSessy({ seed: 42 }); // a manual clock and a free port
});
afterAll(() => sessy.close());

it('charges at the API setpoint my integration sends', async () => {
  const auth = 'Basic ' + btoa(`${sessy.credentials!.user}:${sessy.credentials!.password}`);
  const post = (path: string, body: unknown) =>
    fetch(sessy.url + path, { method: 'POST', headers: { authorization: auth }, body: JSON.stringify(body) });

  sessy.control.setState({ soc: 0.3 });
  await post('/api/v1/power/active_strategy', { strategy: 'POWER_STRATEGY_API' });
  await post('/api/v1/power/setpoint', { setpoint: -1500 }); // − = charge
  sessy.control.advance(120); // two simulated minutes, instantly

  const status: any = await (await fetch(sessy.url + '/api/v1/power/status')).json();
  expect(status.sessy.power).toBeCloseTo(-1500, -1);
  expect(status.sessy.state_of_charge).toBeGreaterThan(0.3);
});

it('survives a flaky energy endpoint', async () => {
  sessy.control.addFault({ type: 'error', status: 500, scope: { path: '/api/v1/energy/status', count: 1 } });
  const auth = 'Basic ' + btoa(`${sessy.credentials!.user}:${sessy.credentials!.password}`);
  expect((await fetch(sessy.url + '/api/v1/energy/status', { headers: { authorization: auth } })).status).toBe(500);
  expect((await fetch(sessy.url + '/api/v1/energy/status', { headers: { authorization: auth } })).status).toBe(200);
});
// README-EXAMPLE-END
