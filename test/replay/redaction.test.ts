import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { createPlaceholderRegistry, createRedactor, parseHar, redactExchange, startRecorder, startReplay } from '../../simulator/replay/index.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';
import { basic, fixtureEntry } from './support/har-fixtures.ts';
import { findLeak } from './support/leaks.ts';
import { send } from './support/session.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
// One Sessy emulator for the file: starting one takes seconds.
let sessy: RunningEmulator;
beforeAll(async () => {
  sessy = await startSessy();
});
afterAll(async () => {
  await sessy.close();
});
const outFile = (): string => join(mkdtempSync(join(tmpdir(), 'battsim-redact-')), 'trace.har');
const form = 'application/x-www-form-urlencoded';

describe('secrets never reach disk', () => {
  it('keeps the Sessy credentials and a Wi-Fi password out of every byte of the file', async () => {
    const emulator = sessy;
    const { user, password } = emulator.credentials ?? { user: '', password: '' };
    const out = outFile();
    const recorder = await startRecorder({ target: emulator.url, out });
    closers.push(() => recorder.close());
    const auth = basic(user, password);
    await send(recorder.url, { path: '/api/v1/system/info', auth });
    await send(recorder.url, { method: 'POST', path: '/api/v1/wifi_sta/credentials', auth, body: '{"ssid":"HomeNet","pass":"correct horse battery"}' });
    const raw = readFileSync(out);
    for (const secret of [password, auth, auth.slice(6), 'correct horse battery', 'correct%20horse']) expect(raw.includes(secret), secret).toBe(false);
    const entries = parseHar(raw.toString('utf8')).log.entries;
    expect(entries[0]?.request.headers.find((h) => h.name === 'authorization')?.value).toMatch(/^Basic REDACTED-SECRET-\d+$/);
    // Without --redact-identity the serial stays: it is not a secret.
    expect(raw.includes(user)).toBe(true);
  });

  it('keeps a Homevolt pre-shared key out of params, the console and its echo', async () => {
    const emulator = await startHomevolt({ password: 'HV-PASSW0RD' });
    closers.push(() => emulator.close());
    const out = outFile();
    const recorder = await startRecorder({ target: emulator.url, out });
    closers.push(() => recorder.close());
    const auth = basic('admin', 'HV-PASSW0RD');
    await send(recorder.url, { method: 'POST', path: '/params.json', auth, contentType: form, body: 'k=ems_psk&v=psk-from-form-1&store=0' });
    await send(recorder.url, { path: '/params.json', auth });
    await send(recorder.url, { method: 'POST', path: '/console.json', auth, contentType: form, body: 'cmd=param_set ems_psk psk-from-console-2' });
    const got = await send(recorder.url, { method: 'POST', path: '/console.json', auth, contentType: form, body: 'cmd=param_get ems_psk' });
    const listed = await send(recorder.url, { method: 'POST', path: '/console.json', auth, contentType: form, body: 'cmd=param_list' });
    expect(got.body.toString()).toContain('psk-from-console-2');
    expect(listed.body.toString()).toContain('psk-from-console-2');
    const raw = readFileSync(out);
    for (const secret of ['HV-PASSW0RD', 'psk-from-form-1', 'psk-from-console-2']) expect(raw.includes(secret), secret).toBe(false);
  });

  it('gives the same secret the same placeholder, so a replayed write still matches', async () => {
    const redactor = createRedactor({ identity: false });
    const entry = (body: string) => fixtureEntry({ atS: 0, method: 'POST', path: '/console.json', contentType: form, body, response: 'ok' });
    const a = redactor.redactEntry(entry('cmd=param_set ems_psk abcdef123'));
    const b = redactor.redactEntry(entry('cmd=param_set ems_psk abcdef123'));
    const c = redactor.redactEntry(entry('cmd=param_set ems_psk other-secret'));
    expect(a.request.postData?.text).toBe(b.request.postData?.text);
    expect(a.request.postData?.text).not.toBe(c.request.postData?.text);
    const server = await startReplay({ recording: { log: { version: '1.2', creator: { name: 't', version: '0' }, pages: [], entries: [a] } } });
    closers.push(() => server.close());
    expect((await send(server.url, { method: 'POST', path: '/console.json', contentType: form, body: 'cmd=param_set ems_psk abcdef123' })).status).toBe(200);
  });
});

describe('issue 19: secrets never reach disk, however the client sends them', () => {
  it('keeps a Homevolt key posted as multipart (the Homey app, curl -F) out of the file, echo included', async () => {
    const emulator = await startHomevolt({ password: 'HV-PASSW0RD' });
    closers.push(() => emulator.close());
    const out = outFile();
    const recorder = await startRecorder({ target: emulator.url, out });
    closers.push(() => recorder.close());
    const auth = basic('admin', 'HV-PASSW0RD');
    const form = new FormData();
    form.append('k', 'ems_psk');
    form.append('v', 'multipart-psk-91');
    form.append('store', '0');
    const multipart = await fetch(`${recorder.url}/params.json`, { method: 'POST', headers: { authorization: auth }, body: form });
    expect(await multipart.text()).toBe("Saved parameter k: 'ems_psk' v: 'multipart-psk-91'");
    // A Homevolt form with no Content-Type, and one declared text/plain.
    for (const contentType of [undefined, 'text/plain']) {
      await fetch(`${recorder.url}/params.json`, { method: 'POST', headers: { authorization: auth, ...(contentType ? { 'content-type': contentType } : {}) }, body: new TextEncoder().encode('k=ems_psk&v=plain-psk-92') });
    }
    await fetch(`${recorder.url}/ems.json`, { headers: { authorization: auth, 'x-battsim-token': 'control-token-93' } });
    const raw = readFileSync(out);
    for (const secret of ['HV-PASSW0RD', 'multipart-psk-91', 'plain-psk-92', 'control-token-93']) expect(findLeak(raw, secret), secret).toBeNull();
    const entries = parseHar(raw.toString('utf8')).log.entries;
    expect(entries[0]?.response.content.text).toMatch(/^Saved parameter k: 'ems_psk' v: 'REDACTED-SECRET-\d+'$/);
    expect(entries.every((e) => e.request.postData?._withheld === undefined)).toBe(true);
  });

  it('keeps a Wi-Fi password sent as JSON under a form type (curl -d) or as octet-stream out of the file', async () => {
    const out = outFile();
    const recorder = await startRecorder({ target: sessy.url, out });
    closers.push(() => recorder.close());
    const { user, password } = sessy.credentials ?? { user: '', password: '' };
    for (const [contentType, pass] of [
      ['application/x-www-form-urlencoded', 'curl-dash-d-pass-94'],
      ['application/octet-stream', 'octet-stream-pass-95'],
    ] as const) {
      await send(recorder.url, { method: 'POST', path: '/api/v1/wifi_sta/credentials', auth: basic(user, password), contentType, body: JSON.stringify({ ssid: 'HomeNet', pass }) });
    }
    const raw = readFileSync(out);
    for (const secret of [password, 'curl-dash-d-pass-94', 'octet-stream-pass-95']) expect(findLeak(raw, secret), secret).toBeNull();
  });

  it('withholds a body it cannot read that goes to an endpoint taking secrets, and says why', () => {
    const redactor = createRedactor({ identity: false });
    const garbage = fixtureEntry({ atS: 0, method: 'POST', path: '/params.json', contentType: 'text/plain', body: 'k ems_psk v unreadable-psk-96 \u0000', response: 'bad request' });
    const redacted = redactor.redactEntry(garbage);
    expect(redacted.request.postData?.text).toMatch(/^\[battsim: request body of \d+ bytes withheld: it could not be read as JSON or form fields/);
    expect(redacted.request.postData?._withheld).toBeDefined();
    expect(JSON.stringify(redacted)).not.toContain('unreadable-psk-96');
    // The same text to an endpoint that takes no secrets and names none is kept.
    const harmless = redactor.redactEntry(fixtureEntry({ atS: 0, method: 'POST', path: '/api/v1/notes', contentType: 'text/plain', body: 'hello device', response: 'ok' }));
    expect(harmless.request.postData?.text).toBe('hello device');
  });
});

describe('secrets in the spellings text substitution cannot see', () => {
  const secretsLeft = (pair: ReturnType<typeof redactExchange>, secret: string): string | null => findLeak(Buffer.from(JSON.stringify(pair)), secret);

  it('keeps a password out of JSON carried as a string inside JSON', () => {
    const body = JSON.stringify({ data: JSON.stringify({ ssid: 'home', password: 'nested-secret-103' }) });
    const redacted = redactExchange({ request: { method: 'POST', url: '/api/v1/wifi_sta/credentials', headers: { 'content-type': 'application/json' }, body } });
    expect(secretsLeft(redacted, 'nested-secret-103')).toBeNull();
    expect(JSON.parse(JSON.parse(redacted.request.body).data)).toEqual({ ssid: 'home', password: expect.stringMatching(/^REDACTED-SECRET-\d+$/) });
  });

  it('keeps a password the device echoes with \\u escapes, in a field of any name, out of the response', () => {
    const redacted = redactExchange({
      request: { method: 'POST', url: '/api/v1/wifi_sta/credentials', headers: { 'content-type': 'application/json' }, body: '{"password":"echoed-secret-104"}' },
      response: { status: 200, headers: [['content-type', 'application/json']], body: '{"saved":"stored ech\\u006fed-secret-104 for home"}' },
    });
    expect(secretsLeft(redacted, 'echoed-secret-104')).toBeNull();
    expect(JSON.parse(redacted.response!.body).saved).toMatch(/^stored REDACTED-SECRET-\d+ for home$/);
  });

  it('leaves a JSON body with escapes and no secret byte for byte as sent', () => {
    const body = '{"name":"caf\\u00e9","note":"a\\/b"}';
    const redacted = redactExchange({ request: { method: 'POST', url: '/api/v1/notes', headers: { 'content-type': 'application/json', authorization: basic('admin', 'plain-secret-105') }, body } });
    expect(redacted.request.body).toBe(body);
  });

  it('keeps the password of a URL with user information (http://user:password@host/) out', () => {
    const redacted = redactExchange({ request: { method: 'GET', url: 'http://admin:url%40secret-106@192.168.1.50/ems.json' } });
    expect(secretsLeft(redacted, 'url@secret-106')).toBeNull();
    expect(redacted.request.url).toMatch(/^http:\/\/admin:REDACTED-SECRET-\d+@192\.168\.1\.50\/ems\.json$/);
  });
});

describe('issue 19: hostile bodies', () => {
  it('redacts JSON nested 5,000 deep without overflowing the stack, withholding what it cannot walk', () => {
    const body = `${'['.repeat(5000)}{"pass":"deep-secret-102"}${']'.repeat(5000)}`;
    const redacted = createRedactor({ identity: true }).redactEntry(fixtureEntry({ atS: 0, method: 'POST', path: '/api/v1/anything', body, response: body }));
    expect(JSON.stringify(redacted)).not.toContain('deep-secret-102');
    expect(redacted.request.postData?._withheld).toBeDefined();
    expect(redacted.response.content._withheld).toBeDefined();
  });
});

describe('redactExchange: one pair, redacted as the recorder redacts it', () => {
  it('takes Node or fetch headers and string or byte bodies, and returns the redacted pair', () => {
    const redacted = redactExchange({
      request: { method: 'POST', url: '/params.json?token=query-secret-97', headers: { authorization: basic('admin', 'pair-password-98'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'k=ems_psk&v=pair-psk-99' },
      response: { status: 200, headers: [['content-type', 'text/plain']], body: new TextEncoder().encode("Saved parameter k: 'ems_psk' v: 'pair-psk-99'") },
    });
    expect(redacted.request.url).toMatch(/^\/params\.json\?token=REDACTED-SECRET-\d+$/);
    expect(redacted.request.headers).toContainEqual(['authorization', expect.stringMatching(/^Basic REDACTED-SECRET-\d+$/)]);
    expect(redacted.request.body).toMatch(/^k=ems_psk&v=REDACTED-SECRET-\d+&?/);
    expect(redacted.response?.body).toMatch(/v: 'REDACTED-SECRET-\d+'$/);
    expect(JSON.stringify(redacted)).not.toMatch(/query-secret-97|pair-password-98|pair-psk-99/);
  });

  it('keeps stand-ins consistent across calls that share a redactor', () => {
    const redactor = createRedactor({ identity: false });
    const pair = (token: string) => ({ request: { method: 'GET', url: 'http://192.168.1.50/ems.json', headers: { 'x-battsim-token': token } } });
    const a = redactExchange(pair('shared-token-100'), { redactor });
    const b = redactExchange(pair('other-token-101'), { redactor });
    const again = redactExchange(pair('shared-token-100'), { redactor });
    expect(a.request.headers).toEqual([['x-battsim-token', 'REDACTED-SECRET-1']]);
    expect(b.request.headers).toEqual([['x-battsim-token', 'REDACTED-SECRET-2']]);
    expect(again.request.headers).toEqual(a.request.headers);
    expect(a.response).toBeNull();
  });
});

describe('--redact-identity', () => {
  it('replaces serials, MACs, hostnames, IPs and SSIDs with consistent placeholders of the same shape', async () => {
    const emulator = sessy;
    const out = outFile();
    const recorder = await startRecorder({ target: emulator.url, out, redactIdentity: true });
    closers.push(() => recorder.close());
    const auth = basic(emulator.credentials?.user ?? '', emulator.credentials?.password ?? '');
    const direct = await send(emulator.url, { path: '/api/v1/network/status', auth });
    const info = JSON.parse((await send(emulator.url, { path: '/api/v1/system/info', auth })).body.toString()) as { self_serial: string; sessy_serial: string };
    const network = JSON.parse(direct.body.toString()) as { wifi_sta: { ssid: string; mac: string; ip: number[] } };
    for (let i = 0; i < 2; i++) {
      await send(recorder.url, { path: '/api/v1/system/info', auth });
      await send(recorder.url, { path: '/api/v1/network/status', auth });
    }
    const raw = readFileSync(out, 'utf8');
    for (const id of [info.self_serial, info.sessy_serial, network.wifi_sta.ssid, network.wifi_sta.mac, network.wifi_sta.ip.join(', ')]) expect(raw.includes(id), id).toBe(false);
    const bodies = parseHar(raw).log.entries.map((e) => JSON.parse(e.response.content.text ?? '{}') as Record<string, unknown>);
    expect(bodies[0]).toEqual(bodies[2]);
    expect(bodies[1]).toEqual(bodies[3]);
    expect(bodies[0]?.['self_serial']).toMatch(/^D[0-9A-Z]{7}$/);
    expect((bodies[1]?.['wifi_sta'] as { mac: string } | undefined)?.mac).toMatch(/^02[0-9A-F]{10}$/);
  });

  it.each([
    ['a MAC with colons', 'mac', 'aa:bb:cc:dd:ee:ff', /^02(:[0-9a-f]{2}){5}$/],
    ['a Homevolt hostname', 'hostname', 'homevolt-68b6b34cda94', /^homevolt-02[0-9a-f]{10}$/],
    ['a Sessy hostname', 'hostname', 'sessy-DABC', /^sessy-D[0-9A-Z]{3}$/],
    ['an IP', 'ip', '192.168.1.50', /^10\.255\.\d+\.\d+$/],
    ['a 20-digit battery serial', 'serial', '80000274069924350025', /^\d{20}$/],
  ] as const)('keeps the shape of %s', (_name, category, value, shape) => {
    expect(createPlaceholderRegistry().placeholder(category, value)).toMatch(shape);
    expect(createPlaceholderRegistry({ key: 'a-redaction-key' }).placeholder(category, value)).toMatch(shape);
  });

  it('gives the same stand-in across recordings when a redaction key is set, whatever the order', () => {
    const one = createPlaceholderRegistry({ key: 'a-redaction-key' });
    const two = createPlaceholderRegistry({ key: 'a-redaction-key' });
    one.placeholder('serial', 'DZZZZ999');
    expect(one.placeholder('serial', 'DABCD123')).toBe(two.placeholder('serial', 'DABCD123'));
    expect(createPlaceholderRegistry({ key: 'another-key-123' }).placeholder('serial', 'DABCD123')).not.toBe(two.placeholder('serial', 'DABCD123'));
  });
});
