/** The meter's readings over HTTP (docs/sessy.md §6): shapes, key order and units as in the capture, schema-valid. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSchema, type JsonSchema } from '../../contracts/core/schema.ts';
import { loadMeterSpec } from '../../simulator/http/sessy-meter/index.ts';
import { createManualGridSource, createMeterHarness, type MeterHarness } from './harness.ts';

const spec = loadMeterSpec() as unknown as JsonSchema;
const schema = (name: string): JsonSchema => (spec as any).components.schemas[name];
const valid = (name: string, body: unknown) => checkSchema(schema(name), body, { root: spec, strictKeys: true });
const capture = JSON.parse(readFileSync(new URL('../fixtures/sessy-meter/p1-details-homey.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const modbusCapture = JSON.parse(readFileSync(new URL('../fixtures/sessy-meter/modbus-details-homey.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let p1: MeterHarness;
beforeAll(async () => {
  p1 = await createMeterHarness();
  await p1.advance(60);
});

describe('GET /api/v2/p1/details', () => {
  it('has the capture’s keys in the capture’s order, the later firmware’s fields in between', async () => {
    const body = await p1.json('/api/v2/p1/details');
    const keys = Object.keys(body);
    expect(keys.filter((k) => k in capture)).toEqual(Object.keys(capture));
    expect(keys.filter((k) => !(k in capture))).toEqual(['header_info', 'equipment_identifier', 'date_time', 'gas_meter_equipment_identifier', 'gas_meter_value_time', 'gas_meter_value']);
  });

  it('validates against the schema written from the capture, and the capture does too', async () => {
    expect(valid('p1_details', await p1.json('/api/v2/p1/details'))).toEqual([]);
    expect(checkSchema(schema('p1_details'), capture, { root: spec })).toEqual([]);
  });

  it('gives the types the capture has: integers, the state a P1_* string', async () => {
    const body = await p1.json('/api/v2/p1/details');
    for (const [k, v] of Object.entries(capture)) expect(typeof body[k], k).toBe(typeof v);
    for (const [k, v] of Object.entries(body)) if (typeof v === 'number') expect(Number.isInteger(v), k).toBe(true);
    expect(body.state).toBe('P1_OK');
    expect(body.dsmr_version).toBe(50);
  });

  it('reads voltage in mV, current in whole amperes as mA, power in W, on the one phase of a single-phase house', async () => {
    const body = await p1.json('/api/v2/p1/details');
    expect(body.voltage_l1).toBeGreaterThan(207_000);
    expect(body.voltage_l1).toBeLessThan(253_000);
    expect(body.voltage_l2).toBe(0);
    expect(body.current_l1 % 1000).toBe(0);
    expect(body.power_total).toBe(body.power_consumed - body.power_produced);
    expect(body.power_consumed_l1 - body.power_produced_l1).toBe(body.power_total);
  });

  it('hex-encodes the equipment identifier (ASCII E00…)', async () => {
    const body = await p1.json('/api/v2/p1/details');
    expect(Buffer.from(body.equipment_identifier, 'hex').toString('ascii')).toMatch(/^E00\d{13}$/);
  });

  it('counts the tariff registers up with the clock and never down', async () => {
    const h = await createMeterHarness({ site: { pv: { peakW: 0 } } });
    const before = await h.json('/api/v2/p1/details');
    await h.advance(3600);
    const after = await h.json('/api/v2/p1/details');
    const imported = after.power_consumed_tariff1 + after.power_consumed_tariff2 - before.power_consumed_tariff1 - before.power_consumed_tariff2;
    expect(imported).toBeGreaterThan(50);
    for (const k of ['power_consumed_tariff1', 'power_consumed_tariff2', 'power_produced_tariff1', 'power_produced_tariff2']) expect(after[k]).toBeGreaterThanOrEqual(before[k]);
  });

  it('says P1_NOT_CONNECTED with zeros in the first seconds after a boot, before the first telegram', async () => {
    const h = await createMeterHarness();
    const body = await h.json('/api/v2/p1/details');
    expect(body.state).toBe('P1_NOT_CONNECTED');
    expect(body.power_total).toBe(0);
    expect(valid('p1_details', body)).toEqual([]);
  });
});

describe('GET /api/v1/meter/status', () => {
  it('is open (Homey’s IP sweep reads it before pairing) and gives the state and the net power in kW', async () => {
    const r = await p1.app.inject({ method: 'GET', url: '/api/v1/meter/status' });
    expect(r.statusCode).toBe(200);
    const body = JSON.parse(r.body);
    expect(valid('meter_status', body)).toEqual([]);
    const details = await p1.json('/api/v2/p1/details');
    expect(body.net_power_delivered).toBeCloseTo(details.power_total / 1000, 2);
  });
});

describe('GET/POST /api/v1/meter/grid_target', () => {
  it('reads 0 at first, takes a new target, and reads it back', async () => {
    const h = await createMeterHarness();
    expect(await h.json('/api/v1/meter/grid_target')).toEqual({ status: 'ok', grid_target: 0 });
    const r = await h.post('/api/v1/meter/grid_target', '{"grid_target":-3400}');
    expect(r.statusCode).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ status: 'ok' });
    expect(await h.json('/api/v1/meter/grid_target')).toEqual({ status: 'ok', grid_target: -3400 });
  });
});

describe('GET /api/v1/meter/limit', () => {
  it('gives the fuse from the settings and the busiest importing phase in mA', async () => {
    const { source } = createManualGridSource({ powerW: [2300, 0, 0] });
    const h = await createMeterHarness({ gridSource: source });
    await h.advance(1);
    const body = await h.json('/api/v1/meter/limit');
    expect(body).toEqual({ status: 'ok', grid_limit: 25, max_phase_current: 10000, limiting: false });
    expect(valid('meter_limit', body)).toEqual([]);
  });
});

describe('GET /api/v1/modbus/details', () => {
  it('has the capture’s keys in order (device_uid from sessypy’s model) and is not connected until enable_modbus', async () => {
    const body = await p1.json('/api/v1/modbus/details');
    expect(Object.keys(body).filter((k) => k in modbusCapture)).toEqual(Object.keys(modbusCapture));
    expect(body.state).toBe('MODBUS_NOT_CONNECTED');
    expect(valid('modbus_details', body)).toEqual([]);
    expect(checkSchema(schema('modbus_details'), modbusCapture, { root: spec })).toEqual([]);
  });

  it('mirrors the grid as an SDM630 once enable_modbus is set', async () => {
    const h = await createMeterHarness();
    await h.post('/api/v1/system/settings', '{"enable_modbus":true}');
    await h.advance(10);
    const body = await h.json('/api/v1/modbus/details');
    expect(body.state).toBe('MODBUS_OK');
    expect(body.phase_1.voltage).toBeGreaterThan(200_000);
  });
});

describe('the CT variant', () => {
  let ct: MeterHarness;
  beforeAll(async () => {
    const { source } = createManualGridSource({ powerW: [1200, -300, 50], voltageV: [231, 229, 232] });
    ct = await createMeterHarness({ variant: 'ct', gridSource: source });
    await ct.advance(3600);
  });

  it('GET /api/v1/ct/details gives total power and per-phase mV, mA and W', async () => {
    const body = await ct.json('/api/v1/ct/details');
    expect(body).toEqual({ status: 'ok', total_power: 950, voltage_l1: 231000, voltage_l2: 229000, voltage_l3: 232000, current_l1: 5195, current_l2: 1310, current_l3: 216, power_l1: 1200, power_l2: -300, power_l3: 50 });
    expect(valid('ct_details', body)).toEqual([]);
  });

  it('GET /api/v1/energy/status gives only energy_phaseN, counted with the clock', async () => {
    const body = await ct.json('/api/v1/energy/status');
    expect(body).toEqual({ status: 'ok', energy_phase1: { import_wh: 1200, export_wh: 0 }, energy_phase2: { import_wh: 0, export_wh: 300 }, energy_phase3: { import_wh: 50, export_wh: 0 } });
    expect(valid('ct_energy_status', body)).toEqual([]);
  });

  it('has no /api/v2/p1/details and no modbus (404 as for a URI it never registered)', async () => {
    expect((await ct.get('/api/v2/p1/details')).statusCode).toBe(404);
    expect((await ct.get('/api/v1/modbus/details')).statusCode).toBe(404);
  });

  it('has the CT serial prefix C', () => {
    expect(ct.device().identity.serial).toMatch(/^C[0-9A-Z]{7}$/);
  });

  it('a P1 has no /api/v1/ct/details nor /api/v1/energy/status', async () => {
    expect((await p1.get('/api/v1/ct/details')).statusCode).toBe(404);
    expect((await p1.get('/api/v1/energy/status')).statusCode).toBe(404);
  });
});

describe('system, network, ping', () => {
  it('GET /api/v1/system/info names the meter by its P serial (sessypy types the device by self_serial)', async () => {
    const body = await p1.json('/api/v1/system/info');
    expect(body.self_serial).toMatch(/^P[0-9A-Z]{7}$/);
    expect(body.self_serial).toBe(p1.credentials!.user);
    expect(body.sessy_serial).toBe('unknown');
    expect(valid('system_info', body)).toEqual([]);
  });

  it('GET /api/v1/system/settings gives the P1 keys; a read-modify-write round trip is accepted', async () => {
    const h = await createMeterHarness();
    const body = await h.json('/api/v1/system/settings');
    expect(Object.keys(body)).toEqual(['status', 'cloud_enabled', 'grid_limit', 'strategy_grid_fraction', 'modbus_supported', 'enable_modbus', 'replace_p1_meter', 'baudrate', 'parity', 'device_type', 'meter_address']);
    expect(valid('meter_settings', body)).toEqual([]);
    const r = await h.post('/api/v1/system/settings', JSON.stringify({ ...body, grid_limit: 35, enable_modbus: 'true', unknown_key: 1 }));
    expect(r.statusCode).toBe(200);
    expect(await h.json('/api/v1/system/settings')).toMatchObject({ grid_limit: 35, enable_modbus: true });
  });

  it('GET /api/v1/network/status has the Wi-Fi MAC in upper-case hex', async () => {
    const body = await p1.json('/api/v1/network/status');
    expect(body.wifi_sta.mac).toMatch(/^[0-9A-F]{12}$/);
    expect(valid('network_status', body)).toEqual([]);
  });

  it('GET /ping answers pong without credentials', async () => {
    const r = await p1.app.inject({ method: 'GET', url: '/ping' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('pong');
  });
});
