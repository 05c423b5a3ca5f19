/** GET /_sim/log: bodies kept and redacted as the recorder redacts them, a bounded ring, filters checked strictly. */
import { afterEach, describe, expect, it } from 'vitest';
import { boundedBody, createRequestLog, LOG_BODY_BYTES, type RequestRecord } from '../../simulator/control/request-log.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { getJson } from '../support/control-harness.ts';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const basic = (user: string, password: string): string => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

interface LogView {
  seq: number;
  url: string;
  status: number | null;
  simTimeMs: number;
  request: { body: string; contentType: string } | null;
  response: { body: string; contentType: string } | null;
}
const logOf = async (query = ''): Promise<{ status: number; body: { capacity: number; requests: LogView[]; error?: { code: string; message: string } } }> => getJson(`${emulator!.url}/_sim/log${query}`);

describe('GET /_sim/log on Sessy', () => {
  it('keeps the request and response bodies, and never the Basic credentials', async () => {
    const sessy = await startSessy({ seed: 3 });
    emulator = sessy;
    const auth = basic(sessy.credentials!.user, sessy.credentials!.password);
    await fetch(`${sessy.url}/api/v1/power/active_strategy`, { method: 'POST', headers: { authorization: auth }, body: '{"strategy":"POWER_STRATEGY_API"}' });
    await fetch(`${sessy.url}/api/v1/power/setpoint`, { method: 'POST', headers: { authorization: auth }, body: '{"setpoint":-1500}' });
    const { body, status } = await logOf();
    expect(status).toBe(200);
    expect(body.requests.map((r) => r.url)).toEqual(['/api/v1/power/active_strategy', '/api/v1/power/setpoint']);
    expect(body.requests[1]!.request!.body).toBe('{"setpoint":-1500}');
    expect(JSON.parse(body.requests[1]!.response!.body)).toEqual({ status: 'ok' });
    const text = JSON.stringify(body);
    expect(text).not.toContain(sessy.credentials!.password);
    expect(text).not.toContain(auth.slice(6));
  });

  it('filters by path pattern, status class, simulated time and sequence, and limits to the newest', async () => {
    const sessy = await startSessy({ seed: 3 });
    emulator = sessy;
    await fetch(`${sessy.url}/api/v1/power/status`);
    await fetch(`${sessy.url}/api/v1/nothing-here`);
    sessy.control.advance(60);
    await fetch(`${sessy.url}/api/v1/power/status?x=1`);
    await fetch(`${sessy.url}/api/v1/energy/status`); // 401: no credentials
    const urls = async (q: string) => (await logOf(q)).body.requests.map((r) => r.url);
    expect(await urls('?path=/api/v1/power/*')).toEqual(['/api/v1/power/status', '/api/v1/power/status?x=1']);
    expect(await urls('?status=4xx')).toEqual(['/api/v1/nothing-here', '/api/v1/energy/status']);
    expect(await urls('?status=401')).toEqual(['/api/v1/energy/status']);
    expect(await urls('?status=200&limit=1')).toEqual(['/api/v1/power/status?x=1']);
    const startMs = (await logOf()).body.requests[0]!.simTimeMs;
    expect(await urls(`?since=${startMs}`)).toEqual(['/api/v1/power/status?x=1', '/api/v1/energy/status']);
    expect(await urls('?after=3')).toEqual(['/api/v1/energy/status']);
  });

  it.each([
    ['?status=abc', /"status" must be a status/],
    ['?path=api', /"path" must start with \//],
    ['?since=yesterday', /"since" must be a whole number/],
    ['?limit=-1', /"limit" must be a whole number/],
    ['?after=1&after=2', /give "after" once/],
    ['?colour=red', /unknown filter "colour"/],
  ])('rejects the filter %s with a 400 naming it', async (query, message) => {
    emulator = await startSessy({ seed: 3 });
    const { status, body } = await logOf(query);
    expect(status).toBe(400);
    expect(body.error!.code).toBe('SIM_ERR_INVALID_PARAMETER');
    expect(body.error!.message).toMatch(message);
  });

  it('keeps as many entries as logEntries says, the newest', async () => {
    const sessy = await startSessy({ seed: 3, logEntries: 2 });
    emulator = sessy;
    for (const path of ['/api/v1/power/status', '/api/v1/energy/status', '/api/v1/meter/grid_target']) await fetch(sessy.url + path);
    const { body } = await logOf();
    expect(body.capacity).toBe(2);
    expect(body.requests.map((r) => [r.seq, r.url])).toEqual([
      [2, '/api/v1/energy/status'],
      [3, '/api/v1/meter/grid_target'],
    ]);
  });

  it.each([0, 1.5, 100_001, 'many'])('refuses logEntries %j at start', async (logEntries) => {
    await expect(startSessy({ logEntries: logEntries as number })).rejects.toThrow(/option "logEntries" must be a whole number from 1 to 100000/);
  });
});

describe('GET /_sim/log on Homevolt', () => {
  it('redacts a parameter password in the request form and in the parameter list', async () => {
    const homevolt = await startHomevolt({ password: 'web-Pass-42' });
    emulator = homevolt;
    const auth = basic('admin', 'web-Pass-42');
    const psk = 'Psk-Secret-7731';
    await fetch(`${homevolt.url}/params.json`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: `k=ems_psk&v=${psk}` });
    expect(await (await fetch(`${homevolt.url}/params.json`, { headers: { authorization: auth } })).text()).toContain(psk);
    const { body } = await logOf();
    expect(body.requests).toHaveLength(2);
    expect(body.requests[0]!.request!.body).toMatch(/^k=ems_psk&v=\S+$/);
    expect(body.requests[1]!.response!.body).toContain('ems_psk');
    const text = JSON.stringify(body);
    for (const secret of [psk, 'web-Pass-42', auth.slice(6)]) expect(text).not.toContain(secret);
  });
});

describe('the request log ring', () => {
  const record = (url: string): RequestRecord => ({ simTimeMs: 0, wallTimeMs: 0, method: 'GET', url, status: 200, durationMs: 1, faults: [] });

  it('numbers entries from 1 and never reuses a number after a clear (the page reads it incrementally)', () => {
    const log = createRequestLog(2);
    log.record(record('/a'));
    log.clear();
    log.record(record('/b'));
    expect(log.entries().map((e) => e.seq)).toEqual([2]);
  });

  it('keeps a short body that owns its memory as it is, and copies one that is a view of a larger buffer', () => {
    const own = new Uint8Array([0x7b, 0x7d]);
    expect(boundedBody(own)).toBe(own);
    // Buffer.from of a short string is a slice of Node's shared 8 KiB pool: keeping it would keep the whole slab.
    const pooled = Buffer.from('{"a":1}');
    const kept = boundedBody(pooled) as Uint8Array;
    expect(Buffer.from(kept).toString()).toBe('{"a":1}');
    expect(kept.buffer.byteLength).toBe(pooled.length);
  });

  it('cuts a body beyond LOG_BODY_BYTES', () => {
    const big = Buffer.alloc(LOG_BODY_BYTES + 10, 0x61);
    const cut = boundedBody(big) as Uint8Array;
    expect(cut.length).toBe(LOG_BODY_BYTES);
    expect(cut.buffer).not.toBe(big.buffer);
    expect((boundedBody('x'.repeat(LOG_BODY_BYTES + 1)) as string).length).toBe(LOG_BODY_BYTES);
  });
});
