/** Every row of docs/sessy.md §5, over HTTP, byte for byte; and no rejected request changes state. */
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, NOT_API_TEXT } from '../../simulator/http/sessy/index.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.advance(10);
});

const errorBody = (text: string) => `{"status":"error","error":${JSON.stringify(text)}}`;

describe('401 for missing or wrong Basic auth', () => {
  it.each([
    ['no header', undefined],
    ['a wrong password', `Basic ${Buffer.from('DXXXXXXX:WRONG').toString('base64')}`],
    ['lower-cased credentials', 'lower'],
    ['a non-Basic scheme', 'Bearer abc'],
  ])('rejects %s with an empty body, realm Sessy and keep-alive', async (_name, header) => {
    const authorization = header === 'lower' ? `Basic ${Buffer.from(`${h.credentials!.user.toLowerCase()}:${h.credentials!.password.toLowerCase()}`).toString('base64')}` : header;
    const r = await h.app.inject({ method: 'GET', url: '/api/v1/power/active_strategy', headers: authorization ? { authorization } : {} });
    expect(r.statusCode).toBe(401);
    expect(r.statusMessage).toBe('UNAUTHORIZED');
    expect(r.headers['www-authenticate']).toBe('Basic realm="Sessy"');
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers.connection).toBe('keep-alive');
    expect(r.body).toBe('');
  });

  it('protects POST endpoints before reading the body', async () => {
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/power/setpoint', payload: 'not json' });
    expect(r.statusCode).toBe(401);
  });

  it('protects nothing when no credentials are stored', async () => {
    const open = await createHarness({ noAuth: true });
    const r = await open.app.inject({ method: 'GET', url: '/api/v1/power/active_strategy' });
    expect(r.statusCode).toBe(200);
  });
});

describe('400 with the firmware text, text/html and the connection closed', () => {
  it.each([
    ['POST /api/v1/power/setpoint', 'not JSON', '/api/v1/power/setpoint', '{"setpoint":', 'Failed to parse json'],
    ['POST /api/v1/power/setpoint', 'an empty body', '/api/v1/power/setpoint', '', 'Failed to parse json'],
    ['POST /api/v1/power/setpoint', 'no setpoint', '/api/v1/power/setpoint', '{}', 'Failed to parse required integer argument setpoint, with error: ESP_ERR_NOT_FOUND'],
    ['POST /api/v1/power/setpoint', 'a string setpoint', '/api/v1/power/setpoint', '{"setpoint":"100"}', 'Failed to parse required integer argument setpoint, with error: ESP_ERR_INVALID_ARG'],
    ['POST /api/v1/power/setpoint', 'a fractional setpoint', '/api/v1/power/setpoint', '{"setpoint":10.5}', 'Failed to parse required integer argument setpoint, with error: ESP_ERR_INVALID_ARG'],
    ['POST /api/v1/power/setpoint', 'a setpoint while not in API', '/api/v1/power/setpoint', '{"setpoint":100}', NOT_API_TEXT],
    ['POST /api/v1/power/active_strategy', 'not JSON', '/api/v1/power/active_strategy', 'strategy=API', 'Failed to parse json'],
    ['POST /api/v1/power/active_strategy', 'no strategy', '/api/v1/power/active_strategy', '{"mode":"API"}', 'Failed to parse required string argument strategy, with error: ESP_ERR_NOT_FOUND'],
    ['POST /api/v1/power/active_strategy', 'a numeric strategy', '/api/v1/power/active_strategy', '{"strategy":3}', 'Failed to parse required string argument strategy, with error: ESP_ERR_INVALID_ARG'],
    ['POST /api/v1/power/active_strategy', 'an unknown strategy', '/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_SESSY_ECO"}', 'Provided argument is not a valid power strategy'],
    ['POST /api/v1/system/settings', 'an empty body', '/api/v1/system/settings', '', 'Failed to read post body, no content received'],
    ['POST /api/v1/system/settings', 'not JSON', '/api/v1/system/settings', '{x', 'Failed to parse json'],
    ['POST /api/v1/system/settings', 'an active phase of 4', '/api/v1/system/settings', '{"active_phase":4}', 'Erroneously set the active phase out of range (1, 2 or 3), with a value of 4'],
    ['POST /api/v1/system/settings', 'a grid phase of 5', '/api/v1/system/settings', '{"grid_phase":5}', 'Erroneously set the grid_phase out of range (0:3), with a value of 5'],
    ['POST /api/v1/system/settings', 'a min_soc of 101', '/api/v1/system/settings', '{"min_soc":101}', 'min_soc out of bounds, only allowed to set 0-100'],
    ['POST /api/v1/system/settings', 'a stop time before the start', '/api/v1/system/settings', '{"enabled_time":"10:00-09:00"}', 'Tried to set stop time before the start time'],
    ['POST /api/v1/system/settings', 'a malformed time', '/api/v1/system/settings', '{"enabled_time":"9-17"}', 'Tried to set an invalid time format, with error: ESP_ERR_INVALID_ARG'],
    ['POST /api/v1/system/settings', 'a noise level of 9 while enabled', '/api/v1/system/settings', '{"disable_noise_level":false,"allowed_noise_level":9}', 'Erroneously set the allowed_noise_level out of range (1 to 5), with a value of 9'],
    ['POST /api/v1/system/settings', 'a numeric p1 hostname', '/api/v1/system/settings', '{"p1_hostname":12}', 'Failed to parse p1 hostname, with error: ESP_ERR_INVALID_ARG'],
    ['POST /api/v1/ota/start', 'no body', '/api/v1/ota/start', '', 'No json body found'],
    ['POST /api/v1/ota/start', 'no target', '/api/v1/ota/start', '{}', 'No OTA target found, with error: ESP_ERR_NOT_FOUND'],
    ['POST /api/v1/ota/start', 'an invalid target', '/api/v1/ota/start', '{"target":"OTA_TARGET_MOON"}', "Invalid OTA update target, found: 'OTA_TARGET_MOON'"],
    ['POST /api/v1/power/setpoint', 'an oversized body', '/api/v1/power/setpoint', `{"setpoint":100,"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`, 'content too long'],
    ['POST /api/v1/system/settings', 'an oversized body', '/api/v1/system/settings', `{"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`, 'content too long'],
    ['POST /api/v1/power/setpoint', 'a body beyond the hard limit', '/api/v1/power/setpoint', `{"pad":"${'x'.repeat(70_000)}"}`, 'content too long'],
  ])('%s rejects %s', async (_route, _case, url, payload, text) => {
    const before = await h.simState();
    const settingsBefore = (await h.get('/api/v1/system/settings')).body;
    const r = await h.post(url, payload);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.headers.connection).toBe('close');
    expect(r.body).toBe(errorBody(text));
    // A rejected request never changes state.
    expect(await h.simState()).toEqual(before);
    expect((await h.get('/api/v1/system/settings')).body).toBe(settingsBefore);
  });
});

describe('404 and 405 as ESP-IDF sends them', () => {
  it.each(['/api/v1/nothing', '/api/v1/power/status/', '/api/v1/meter/grid_target', '/', '/api/v1/power/statu%73'])('answers 404 for %s, before auth', async (url) => {
    const r = await h.app.inject({ method: 'GET', url });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.headers.connection).toBe('close');
    expect(r.body).toBe('Nothing matches the given URI');
  });

  it.each([
    ['PUT', '/api/v1/power/status'],
    ['DELETE', '/api/v1/power/active_strategy'],
    ['GET', '/api/v1/power/setpoint'],
    ['POST', '/api/v1/power/status'],
  ])('answers 405 for %s %s', async (method, url) => {
    const r = await h.app.inject({ method: method as 'GET', url });
    expect(r.statusCode).toBe(405);
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.body).toBe('Specified method is invalid for this resource');
  });
});

describe('lenient settings writes', () => {
  it('accepts a read-modify-write of the whole object, booleans as strings, unknown keys ignored', async () => {
    const fresh = await createHarness();
    const current = await fresh.json('/api/v1/system/settings');
    const r = await fresh.post('/api/v1/system/settings', JSON.stringify({ ...current, min_power: 100, disable_noise_level: 'true', no_such_key: 1 }));
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('{\n\t"status":\t"ok"\n}');
    const after = await fresh.json('/api/v1/system/settings');
    expect(after.min_power).toBe(100);
    expect(after.disable_noise_level).toBe(true);
    expect(after).not.toHaveProperty('no_such_key');
  });
});

describe('the same request, asked again', () => {
  it('gets the same verdict on auth and body each time, while the handler acts on the state of the moment', async () => {
    const fresh = await createHarness();
    const setpoint = () => fresh.post('/api/v1/power/setpoint', '{"setpoint":100}');
    const bad = () => fresh.post('/api/v1/power/setpoint', '{"setpoint":"100"}');
    const wrongAuth = () => fresh.app.inject({ method: 'POST', url: '/api/v1/power/setpoint', headers: { authorization: 'Basic ' + Buffer.from('x:y').toString('base64') }, payload: '{"setpoint":100}' });
    for (let round = 0; round < 2; round++) {
      expect((await bad()).body).toBe(errorBody('Failed to parse required integer argument setpoint, with error: ESP_ERR_INVALID_ARG'));
      expect((await wrongAuth()).statusCode).toBe(401);
    }
    expect((await setpoint()).body).toBe(errorBody(NOT_API_TEXT));
    await fresh.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_API"}');
    expect((await setpoint()).statusCode).toBe(200);
    expect((await bad()).statusCode).toBe(400);
    await fresh.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_IDLE"}');
    expect((await setpoint()).body).toBe(errorBody(NOT_API_TEXT));
    expect((await wrongAuth()).statusCode).toBe(401);
  });
});
