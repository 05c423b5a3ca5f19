import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';

// A fresh device per case: no case sees what another did to it (SOC, strategy), so they pass in any order.
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.advance(10);
});
afterEach(async () => {
  await h.app.close();
});

describe('GET /api/v1/power/status', () => {
  it('answers without credentials, status first, keys in firmware order', async () => {
    const r = await h.app.inject({ method: 'GET', url: '/api/v1/power/status' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    const body = JSON.parse(r.body);
    expect(Object.keys(body)).toEqual(['status', 'sessy', 'renewable_energy_phase1', 'renewable_energy_phase2', 'renewable_energy_phase3']);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.sessy)).toEqual(['state_of_charge', 'power', 'external_power', 'pack_voltage', 'power_setpoint', 'system_state', 'system_state_details', 'frequency', 'inverter_current_ma', 'strategy_overridden']);
  });

  it('is tab-pretty-printed like cJSON_Print', async () => {
    const r = await h.get('/api/v1/power/status');
    expect(r.body.startsWith('{\n\t"status":\t"ok",\n\t"sessy":\t{\n\t\t"state_of_charge":\t')).toBe(true);
  });

  it('sends SOC as a float32 widened to double and integers in mHz, mV and mA', async () => {
    h.device.setSoc(0.07);
    const body = JSON.parse((await h.get('/api/v1/power/status')).body);
    expect(body.sessy.state_of_charge).toBe(Math.fround(0.07));
    expect((await h.get('/api/v1/power/status')).body).toContain('"state_of_charge":\t0.070000000298023224');
    expect(Number.isInteger(body.sessy.frequency) && body.sessy.frequency > 49_000 && body.sessy.frequency < 51_000).toBe(true);
    expect(body.sessy.pack_voltage).toBeGreaterThan(40_000);
    expect(Number.isInteger(body.renewable_energy_phase1.voltage_rms)).toBe(true);
    expect(body.renewable_energy_phase1.voltage_rms).toBeGreaterThan(200_000);
    expect(body.renewable_energy_phase2).toEqual({ voltage_rms: 0, current_rms: 0, power: 0 });
  });
});

describe('GET /api/v1/power/active_strategy', () => {
  it('returns status and the strategy', async () => {
    expect(await h.json('/api/v1/power/active_strategy')).toEqual({ status: 'ok', strategy: 'POWER_STRATEGY_NOM' });
  });
});

describe('GET /api/v1/energy/status', () => {
  it('returns integer Wh meters, clamp phases before sessy_energy', async () => {
    const body = await h.json('/api/v1/energy/status');
    expect(Object.keys(body)).toEqual(['status', 'energy_phase1', 'energy_phase2', 'energy_phase3', 'sessy_energy']);
    expect(Object.keys(body.sessy_energy)).toEqual(['import_wh', 'export_wh']);
    expect(Number.isInteger(body.sessy_energy.import_wh)).toBe(true);
  });
});

describe('GET /api/v2/dynamic/schedule', () => {
  it('returns 15-minute schedule and price slots for today as unix seconds', async () => {
    const body = await h.json('/api/v2/dynamic/schedule');
    expect(Object.keys(body)).toEqual(['status', 'dynamic_schedule', 'energy_prices']);
    expect(body.energy_prices).toHaveLength(96);
    const first = body.energy_prices[0];
    expect(first.end_time - first.start_time).toBe(900);
    expect(Number.isInteger(first.price)).toBe(true);
    expect(body.dynamic_schedule.some((s: { power: number }) => s.power < 0)).toBe(true);
  });
});

describe('GET /api/v1/dynamic/schedule (legacy)', () => {
  it('is not served by 1.11.11', async () => {
    const r = await h.get('/api/v1/dynamic/schedule');
    expect(r.statusCode).toBe(404);
  });
});

describe('GET /api/v1/system/info', () => {
  it('reports the ESP-IDF version, a 32-byte state mask, 256 change times and the serials', async () => {
    const body = await h.json('/api/v1/system/info');
    expect(Object.keys(body)).toEqual(['status', 'version', 'cores', 'internal_mem_available', 'external_mem_available', 'internal_mem_min', 'external_mem_min', 'internal_largest_block', 'external_largest_block', 'system_state', 'state_last_changed', 'sessy_serial', 'sessy_revision', 'self_revision', 'self_serial']);
    expect(body.version).toBe('v5.3.1');
    expect(body.system_state).toHaveLength(32);
    expect(body.state_last_changed).toHaveLength(256);
    expect(body.sessy_serial).toMatch(/^A[0-9A-Z]{7}$/);
    expect(body.self_serial).toBe(h.credentials!.user);
  });
});

describe('GET /api/v1/system/settings', () => {
  it('returns the settings in firmware order with the noise level reported as 101 while disabled', async () => {
    const body = await h.json('/api/v1/system/settings');
    expect(Object.keys(body).slice(0, 3)).toEqual(['status', 'p1_hostname', 'pv_hostname']);
    expect(body.min_power).toBe(50);
    expect(body.max_power).toBe(2200);
    expect(body.allowed_noise_level).toBe(101);
    expect(body.enabled_time).toBe('00:00-23:59');
  });
});

describe('OTA, network and ping', () => {
  it('GET /api/v1/ota/status reports self and serial', async () => {
    const body = await h.json('/api/v1/ota/status');
    expect(body.self).toEqual({ installed_firmware: { version: '1.11.11' }, available_firmware: { version: '' }, state: 'OTA_INACTIVE', update_progress: 0 });
    expect(Object.keys(body)).toEqual(['status', 'self', 'serial']);
  });

  it('GET /api/v1/network/status carries uppercase MACs on 1.11.11', async () => {
    const body = await h.json('/api/v1/network/status');
    expect(body.wifi_sta.mac).toMatch(/^[0-9A-F]{12}$/);
    expect(body.eth.mac).toMatch(/^[0-9A-F]{12}$/);
    expect(body.network_status).toContain('WIFI_STA_HAS_CLIENT_IP');
  });

  it('GET /api/v1/network/scan lists networks', async () => {
    const body = await h.json('/api/v1/network/scan');
    expect(body.networks.length).toBeGreaterThan(0);
    expect(Object.keys(body.networks[0])).toEqual(['ssid', 'rssi', 'bssid']);
  });

  it('GET /ping answers pong without credentials', async () => {
    const r = await h.app.inject({ method: 'GET', url: '/ping' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('pong');
    expect(r.headers['content-type']).toBe('text/plain');
  });
});

describe('identity', () => {
  it('derives serials, password and hostname from the seed', async () => {
    const other = await createHarness();
    expect(other.device.identity).toEqual(h.device.identity);
    expect(h.device.identity.dongleSerial).toMatch(/^D[0-9A-Z]{7}$/);
    expect(h.device.identity.password).toMatch(/^[0-9A-Z]{8}$/);
    expect(h.device.identity.hostname).toBe(`sessy-${h.device.identity.dongleSerial.slice(0, 4)}`);
  });
});
