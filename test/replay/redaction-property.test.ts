/**
 * Issue 19 item 2, as a property: a secret planted in any encoding a client or the device can use never
 * reaches the bytes of the HAR file, in any spelling (support/leaks.ts), and the redacted request still
 * matches the request a replaying client sends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHarEntry, createRedactor, keyOf, shapeOfEntry, type HarEntry } from '../../simulator/replay/index.ts';
import { findLeak } from './support/leaks.ts';

/** One exchange as the recorder captures it. */
interface Planted {
  readonly method: string;
  readonly path: string;
  readonly headers: readonly string[];
  readonly body: string | Buffer;
  readonly responseHeaders?: readonly string[];
  readonly response?: string;
  /** Whether the request body must stay readable (redacted field by field, not withheld). */
  readonly keepsBody: boolean;
}

const WORDS = ['pass', 'password', 'wifi_pass', 'psk', 'apiKey', 'token', 'client_secret', 'mqtt_password'];
/** Content types clients really send, right and wrong: curl -d, curl --data-binary, none at all. */
const DECLARED: readonly (string | null)[] = ['application/json', 'application/x-www-form-urlencoded', 'application/octet-stream', 'text/plain', null];

const ANY_CHAR = fc.constantFrom(...'abcXYZ0189-_.~!*\'()"\\/&=%+?#:;@$, é€ü漢😀'.match(/./gu)!);
const TOKEN_CHAR = fc.constantFrom(...'abcdefXYZ0123456789-_.~!*()&=%+?#:@$,/\'"\\é€😀'.match(/./gu)!);
const HEADER_CHAR = fc.constantFrom(...'abcdefXYZ0123456789-_.~!*()&=%+?#:@$/'.split(''));
/** At least 8 characters and 5 different ones, so a secret cannot occur in the file by chance. */
const secretOf = (chars: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .array(chars, { minLength: 8, maxLength: 24 })
    .map((cs) => cs.join(''))
    .filter((s) => new Set(s).size >= 5 && s.trim() === s);

const hex = (b: number): string => b.toString(16).padStart(2, '0').toUpperCase();
const URL_ENCODINGS: ReadonlyArray<(s: string) => string> = [encodeURIComponent, (s) => new URLSearchParams({ x: s }).toString().slice(2), (s) => [...Buffer.from(s)].map((b) => `%${hex(b)}`).join('')];
const JSON_ENCODINGS: ReadonlyArray<(s: string) => string> = [(s) => JSON.stringify(s), (s) => `"${s.split('').map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`];
const ct = (type: string | null): string[] => (type === null ? [] : ['Content-Type', type]);

function multipart(fields: ReadonlyArray<readonly [string, string]>, boundary: string, base64: boolean): string {
  const parts = fields.map(([name, value]) =>
    base64 && name === 'v'
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(value).toString('base64')}\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return `${parts.join('')}--${boundary}--\r\n`;
}

const carriers = (secret: string, token: string, headerSecret: string): fc.Arbitrary<Planted> =>
  fc.oneof(
    // JSON, declared right or wrong (curl -d '{"pass":…}' posts it as a form); escaped plainly or \u by \u.
    fc.record({ word: fc.constantFrom(...WORDS), type: fc.constantFrom(...DECLARED), enc: fc.constantFrom(...JSON_ENCODINGS), path: fc.constantFrom('/api/v1/wifi_sta/credentials', '/api/v1/other') }).map(
      ({ word, type, enc, path }): Planted => ({ method: 'POST', path, headers: ct(type), body: `{"ssid":"HomeNet","${word}":${enc(secret)}}`, keepsBody: true }),
    ),
    // A Homevolt parameter write as a urlencoded form, under any declared type, and the device's echo.
    fc.record({ type: fc.constantFrom(...DECLARED), enc: fc.constantFrom(...URL_ENCODINGS) }).map(
      ({ type, enc }): Planted => ({ method: 'POST', path: '/params.json', headers: ct(type), body: `k=ems_psk&v=${enc(secret)}&store=0`, response: `Saved parameter k: 'ems_psk' v: '${secret}'`, keepsBody: true }),
    ),
    // The same write as multipart/form-data (the Homey app, curl -F): the recorder stores such bodies base64.
    fc.record({ boundary: fc.constantFrom('X-BOUNDARY-1234', '----formdata-undici-0123456789'), declared: fc.constantFrom('multipart', 'none', 'octet'), base64: fc.boolean() }).map(
      ({ boundary, declared, base64 }): Planted => ({
        method: 'POST',
        path: '/params.json',
        headers: ct(declared === 'multipart' ? `multipart/form-data; boundary=${boundary}` : declared === 'octet' ? 'application/octet-stream' : null),
        body: multipart([['k', 'ems_psk'], ['v', secret], ['store', '0']], boundary, base64),
        response: `Saved parameter k: 'ems_psk' v: '${secret}'`,
        keepsBody: true,
      }),
    ),
    // The console: the command line, its echo, param_get and param_list answers.
    fc.record({ type: fc.constantFrom(...DECLARED), multi: fc.boolean(), answer: fc.constantFrom('set', 'get', 'list') }).map(({ type, multi, answer }): Planted => {
      const cmd = answer === 'set' ? `param_set ems_psk ${token}` : answer === 'get' ? 'param_get ems_psk' : 'param_list';
      const output = answer === 'list' ? `ems_server host\nems_psk ${token} (default: )\n` : answer === 'get' ? `ems_psk ${token}\n` : '';
      return {
        method: 'POST',
        path: '/console.json',
        headers: multi ? ['Content-Type', 'multipart/form-data; boundary=b0undary'] : ct(type),
        body: multi ? multipart([['cmd', cmd]], 'b0undary', false) : `cmd=${encodeURIComponent(cmd)}`,
        response: `ecu-hub-esp32>  ${cmd}\n${output}Command '${cmd}' executed successfully\n`,
        keepsBody: true,
      };
    }),
    // A query string.
    fc.record({ word: fc.constantFrom(...WORDS), enc: fc.constantFrom(...URL_ENCODINGS) }).map(({ word, enc }): Planted => ({ method: 'GET', path: `/api/v1/status?${word}=${enc(secret)}&x=1`, headers: [], body: '', keepsBody: true })),
    // Headers: credentials by name, whatever the scheme.
    fc.constantFrom(
      ['Authorization', `Basic ${Buffer.from(`DABCD123:${secret}`).toString('base64')}`],
      ['Proxy-Authorization', `Basic ${Buffer.from(`admin:${secret}`).toString('base64')}`],
      ['Authorization', `Bearer ${headerSecret}`],
      ['authorization', `bearer ${headerSecret}`],
      ['X-Battsim-Token', headerSecret],
      ['X-Api-Key', headerSecret],
      ['X-Device-Password', headerSecret],
      ['Cookie', `theme=dark; session=${headerSecret}`],
    ).map(([name, value]): Planted => ({ method: 'GET', path: '/ems.json', headers: [name as string, value as string], body: '', keepsBody: true })),
    // What the device sends back: a cookie, the parameter list with its secret value.
    fc.constant<Planted>({ method: 'GET', path: '/login', headers: [], body: '', responseHeaders: ['Set-Cookie', `sid=${headerSecret}; Path=/; HttpOnly`, 'Content-Length', '0'], keepsBody: true }),
    fc.constant<Planted>({ method: 'GET', path: '/params.json', headers: [], body: '', response: JSON.stringify([{ param_id: 9, name: 'ems_psk', value: [secret], default: [''] }]), keepsBody: true }),
  );

function entryOf(p: Planted): HarEntry {
  const body = Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body);
  const response = Buffer.from(p.response ?? '');
  return buildHarEntry({
    startedMs: Date.parse('2026-06-01T12:00:00Z'),
    request: { method: p.method, url: `http://192.168.1.50${p.path}`, httpVersion: '1.1', rawHeaders: ['Host', '192.168.1.50', ...p.headers, ...(body.length > 0 ? ['Content-Length', String(body.length)] : [])], body },
    response: { status: 200, statusText: 'OK', httpVersion: '1.1', rawHeaders: p.responseHeaders ?? ['Content-Type', 'text/plain', 'Content-Length', String(response.length)], body: response },
    timings: { sendMs: 0, waitMs: 1, receiveMs: 0 },
  });
}

/** The file as the recorder writes it (har-writer.ts serialises each entry with JSON.stringify). */
const fileOf = (entries: readonly HarEntry[]): Buffer => Buffer.from(JSON.stringify({ log: { version: '1.2', creator: { name: 'battsim', version: '0' }, pages: [], entries } }));

describe('issue 19: the recorder redacts a secret by what it is, not by how it arrived', () => {
  it('lets no planted secret reach the HAR bytes, in any encoding', () => {
    fc.assert(
      fc.property(
        secretOf(ANY_CHAR).chain((secret) => secretOf(TOKEN_CHAR.filter((c) => c.trim() !== '')).chain((token) => secretOf(HEADER_CHAR).chain((headerSecret) => carriers(secret, token, headerSecret).map((planted) => ({ secret, token, headerSecret, planted }))))),
        ({ secret, token, headerSecret, planted }) => {
          const redacted = createRedactor({ identity: false }).redactEntry(entryOf(planted));
          const file = fileOf([redacted]);
          for (const s of [secret, token, headerSecret]) {
            const leak = findLeak(file, s);
            if (leak !== null) throw new Error(`secret ${JSON.stringify(s)} leaked ${leak}`);
          }
          if (planted.keepsBody) expect(redacted.request.postData?._withheld).toBeUndefined();
        },
      ),
      { numRuns: 400, seed: 19 },
    );
  });

  it('keeps a redacted request matching the request a replaying client sends', () => {
    fc.assert(
      fc.property(
        secretOf(ANY_CHAR).chain((secret) => secretOf(TOKEN_CHAR.filter((c) => c.trim() !== '')).chain((token) => carriers(secret, token, 'header-secret-123').map((planted) => ({ planted })))),
        ({ planted }) => {
          const original = entryOf(planted);
          const redacted = createRedactor({ identity: false }).redactEntry(original);
          expect(keyOf(shapeOfEntry(redacted))).toBe(keyOf(shapeOfEntry(original)));
        },
      ),
      { numRuns: 200, seed: 19 },
    );
  });
});
