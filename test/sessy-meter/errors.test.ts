/** The meter's own answers to bad requests (docs/sessy.md §5, §6): byte for byte, and never a state change. */
import { beforeAll, describe, expect, it } from 'vitest';
import { GRID_TARGET_ERROR } from '../../simulator/http/sessy-meter/index.ts';
import { createMeterHarness, nomBody, type MeterHarness } from './harness.ts';

let h: MeterHarness;
beforeAll(async () => {
  h = await createMeterHarness();
  await h.advance(10);
});

const errorBody = (text: string) => `{"status":"error","error":${JSON.stringify(text)}}`;

describe('401 for missing or wrong Basic auth', () => {
  it.each([
    ['no header', undefined],
    ['a wrong password', `Basic ${Buffer.from('PXXXXXXX:WRONG').toString('base64')}`],
    ['a non-Basic scheme', 'Bearer abc'],
  ])('rejects %s with an empty body and realm Sessy', async (_name, authorization) => {
    const r = await h.app.inject({ method: 'GET', url: '/api/v2/p1/details', headers: authorization ? { authorization } : {} });
    expect(r.statusCode).toBe(401);
    expect(r.statusMessage).toBe('UNAUTHORIZED');
    expect(r.headers['www-authenticate']).toBe('Basic realm="Sessy"');
    expect(r.body).toBe('');
  });

  it('protects POST /api/v1/meter/grid_target before reading the body, and changes nothing', async () => {
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/meter/grid_target', payload: '{"grid_target":900}' });
    expect(r.statusCode).toBe(401);
    expect(h.device().gridTargetW()).toBe(0);
  });

  it('leaves open what a client without credentials must reach: meter/status, ping and the dongles’ nom/power', async () => {
    for (const [method, url, payload] of [['GET', '/api/v1/meter/status'], ['GET', '/ping'], ['POST', '/api/v1/nom/power', nomBody('DOPEN001')]] as const) {
      const r = await h.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(r.statusCode, url).toBe(200);
    }
  });
});

describe('POST /api/v1/meter/grid_target: the firmware’s one error text, nothing changed', () => {
  it.each([
    ['not JSON', '{"grid_target":'],
    ['an empty body', ''],
    ['no grid_target', '{"target":100}'],
    ['a string', '{"grid_target":"100"}'],
    ['a fraction', '{"grid_target":10.5}'],
    ['beyond +20000 W', '{"grid_target":20001}'],
    ['beyond −20000 W', '{"grid_target":-20001}'],
    ['an array', '[1]'],
  ])('refuses %s with 400 text/html, connection closed', async (_name, payload) => {
    const r = await h.post('/api/v1/meter/grid_target', payload);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.headers.connection).toBe('close');
    expect(r.body).toBe(errorBody(GRID_TARGET_ERROR));
    expect(h.device().gridTargetW()).toBe(0);
  });

  it('accepts the ends of the range', async () => {
    const g = await createMeterHarness();
    expect((await g.post('/api/v1/meter/grid_target', '{"grid_target":20000}')).statusCode).toBe(200);
    expect((await g.post('/api/v1/meter/grid_target', '{"grid_target":-20000}')).statusCode).toBe(200);
    expect(g.device().gridTargetW()).toBe(-20000);
  });

  it('says "content too long" for a body beyond the buffer', async () => {
    const r = await h.post('/api/v1/meter/grid_target', JSON.stringify({ grid_target: 1, pad: 'x'.repeat(4000) }));
    expect(r.body).toBe(errorBody('content too long'));
  });
});

describe('POST /api/v1/nom/power: the meter’s 400s, and no dongle recorded', () => {
  it.each([
    ['not JSON', 'unique_id=1', 'Failed to parse json'],
    ['an empty body', '', 'Failed to read post body, no content received'],
    ['no unique_id', JSON.stringify({ state_of_charge: 0.5 }), 'Failed to parse required string argument unique_id, with error: ESP_ERR_NOT_FOUND'],
    ['a numeric unique_id', nomBody('x', { unique_id: 7 }), 'Failed to parse required string argument unique_id, with error: ESP_ERR_INVALID_ARG'],
    ['no state_of_charge', JSON.stringify({ unique_id: 'D1' }), 'Failed to parse required number argument state_of_charge, with error: ESP_ERR_NOT_FOUND'],
    ['a string power', nomBody('D1', { sessy_power_w: '-800' }), 'Failed to parse required number argument sessy_power_w, with error: ESP_ERR_INVALID_ARG'],
    ['a state of charge in percent', nomBody('D1', { state_of_charge: 62 }), 'state_of_charge out of range (0 to 1), with a value of 62'],
    ['a negative discharge limit', nomBody('D1', { max_discharge_power_w: -1 }), 'max_discharge_power_w out of range (0 to 100000), with a value of -1'],
    ['a JSON array', '[]', 'Failed to parse json'],
  ])('refuses %s', async (_name, payload, text) => {
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/nom/power', payload });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.body).toBe(errorBody(text));
    expect(h.device().nomDongles().map((d) => d.report.uniqueId)).not.toContain('D1');
  });
});

describe('POST /api/v1/system/settings', () => {
  it.each([
    ['an empty body', '', 'Failed to read post body, no content received'],
    ['not JSON', '{x', 'Failed to parse json'],
    ['a grid_limit of 81 A', '{"grid_limit":81}', 'grid_limit out of bounds, only allowed to set 0-80'],
    ['a strategy_grid_fraction of 101', '{"strategy_grid_fraction":101}', 'strategy_grid_fraction out of bounds, only allowed to set 0-100'],
    ['a boolean as a number', '{"enable_modbus":1}', 'Failed to parse json'],
  ])('refuses %s and changes nothing', async (_name, payload, text) => {
    const before = h.device().settings();
    const r = await h.post('/api/v1/system/settings', payload);
    expect(r.statusCode).toBe(400);
    expect(r.body).toBe(errorBody(text));
    expect(h.device().settings()).toBe(before);
  });
});

describe('routing as ESP-IDF does it', () => {
  it('answers 404 "Nothing matches the given URI" for an unknown path, before auth', async () => {
    const r = await h.app.inject({ method: 'GET', url: '/api/v1/power/status' });
    expect(r.statusCode).toBe(404);
    expect(r.body).toBe('Nothing matches the given URI');
  });

  it('answers 405 for a known path with a method it does not register', async () => {
    const r = await h.app.inject({ method: 'DELETE', url: '/api/v1/meter/grid_target' });
    expect(r.statusCode).toBe(405);
    expect(r.body).toBe('Specified method is invalid for this resource');
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/nom/power' })).statusCode).toBe(405);
  });
});
