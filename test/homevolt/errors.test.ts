import { afterEach, describe, expect, it } from 'vitest';
import { HOMEVOLT_ERROR_CODES, HomevoltError } from '../../simulator/devices/homevolt/index.ts';
import { createHarness, enableLocal, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const state = async (x: Harness): Promise<string> => JSON.stringify([await x.getJson('/params.json'), await x.getJson('/schedule.json'), x.device.spiffs.list()]);

describe('the HOMEVOLT_ERR_* catalogue', () => {
  it('has stable, unique codes with a description each', () => {
    const codes = Object.keys(HOMEVOLT_ERROR_CODES);
    expect(codes.every((c) => /^HOMEVOLT_ERR_[A-Z_]+$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.values(HOMEVOLT_ERROR_CODES).every((d) => d.length > 10)).toBe(true);
    expect(new HomevoltError('HOMEVOLT_ERR_BAD_OPTION', 'x').code).toBe('HOMEVOLT_ERR_BAD_OPTION');
  });
});

describe('paths', () => {
  it('answers //ems.json and /errors.json with 404, as the device does', async () => {
    h = await createHarness();
    for (const path of ['//ems.json', '/errors.json', '/nope']) {
      const res = await h.get(path);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe('Nothing matches the given URI');
    }
  });

  it('answers a known path with another method with 405', async () => {
    h = await createHarness();
    expect((await h.get('/console.json')).statusCode).toBe(405);
  });

  it('compares the URI as sent, as ESP-IDF does: /status%2Ejson and /ems%2ejson are not the device\'s URIs', async () => {
    h = await createHarness();
    for (const path of ['/status%2Ejson', '/ems%2ejson']) expect((await h.get(path)).statusCode).toBe(404);
    expect((await h.get('/status.json')).statusCode).toBe(200);
  });
});

describe('POST /params.json', () => {
  it('saves a value with the documented text, store=1 surviving a reboot and store=0 not', async () => {
    h = await createHarness();
    expect((await h.post('/params.json', { k: 'ledstrip_bright_max', v: '55', store: '1' })).body).toBe("Saved parameter k: 'ledstrip_bright_max' v: '55'");
    await h.post('/params.json', { k: 'settings_local', v: 'true', store: '0' });
    expect((await h.getJson('/schedule.json')).local_mode).toBe(true);
    await h.console('reset 100');
    h.advance(1);
    expect((await h.get('/status.json')).statusCode).toBe(503);
    h.advance(25);
    const params = await h.getJson('/params.json');
    expect(params.find((p: any) => p.name === 'ledstrip_bright_max').value).toEqual([55]);
    expect(params.find((p: any) => p.name === 'settings_local').value).toEqual([false]);
    expect((await h.getJson("/status.json")).up_time).toBeLessThan(30_000);
  });

  it.each([
    [{ k: 'no_such', v: '1' }, "Invalid parameter 'no_such'"],
    [{ k: 'settings_local', v: 'yes' }, "Invalid value 'yes' for parameter 'settings_local'"],
    [{ k: 'ledstrip_bright_max', v: '101' }, "Invalid value '101' for parameter 'ledstrip_bright_max'"],
    [{ k: 'ledstrip_bright_max', v: '5.5' }, "Invalid value '5.5' for parameter 'ledstrip_bright_max'"],
    [{ k: 'ems_pid_tune', v: '1,2' }, "Invalid value '1,2' for parameter 'ems_pid_tune'"],
    [{ k: 'ledstrip_mode', v: 'disco' }, "Invalid value 'disco' for parameter 'ledstrip_mode'"],
    [{ k: 'settings_local', v: 'true', store: '2' }, "Invalid store '2': expected 0 or 1"],
    [{ v: 'true' }, 'Missing parameter: k and v are required'],
  ])('rejects %o with 400 and changes nothing', async (form, text) => {
    h = await createHarness();
    const before = await state(h);
    const res = await h.post('/params.json', form as Record<string, string>);
    expect(res.statusCode).toBe(400);
    expect(res.body).toBe(text);
    expect(await state(h)).toBe(before);
  });
});

describe('malformed bodies', () => {
  it.each([
    ['a JSON body', 'application/json', '{"cmd":"sched_clear"}'],
    ['an empty body', 'application/x-www-form-urlencoded', ''],
    ['bad percent-encoding', 'application/x-www-form-urlencoded', 'cmd=%E0%A4%A'],
    ['multipart without a boundary', 'multipart/form-data', 'cmd=sched_clear'],
    ['truncated multipart', 'multipart/form-data; boundary=B', '--B\r\nContent-Disposition: form-data; name="cmd"\r\n\r\nsched_clear'],
    ['a command over 1 KiB', 'application/x-www-form-urlencoded', `cmd=${'x'.repeat(2000)}`],
  ])('answers %s on /console.json with 400 and changes nothing', async (_what, type, payload) => {
    h = await createHarness();
    await enableLocal(h);
    const before = await state(h);
    const res = await h.app.inject({ method: 'POST', url: '/console.json', headers: { 'content-type': type }, payload });
    expect(res.statusCode).toBe(400);
    expect(await state(h)).toBe(before);
  });

  it('answers a huge form with 400 without reading it all', async () => {
    h = await createHarness();
    const res = await h.app.inject({ method: 'POST', url: '/params.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `k=x&v=${'9'.repeat(100_000)}` });
    expect(res.statusCode).toBe(400);
  });

  it.each([['/ct.json'], ['/ct.json?node_id=abc'], ['/logs.json?limit=-1'], ['/logs.json?level=LOUD'], ['/node_metrics.json?node_id=']])('answers %s with 400', async (url) => {
    h = await createHarness();
    expect((await h.get(url)).statusCode).toBe(400);
  });

  it('answers an unpaired node with 404', async () => {
    h = await createHarness();
    expect((await h.get('/node_metrics.json?node_id=9')).statusCode).toBe(404);
  });
});

describe('SPIFFS and OTA', () => {
  const upload = (x: Harness, path: string, bytes: Buffer) => x.app.inject({ method: 'POST', url: `/upload/spiffs/${path}`, headers: { 'content-type': 'application/octet-stream' }, payload: bytes });

  it('stores, reads back and deletes a file', async () => {
    h = await createHarness();
    expect((await upload(h, 'cfg.txt', Buffer.from('hello'))).json()).toEqual({ status: 'success', filename: 'cfg.txt', size: 5 });
    expect((await h.get('/spiffs/cfg.txt')).body).toBe('hello');
    expect((await h.post('/delete/spiffs/cfg.txt', {})).statusCode).toBe(200);
    expect((await h.get('/spiffs/cfg.txt')).statusCode).toBe(404);
  });

  it('answers 507 when the quota is full and keeps what was stored', async () => {
    h = await createHarness({ spiffsQuotaBytes: 8 });
    await upload(h, 'a', Buffer.alloc(6));
    const res = await upload(h, 'b', Buffer.alloc(3));
    expect(res.statusCode).toBe(507);
    expect(h.device.spiffs.list()).toEqual([{ path: 'a', size: 6 }]);
  });

  it('refuses paths that escape the file system', async () => {
    h = await createHarness();
    expect((await upload(h, '..%2Fx', Buffer.from('x'))).statusCode).toBe(400);
    expect((await upload(h, 'a'.repeat(40), Buffer.from('x'))).statusCode).toBe(400);
  });

  it('goes through a 503 window and a reboot after a firmware upload, in simulated time', async () => {
    h = await createHarness();
    const image = Buffer.alloc(1024, 0);
    image[0] = 0xe9;
    const res = await h.app.inject({ method: 'POST', url: '/update', headers: { 'content-type': 'application/octet-stream' }, payload: image });
    expect(res.json()).toEqual({ status: 'success', message: 'Firmware uploaded, installation will begin shortly' });
    const busy = await h.get('/ems.json');
    expect(busy.statusCode).toBe(503);
    expect(Number(busy.headers['retry-after'])).toBe(50);
    h.advance(49);
    expect((await h.get('/ems.json')).statusCode).toBe(503);
    h.advance(1);
    expect((await h.get('/ems.json')).statusCode).toBe(200);
  });

  it('refuses a file that is not an ESP32 image and stays up', async () => {
    h = await createHarness();
    const res = await h.app.inject({ method: 'POST', url: '/update', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from('not firmware, just text') });
    expect(res.statusCode).toBe(400);
    expect((await h.get('/ems.json')).statusCode).toBe(200);
  });

  it('answers 503 while booting', async () => {
    h = await createHarness({ bootS: 15 });
    expect((await h.get('/status.json')).statusCode).toBe(503);
    h.advance(15);
    expect((await h.get('/status.json')).statusCode).toBe(200);
  });
});
