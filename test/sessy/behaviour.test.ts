/** Behaviour over simulated time, driven by the manual clock through /_sim/clock/advance. */
import { describe, expect, it } from 'vitest';
import { frequencyStep } from '../../simulator/core/index.ts';
import { createHarness, pollFor, runApi } from './harness.ts';

const status = async (h: Awaited<ReturnType<typeof createHarness>>) => JSON.parse((await h.get('/api/v1/power/status')).body).sessy;

describe('POWER_STRATEGY_API', () => {
  it('reaches a 1000 W setpoint within ±20 W in 90 simulated seconds from standby', async () => {
    const h = await createHarness();
    await h.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_IDLE"}');
    await h.advance(10);
    expect((await status(h)).system_state).toBe('SYSTEM_STATE_STANDBY');
    await runApi(h, 1000, 30);
    expect((await status(h)).system_state).toBe('SYSTEM_STATE_WAITING_IN_SAFE_SITUATION');
    expect((await status(h)).power).toBe(0);
    await h.advance(60);
    const s = await status(h);
    expect(s.system_state).toBe('SYSTEM_STATE_RUNNING_SAFE');
    expect(s.power_setpoint).toBe(1000);
    expect(Math.abs(s.power - 1000)).toBeLessThanOrEqual(20);
  });

  it('charges to full, then reports BATTERY_FULL with power 0', async () => {
    const h = await createHarness({ site: { initialSoc: 0.97 } });
    await h.advance(10);
    await runApi(h, -2200);
    await pollFor(h, 2 * 3600);
    const s = await status(h);
    expect(s.system_state).toBe('SYSTEM_STATE_BATTERY_FULL');
    expect(s.system_state_details).toBe('battery full');
    expect(s.power).toBe(0);
    expect(s.power_setpoint).toBe(-2200);
    expect(s.state_of_charge).toBeGreaterThan(0.99);
  });

  // issue 14: the firmware zeroes an API setpoint only when the dongle loses its own network (docs/sessy-setpoint.md).
  it('holds the API setpoint for over an hour without any request (issue 14)', async () => {
    const h = await createHarness({ site: { initialSoc: 0.2 } });
    await h.advance(10);
    await runApi(h, -800);
    await h.advance(3700); // no vendor request at all
    const state = await h.simState();
    expect(state.apiSetpointW).toBe(-800);
    expect(state.batteryW).toBeCloseTo(-800, -1);
    expect((await status(h)).power_setpoint).toBe(-800);
  });

  it('ends the setpoint on a strategy change: back in API it is 0 until a new one is sent', async () => {
    const h = await createHarness();
    await h.advance(10);
    await runApi(h, 700);
    await h.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_IDLE"}');
    await h.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_API"}');
    expect((await h.simState()).apiSetpointW).toBe(0);
  });

  it('keeps the setpoint when the strategy written is the one already active', async () => {
    const h = await createHarness();
    await h.advance(10);
    await runApi(h, 700);
    await h.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_API"}');
    expect((await h.simState()).apiSetpointW).toBe(700);
  });

  it('drops the setpoint to 0 when the dongle loses its network (the network-loss fault)', async () => {
    const h = await createHarness();
    await h.advance(10);
    await runApi(h, 800);
    h.control.addFault({ type: 'network-loss', scope: { durationS: 60 } });
    await h.advance(1);
    expect((await h.simState()).apiSetpointW).toBe(0);
  });

  it('keeps the setpoint through a network-loss on some paths only: the dongle still has its network', async () => {
    const h = await createHarness();
    await h.advance(10);
    await runApi(h, 800);
    h.control.addFault({ type: 'network-loss', scope: { path: '/api/v1/energy/*', durationS: 60 } });
    await h.advance(1);
    expect((await h.simState()).apiSetpointW).toBe(800);
  });

  it.each([
    ['a 404 (unknown path)', 'POST', '/api/v1/power/nothing', '{"setpoint":0}', false],
    ['a 401 (wrong credentials)', 'POST', '/api/v1/power/setpoint', '{"setpoint":0}', true],
    ['a 401 on a strategy change', 'POST', '/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_IDLE"}', true],
    ['a 400 (malformed setpoint)', 'POST', '/api/v1/power/setpoint', '{"setpoint":', false],
    ['a 405 (wrong method)', 'PUT', '/api/v1/power/setpoint', '{"setpoint":0}', false],
  ] as const)('changes nothing on %s', async (_name, method, url, payload, badAuth) => {
    const h = await createHarness();
    await h.advance(10);
    await runApi(h, 600);
    await h.advance(60); // the last accepted request lies a minute back
    const before = await h.simState();
    const versionBefore = h.device.version;
    const headers = { authorization: badAuth ? `Basic ${Buffer.from('DWRONG00:WRONGPW1').toString('base64')}` : h.authorization!, 'content-type': 'application/json' };
    const r = await h.app.inject({ method, url, headers, payload });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    // The clock is manual and did not move: the whole model must read exactly as before.
    expect(await h.simState()).toEqual(before);
    expect(h.device.version).toBe(versionBefore);
  });
});

describe('grid code', () => {
  it('at 50.4 Hz reports OVERRIDE_OVERFREQUENCY and reduces power by the 5 % droop', async () => {
    const h = await createHarness();
    await h.advance(10);
    await runApi(h, 1000);
    h.device.site.frequency.setOverride(frequencyStep(h.clock.now(), 50.4));
    await h.advance(10);
    const s = await status(h);
    expect(s.system_state).toBe('SYSTEM_STATE_OVERRIDE_OVERFREQUENCY');
    expect(s.system_state_details).toBe('overfrequency');
    expect(s.frequency).toBe(50400);
    // ΔP = −(50.4 − 50.2)/50/0.05 × P_M with P_M = 1000 W → 920 W.
    expect(s.power).toBeGreaterThanOrEqual(915);
    expect(s.power).toBeLessThanOrEqual(925);
  });

  it('disconnects beyond 51.5 Hz and reconnects after 60 s back in band', async () => {
    const h = await createHarness();
    await h.advance(10);
    await runApi(h, 1000);
    h.device.site.frequency.setOverride(frequencyStep(h.clock.now(), 51.6, 5));
    await h.advance(2);
    expect((await status(h)).system_state).toBe('SYSTEM_STATE_DISCONNECT');
    expect((await status(h)).system_state_details).toBe('overfrequency2');
    await h.advance(8); // the core's actuator lag (τ = 1 s) brings the measured power down
    expect((await status(h)).power).toBe(0);
    h.device.site.frequency.setOverride(frequencyStep(h.clock.now(), 50.0));
    await pollFor(h, 60);
    expect((await status(h)).system_state).toBe('SYSTEM_STATE_RECONNECT');
  });
});

describe('strategies', () => {
  it('IDLE holds 0 W', async () => {
    const h = await createHarness();
    await h.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_IDLE"}');
    await h.advance(120);
    const s = await status(h);
    expect(s.power_setpoint).toBe(0);
    expect(s.power).toBe(0);
  });

  it('NOM drives the simulated meter toward zero', async () => {
    const h = await createHarness({ site: { pv: { peakW: 0 } } });
    h.device.site.setLoadOverride(600);
    await h.advance(200);
    const state = await h.simState();
    expect(state.strategy).toBe('POWER_STRATEGY_NOM');
    expect(Math.abs(state.gridW)).toBeLessThan(60);
    expect(state.batteryW).toBeGreaterThan(500);
  });

  it('SESSY_CONNECT follows the external setpoint and an external override sets strategy_overridden', async () => {
    const h = await createHarness();
    await h.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_SESSY_CONNECT"}');
    h.device.setExternalSetpoint(-700);
    await h.advance(5);
    expect((await status(h)).power_setpoint).toBe(-700);
    h.device.setOverride(300);
    await h.advance(1);
    const s = await status(h);
    expect(s.strategy_overridden).toBe(true);
    expect(s.power_setpoint).toBe(300);
  });
});

describe('firmware 1.7.2', () => {
  it('omits the fields later firmware added and serves only the v1 schedule', async () => {
    const h = await createHarness({ firmware: '1.7.2' });
    const s = await status(h);
    for (const key of ['pack_voltage', 'external_power', 'strategy_overridden', 'inverter_current_ma']) expect(s).not.toHaveProperty(key);
    expect((await h.get('/api/v2/dynamic/schedule')).statusCode).toBe(404);
    const v1 = await h.app.inject({ method: 'GET', url: '/api/v1/dynamic/schedule' });
    expect(v1.statusCode).toBe(200);
    const body = JSON.parse(v1.body);
    expect(body.power_strategy[0].power).toHaveLength(24);
    expect(body.energy_prices[0].price).toHaveLength(24);
    expect((await h.json('/api/v1/system/settings'))).not.toHaveProperty('min_soc');
    expect((await h.json('/api/v1/system/info')).version).toBe('v5.1.1');
  });
});

describe('schedule publication', () => {
  it('shows tomorrow’s prices from 13:00 local time', async () => {
    const h = await createHarness();
    await h.advance(10 * 3600); // 12:00 CEST
    expect((await h.json('/api/v2/dynamic/schedule')).energy_prices).toHaveLength(96);
    await h.advance(3600);
    expect((await h.json('/api/v2/dynamic/schedule')).energy_prices).toHaveLength(192);
  });
});

describe('restart and settings persistence', () => {
  it('reboots through INIT, drops the API setpoint and keeps settings and strategy', async () => {
    const h = await createHarness();
    await h.post('/api/v1/system/settings', '{"max_power":1500}');
    await runApi(h, 1000, 10);
    expect((await h.post('/api/v1/system/restart', '{}')).statusCode).toBe(200);
    expect((await status(h)).system_state).toBe('SYSTEM_STATE_INIT');
    await h.advance(3);
    expect((await status(h)).system_state).toBe('SYSTEM_STATE_WAIT_FOR_PERIPHERALS');
    await h.advance(10);
    const s = await status(h);
    expect(s.system_state).toBe('SYSTEM_STATE_STANDBY');
    expect(s.power_setpoint).toBe(0);
    expect((await h.json('/api/v1/system/settings')).max_power).toBe(1500);
    expect((await h.json('/api/v1/power/active_strategy')).strategy).toBe('POWER_STRATEGY_API');
  });
});

describe('OTA', () => {
  it('checks and updates over simulated time', async () => {
    const h = await createHarness({ firmware: '1.9.2' });
    await h.get('/api/v1/ota/check');
    expect((await h.json('/api/v1/ota/status')).self.state).toBe('OTA_CHECKING');
    await h.advance(5);
    const checked = await h.json('/api/v1/ota/status');
    expect(checked.self.state).toBe('OTA_NEW_VERSION_AVAILABLE');
    expect(checked.self.available_firmware.version).toBe('1.11.11');
    await h.post('/api/v1/ota/start', '{"target":"OTA_TARGET_SELF"}');
    await h.advance(60);
    const mid = await h.json('/api/v1/ota/status');
    expect(mid.self.state).toBe('OTA_UPDATING');
    expect(mid.self.update_progress).toBeGreaterThan(0.4);
    expect(mid.self.update_progress).toBeLessThan(0.6);
    await h.advance(61);
    const done = await h.json('/api/v1/ota/status');
    expect(done.self.state).toBe('OTA_DONE');
    expect(done.self.installed_firmware.version).toBe('1.11.11');
  });
});
