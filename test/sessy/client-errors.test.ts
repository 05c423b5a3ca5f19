/** Issue 19: every client mistake gets the dongle's own 4xx, in the firmware's order, and changes nothing. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.advance(10);
});

const errorBody = (text: string) => `{"status":"error","error":${JSON.stringify(text)}}`;
const send = (method: string, url: string, options: { contentType?: string; body?: string; auth?: boolean } = {}) =>
  h.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(options.auth === false ? {} : { authorization: h.authorization! }), ...(options.contentType !== undefined ? { 'content-type': options.contentType } : {}) },
    ...(options.body !== undefined ? { payload: options.body } : {}),
  });

describe('methods', () => {
  it('answers QUERY, which ESP-IDF\'s parser does not know, with its 400 (issue 19: was 500)', async () => {
    const r = await send('QUERY', '/ping', { contentType: 'text/plain', body: 'x' });
    expect([r.statusCode, r.headers['content-type'], r.body]).toEqual([400, 'text/html', 'Bad request syntax']);
  });

  it.each(['PROPFIND', 'OPTIONS', 'HEAD', 'PATCH', 'DELETE'])('answers %s on a known URI with 405, before authentication', async (method) => {
    const r = await send(method, '/api/v1/power/active_strategy', { auth: false });
    expect(r.statusCode).toBe(405);
    expect(r.headers['content-type']).toBe('text/html');
  });

  it('answers an unknown URI with 404 whatever the method', async () => {
    const r = await send('PROPFIND', '/nope', { auth: false });
    expect([r.statusCode, r.body]).toEqual([404, 'Nothing matches the given URI']);
  });
});

describe('Content-Type is not read, as the firmware reads any body', () => {
  it.each([';', 'nonsense', 'application/json; charset=utf-8; x', 'multipart/form-data'])('sets the strategy with Content-Type %j (issue 19: ";" was 500)', async (contentType) => {
    await h.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_IDLE"}');
    const r = await send('POST', '/api/v1/power/active_strategy', { contentType, body: '{"strategy":"POWER_STRATEGY_NOM"}' });
    expect(r.statusCode).toBe(200);
    expect(h.device.strategy()).toBe('POWER_STRATEGY_NOM');
  });

  it('still asks for credentials first when the Content-Type is broken', async () => {
    const r = await send('POST', '/api/v1/power/active_strategy', { auth: false, contentType: ';', body: 'x' });
    expect(r.statusCode).toBe(401);
  });
});

describe('the order of checks: route, method, authentication, body', () => {
  const huge = 'x'.repeat(70_000);
  it.each([
    ['an unknown URI', '/nope', false, 404],
    ['a known URI without credentials', '/api/v1/power/setpoint', false, 401],
    ['a known URI with credentials', '/api/v1/power/setpoint', true, 400],
  ] as const)('answers a body beyond the server\'s limit on %s (%s, credentials: %s) with %i', async (_name, url, auth, status) => {
    const r = await send('POST', url, { auth, contentType: 'application/json', body: huge });
    expect(r.statusCode).toBe(status);
    if (status === 400) expect(r.body).toBe(errorBody('content too long'));
  });
});

describe('bounds the firmware enforces', () => {
  it.each([1e308, -1e308, 2147483648, -2147483649])('refuses setpoint %d, which does not fit a C int', async (setpoint) => {
    await h.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_API"}');
    await h.post('/api/v1/power/setpoint', '{"setpoint":100}');
    const r = await h.post('/api/v1/power/setpoint', JSON.stringify({ setpoint }));
    expect([r.statusCode, r.body]).toEqual([400, errorBody('Failed to parse required integer argument setpoint, with error: ESP_ERR_INVALID_ARG')]);
    expect((await h.simState()).apiSetpointW).toBe(100);
  });

  it.each([
    ['total_sessys', 0, 'Erroneously set the total_sessys out of range (1:60), with a value of 0'],
    ['total_sessys', 61, 'Erroneously set the total_sessys out of range (1:60), with a value of 61'],
    ['max_power', 1e308, 'Erroneously set the max_power out of range (50:2200), with a value of 2147483647'],
    ['min_power', -5, 'Erroneously set the min_power out of range (50:2200), with a value of -5'],
    ['group_current', 41, 'Erroneously set the group_current out of range (4:40), with a value of 41'],
    ['active_phase', -1e308, 'Erroneously set the active phase out of range (1, 2 or 3), with a value of -2147483648'],
    ['p1_hostname', 'h'.repeat(254), 'Failed to parse p1 hostname, with error: ESP_ERR_INVALID_SIZE'],
  ])('refuses %s = %s and changes no setting', async (key, value, text) => {
    const before = (await h.get('/api/v1/system/settings')).body;
    const r = await h.post('/api/v1/system/settings', JSON.stringify({ [key]: value }));
    expect([r.statusCode, r.body]).toEqual([400, errorBody(text)]);
    expect((await h.get('/api/v1/system/settings')).body).toBe(before);
  });

  it('refuses JSON nested deeper than cJSON\'s limit of 1000 as unparsable', async () => {
    const deep = `${'['.repeat(1001)}${']'.repeat(1001)}`;
    const r = await h.post('/api/v1/power/active_strategy', deep);
    expect(r.body).toBe(errorBody('Failed to parse json'));
    const ok = await h.post('/api/v1/power/active_strategy', `{"strategy":"POWER_STRATEGY_IDLE","x":${'['.repeat(900)}${']'.repeat(900)}}`);
    expect(ok.statusCode).toBe(200);
  });

  it('quotes at most 32 characters of an OTA target it refuses', async () => {
    const r = await h.post('/api/v1/ota/start', JSON.stringify({ target: `OTA_${'X'.repeat(1000)}` }));
    expect(r.body).toBe(errorBody(`Invalid OTA update target, found: 'OTA_${'X'.repeat(28)}...'`));
  });
});
