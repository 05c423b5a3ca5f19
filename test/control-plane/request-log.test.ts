/** GET /_sim/log: bodies kept and redacted as the recorder redacts them, a bounded ring, filters checked strictly. */
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestLog, LOG_BODY_BYTES, type RequestRecord } from '../../simulator/control/request-log.ts';
import { createRandomStream } from '../../simulator/core/rng.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { getJson } from '../support/control-harness.ts';
import { createLogViewer } from '../../simulator/http/control/log-view.ts';

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

  it('keeps of the headers only the body type and those that may carry a secret, and still finds the Basic password anywhere in a body', async () => {
    const sessy = await startSessy({ seed: 3 });
    emulator = sessy;
    const { password } = sessy.credentials!;
    const auth = basic(sessy.credentials!.user, password);
    await fetch(`${sessy.url}/api/v1/system/settings`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json', 'x-trace': 'abc' }, body: `{"note":"${password}"}` });
    const [entry] = sessy.control.log.entries();
    const names = entry!.exchange!.requestHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(names.sort()).toEqual(['authorization', 'content-type']);
    const { body } = await logOf();
    expect(body.requests[0]!.request!.body).toContain('"note"');
    expect(JSON.stringify(body)).not.toContain(password);
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
  it('keeps a multipart form\'s Content-Type: the view names the type, shows the parameter name and redacts its value', async () => {
    const homevolt = await startHomevolt({ password: 'web-Pass-42' });
    emulator = homevolt;
    const psk = 'Psk-Secret-7731';
    const form = new FormData();
    form.set('k', 'ems_psk');
    form.set('v', psk);
    await fetch(`${homevolt.url}/params.json`, { method: 'POST', headers: { authorization: basic('admin', 'web-Pass-42') }, body: form });
    const { body } = await logOf();
    const request = body.requests[0]!.request as { body: string; contentType: string; encoding?: 'base64' };
    expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const text = request.encoding === 'base64' ? Buffer.from(request.body, 'base64').toString('utf8') : request.body;
    expect(text).toContain('name="k"');
    expect(text).toContain('ems_psk');
    expect(text).not.toContain(psk);
    expect(JSON.stringify(body)).not.toContain(psk);
  });

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

  const exchange = (requestBody: Uint8Array | string | null, responseBody: Uint8Array | string | null, requestHeaders: string[] = []) => ({ requestHeaders, requestBody, responseContentType: 'application/json', responseBody });
  const text = (bytes: Uint8Array | null | undefined): string | null => (bytes ? Buffer.from(bytes).toString('utf8') : null);

  it('gives back every byte of a body, a string as its UTF-8 bytes, and of a view only the bytes it shows', () => {
    const log = createRequestLog(4);
    const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const pooled = Buffer.from('{"a":1}'); // a view into Node's shared pool
    log.record({ ...record('/a'), exchange: exchange(every, 'Wh €', ['Content-Type', 'application/octet-stream', 'Authorization', 'Basic eDp5']) });
    log.record({ ...record('/b'), exchange: exchange(pooled, null) });
    const [a, b] = log.entries();
    expect(Buffer.from(a!.exchange!.requestBody!).equals(every)).toBe(true);
    expect(text(a!.exchange!.responseBody)).toBe('Wh €');
    expect(a!.exchange!.requestHeaders).toEqual(['Content-Type', 'application/octet-stream', 'Authorization', 'Basic eDp5']);
    expect(a!.exchange!.responseContentType).toBe('application/json');
    expect(text(b!.exchange!.requestBody)).toBe('{"a":1}');
    expect(b!.exchange!.responseBody).toBeNull();
    expect(b!.exchange!.requestHeaders).toEqual([]);
  });

  it('cuts a body beyond LOG_BODY_BYTES, bytes or text, to a prefix of what was sent', () => {
    const log = createRequestLog(4);
    log.record({ ...record('/bytes'), exchange: exchange(Buffer.alloc(LOG_BODY_BYTES + 10, 0x61), 'x'.repeat(LOG_BODY_BYTES + 1)) });
    log.record({ ...record('/text'), exchange: exchange(null, '€'.repeat(LOG_BODY_BYTES)) });
    const [bytes, euro] = log.entries();
    expect(bytes!.exchange!.requestBody!.byteLength).toBe(LOG_BODY_BYTES);
    expect(bytes!.exchange!.responseBody!.byteLength).toBe(LOG_BODY_BYTES);
    expect(euro!.exchange!.responseBody!.byteLength).toBe(LOG_BODY_BYTES);
    expect(Buffer.from(euro!.exchange!.responseBody!).equals(Buffer.from('€'.repeat(LOG_BODY_BYTES)).subarray(0, LOG_BODY_BYTES))).toBe(true);
  });

  it('gives back the newest entries exactly, whatever their sizes, as the ring wraps and grows (a seeded stream of 2,000)', () => {
    const rng = createRandomStream(7, 'request-log');
    const capacity = 37;
    const log = createRequestLog(capacity);
    const sent: RequestRecord[] = [];
    const problems: string[] = [];
    const body = (): Uint8Array | string | null => {
      const kind = rng.int(6);
      if (kind === 0) return null;
      const size = kind === 1 ? 0 : kind === 5 ? rng.int(LOG_BODY_BYTES) : rng.int(400);
      return kind === 2 ? 'é'.repeat(size >> 1) : Buffer.from(Array.from({ length: size }, () => rng.int(256)));
    };
    for (let i = 0; i < 2000; i++) {
      const r: RequestRecord = { simTimeMs: i * 1000, wallTimeMs: i, method: i % 2 ? 'POST' : 'GET', url: `/p/${i}`, status: rng.int(5) === 0 ? null : 200, durationMs: i / 7, faults: [], ...(rng.int(8) === 0 ? {} : { exchange: exchange(body(), body(), rng.int(2) ? ['Content-Type', `t/${i}`] : []) }) };
      sent.push(r);
      log.record(r);
      // Checked after every record, in plain code (an expect per field would take seconds); one assertion at the end.
      const kept = log.entries();
      const expected = sent.slice(-capacity);
      if (kept.length !== expected.length) problems.push(`${i}: ${kept.length} entries kept, ${expected.length} expected`);
      kept.forEach((e, k) => {
        const want = expected[k]!;
        const same = (a: Uint8Array | null | undefined, b: Uint8Array | string | null | undefined): boolean => (b === null || b === undefined ? a === null || a === undefined : a != null && Buffer.from(a).equals(Buffer.from(b as Uint8Array)));
        const x = want.exchange;
        const ok =
          e.seq === sent.length - expected.length + k + 1 &&
          e.url === want.url && e.method === want.method && e.status === want.status && e.simTimeMs === want.simTimeMs && e.durationMs === want.durationMs &&
          (x === undefined ? e.exchange === undefined : e.exchange !== undefined && e.exchange.requestHeaders.join('|') === x.requestHeaders.join('|') && same(e.exchange.requestBody, x.requestBody) && same(e.exchange.responseBody, x.responseBody));
        if (!ok && problems.length < 5) problems.push(`after record ${i}: entry ${e.seq} (${e.url}) differs from what was recorded`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('holds its bytes in one arena that grows to what the kept entries need and no further, and starts small again after a clear', () => {
    const log = createRequestLog(500);
    const post = { ...record('/api/v1/nom/power'), exchange: exchange('{"unique_id":"A1B2C3D4","state_of_charge":0.5}'.padEnd(240, ' '), '{"power_target_w":-350}') };
    const fresh = log.footprint();
    expect(fresh.arenaBytes).toBeLessThanOrEqual(4096);
    expect(fresh.columnBytes).toBeLessThan(2000); // 16 slots, not 500
    for (let i = 0; i < 20_000; i++) log.record(post);
    const full = log.footprint();
    // 500 entries of 264 bytes (a marker byte and the two bodies): 132 kB, in an arena that grows by half from 4 kB.
    expect(full.arenaBytes).toBeGreaterThanOrEqual(500 * 264);
    expect(full.arenaBytes).toBeLessThanOrEqual(1.5 * 500 * 264 + 4096);
    expect(full.columnBytes).toBe(500 * 9 * 8);
    expect(log.entries()).toHaveLength(500);
    log.clear();
    expect(log.footprint()).toEqual(fresh);
  });
});

describe('the log view', () => {
  const entry = (seq: number) => ({ seq, simTimeMs: 0, wallTimeMs: 0, method: 'GET', url: `/p/${seq}`, status: 200, durationMs: 1, faults: [] });

  it('redacts an entry once while it is among the newest it keeps, and forgets the oldest beyond that bound', () => {
    const view = createLogViewer(2);
    const first = view([entry(1)])[0];
    // The log builds new entry objects at every read: the sequence number finds the view.
    expect(view([entry(1)])[0]).toBe(first);
    view([entry(2), entry(3)]);
    expect(view([entry(3)])[0]).toBe(view([entry(3)])[0]);
    // Three views with room for two: the first is redacted again, not held forever.
    expect(view([entry(1)])[0]).not.toBe(first);
    expect(view([entry(1)])[0]).toEqual(first);
  });
});
