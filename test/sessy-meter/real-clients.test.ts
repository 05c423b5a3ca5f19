/**
 * What the real clients read from a Sessy meter (docs/sessy.md §6, "What clients read"), request by request, with
 * each client's own rules for an answer it accepts: Home Assistant's ha-sessy through sessypy (aiohttp: JSON
 * content type, a 200; the device typed by the serial's first letter and a probe), and Homey's nl.sessy app
 * (a 200, application/json, "status":"ok"; discovery sweeps meter/status without credentials).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSessyMeter, type SessyMeterDevice } from '../../simulator/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';

type Kind = 'number' | 'string' | 'integer';
/** A read: a path and the keys the client takes from it (dotted for nested keys), with the type it expects. */
type Read = readonly [path: string, keys: Readonly<Record<string, Kind>>];

const phases = (prefixes: readonly string[], kind: Kind = 'integer'): Record<string, Kind> => Object.fromEntries(prefixes.flatMap((p) => [1, 2, 3].map((n) => [`${p}${n}`, kind])));
const tariffs = Object.fromEntries(['power_consumed_tariff1', 'power_consumed_tariff2', 'power_produced_tariff1', 'power_produced_tariff2'].map((k) => [k, 'integer' as Kind]));
const energyPhases = Object.fromEntries([1, 2, 3].flatMap((n) => [[`energy_phase${n}.import_wh`, 'integer' as Kind], [`energy_phase${n}.export_wh`, 'integer' as Kind]]));

/** ha-sessy (coordinator.py, sensor.py, update.py, number.py) through sessypy 0.2: every coordinator's first refresh must succeed. */
const HOME_ASSISTANT: Readonly<Record<'p1' | 'ct', readonly Read[]>> = {
  p1: [
    ['/api/v1/ota/status', { 'self.state': 'string', 'self.installed_firmware.version': 'string', 'self.available_firmware.version': 'string', 'self.update_progress': 'number' }],
    ['/api/v1/ota/check', {}],
    ['/api/v1/system/info', { internal_mem_available: 'integer', external_mem_available: 'integer', self_serial: 'string' }],
    ['/api/v1/network/status', { 'wifi_sta.rssi': 'integer' }],
    ['/api/v2/p1/details', { state: 'string', tariff_indicator: 'integer', power_total: 'integer', power_consumed: 'integer', power_produced: 'integer', gas_meter_value: 'integer', ...phases(['voltage_l', 'current_l', 'power_consumed_l', 'power_produced_l']), ...tariffs }],
    ['/api/v1/meter/grid_target', { grid_target: 'integer' }],
  ],
  ct: [
    ['/api/v1/ota/status', { 'self.state': 'string', 'self.installed_firmware.version': 'string' }],
    ['/api/v1/ota/check', {}],
    ['/api/v1/system/info', { internal_mem_available: 'integer', external_mem_available: 'integer' }],
    ['/api/v1/network/status', { 'wifi_sta.rssi': 'integer' }],
    ['/api/v1/ct/details', { total_power: 'integer', ...phases(['voltage_l', 'current_l', 'power_l']) }],
    ['/api/v1/meter/grid_target', { grid_target: 'integer' }],
    ['/api/v1/energy/status', energyPhases],
  ],
};

/** nl.sessy (drivers/p1/device.js, drivers/ct/device.js, sessy_local.js): a poll, and the hourly firmware check. */
const HOMEY: Readonly<Record<'p1' | 'ct', readonly Read[]>> = {
  p1: [
    ['/api/v2/p1/details', { state: 'string', power_total: 'integer', tariff_indicator: 'integer', dsmr_version: 'integer', power_failure_any_phase: 'integer', gas_meter_value: 'integer', gas_meter_value_time: 'string', ...phases(['power_consumed_l', 'power_produced_l', 'current_l', 'voltage_l', 'voltage_sag_count_l', 'voltage_swell_count_l']), ...tariffs }],
    ['/api/v1/ota/check', {}],
    ['/api/v1/ota/status', { 'self.installed_firmware.version': 'string', 'self.available_firmware.version': 'string' }],
  ],
  ct: [
    ['/api/v1/energy/status', energyPhases],
    ['/api/v1/ct/details', { status: 'string', total_power: 'integer', ...phases(['power_l', 'current_l', 'voltage_l']) }],
    ['/api/v1/ota/check', {}],
    ['/api/v1/ota/status', { 'self.installed_firmware.version': 'string', 'self.available_firmware.version': 'string' }],
  ],
};

const meters: Partial<Record<'p1' | 'ct', RunningEmulator<SessyMeterDevice>>> = {};
beforeAll(async () => {
  for (const variant of ['p1', 'ct'] as const) {
    meters[variant] = await startSessyMeter({ variant, seed: 11 });
    meters[variant].control.advance(30);
  }
});
afterAll(async () => {
  await Promise.all(Object.values(meters).map((m) => m.close()));
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const auth = (m: RunningEmulator) => basic(m.credentials!.user, m.credentials!.password);
const at = (body: unknown, dotted: string): unknown => dotted.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), body);
const isKind = (v: unknown, kind: Kind) => (kind === 'integer' ? Number.isInteger(v) : typeof v === kind);

/** What both clients demand of an answer: 200, application/json, "status":"ok" (Homey), a JSON body (sessypy). */
async function clientGet(m: RunningEmulator, path: string, authorization = auth(m)): Promise<unknown> {
  const r = await fetch(`${m.url}${path}`, { headers: { authorization } });
  expect(r.status, path).toBe(200);
  expect(r.headers.get('content-type'), path).toMatch(/application\/json/);
  const body = (await r.json()) as Record<string, unknown>;
  expect(body.status, path).toBe('ok');
  return body;
}

async function readAll(variant: 'p1' | 'ct', reads: readonly Read[]): Promise<void> {
  const m = meters[variant]!;
  for (const [path, keys] of reads) {
    const body = await clientGet(m, path);
    for (const [key, kind] of Object.entries(keys)) expect(isKind(at(body, key), kind), `${path} ${key} = ${JSON.stringify(at(body, key))}`).toBe(true);
  }
}

describe('Home Assistant (ha-sessy over sessypy)', () => {
  it.each(['p1', 'ct'] as const)('types a %s meter by its serial’s first letter and its probe, as sessypy.get_sessy_device does', async (variant) => {
    const m = meters[variant]!;
    const letter = m.credentials!.user[0];
    expect(letter).toBe(variant === 'p1' ? 'P' : 'C');
    await clientGet(m, variant === 'p1' ? '/api/v2/p1/details' : '/api/v1/ct/details');
  });

  it.each(['p1', 'ct'] as const)('gets every coordinator’s first refresh of a %s meter, with each key a sensor reads', async (variant) => {
    await readAll(variant, HOME_ASSISTANT[variant]);
  });

  it('finds the P1 state among sessypy’s SessyP1State values', async () => {
    expect(['P1_NOT_CONNECTED', 'P1_DATAVALIDITY_ERR', 'P1_VERSION_ERR', 'P1_PARSE_ERR', 'P1_OK']).toContain(at(await clientGet(meters.p1!, '/api/v2/p1/details'), 'state'));
  });

  it('sets the grid target as the number entity does (POST {"grid_target": int})', async () => {
    const m = meters.p1!;
    const r = await fetch(`${m.url}/api/v1/meter/grid_target`, { method: 'POST', headers: { authorization: auth(m), 'content-type': 'application/json' }, body: JSON.stringify({ grid_target: -1500 }) });
    expect(r.status).toBe(200);
    expect(at(await clientGet(m, '/api/v1/meter/grid_target'), 'grid_target')).toBe(-1500);
  });
});

describe('Homey (nl.sessy)', () => {
  it.each(['p1', 'ct'] as const)('finds a %s meter in its IP sweep of GET /api/v1/meter/status, sent before pairing with "undefined:undefined"', async (variant) => {
    await clientGet(meters[variant]!, '/api/v1/meter/status', basic('undefined', 'undefined'));
  });

  it.each(['p1', 'ct'] as const)('reads every capability of a %s meter', async (variant) => {
    await readAll(variant, HOMEY[variant]);
  });

  it('logs in with the credentials upper-cased, as Homey sends them', async () => {
    const m = meters.p1!;
    await clientGet(m, '/api/v2/p1/details', basic(m.credentials!.user.toUpperCase(), m.credentials!.password.toUpperCase()));
  });

  it('computes gas flow from gas_meter_value_time: 13 characters YYMMDDhhmmssX, X = S or W', async () => {
    expect(at(await clientGet(meters.p1!, '/api/v2/p1/details'), 'gas_meter_value_time')).toMatch(/^\d{12}[SW]$/);
  });
});
