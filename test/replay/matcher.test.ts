import { describe, expect, it } from 'vitest';
import { createMatcher, createRedactor, nearestIndex, shapeOfRequest, type MatchResult } from '../../simulator/replay/index.ts';
import { basic, fixtureEntry, fixtureHar, T0_MS } from './support/har-fixtures.ts';

const request = (method: string, target: string, body = '', contentType = 'application/json', auth?: string) =>
  shapeOfRequest({ method, target, body: Buffer.from(body), headers: [{ name: 'Content-Type', value: contentType }, ...(auth ? [{ name: 'Authorization', value: auth }] : [])] });

const responseOf = (r: MatchResult): string | undefined => (r.kind === 'hit' ? r.entry.response.content.text : undefined);

const polled = fixtureHar([
  { atS: 0, path: '/api/v1/power/status', response: '{"soc":0.50}' },
  { atS: 10, path: '/api/v1/power/status', response: '{"soc":0.51}' },
  { atS: 20, path: '/api/v1/power/status', response: '{"soc":0.52}' },
  { atS: 5, method: 'POST', path: '/api/v1/power/setpoint', body: '{"setpoint":-1000}', response: '{"status":"ok"}' },
  { atS: 6, method: 'POST', path: '/api/v1/power/setpoint', body: '{"setpoint":2000}', status: 400, response: '{"status":"error"}' },
]).log.entries;

describe('matching a replayed request to the recording', () => {
  const matcher = createMatcher(polled, 'time');

  it('matches writes by method, path and body', () => {
    expect(responseOf(matcher.match(request('POST', '/api/v1/power/setpoint', '{"setpoint":-1000}'), T0_MS))).toBe('{"status":"ok"}');
    expect(responseOf(matcher.match(request('POST', '/api/v1/power/setpoint', '{"setpoint":2000}'), T0_MS))).toBe('{"status":"error"}');
  });

  it('ignores JSON key order and whitespace in a body', () => {
    const a = request('POST', '/x', '{"a":1,"b":[1,2]}');
    const b = request('POST', '/x', '{ "b": [1, 2],\n "a": 1 }');
    expect(a.body).toBe(b.body);
  });

  it('treats form fields in any order, urlencoded or multipart, as the same body', () => {
    const urlencoded = request('POST', '/params.json', 'v=25&k=battery_min_soc', 'application/x-www-form-urlencoded');
    const multipart = request('POST', '/params.json', '--B\r\nContent-Disposition: form-data; name="k"\r\n\r\nbattery_min_soc\r\n--B\r\nContent-Disposition: form-data; name="v"\r\n\r\n25\r\n--B--\r\n', 'multipart/form-data; boundary=B');
    expect(urlencoded.body).toBe(multipart.body);
  });

  it('matches a recorded secret placeholder to whatever password the client sends', () => {
    const recorded = request('POST', '/api/v1/wifi_sta/credentials', '{"ssid":"SSID-1","pass":"REDACTED-SECRET-2"}');
    const replayed = request('POST', '/api/v1/wifi_sta/credentials', '{"ssid":"SSID-1","pass":"hunter2hunter2"}');
    expect(replayed.body).toBe(recorded.body);
    expect(request('POST', '/console.json', 'cmd=param_set ems_psk s3cr3t', 'application/x-www-form-urlencoded').body).toBe(
      request('POST', '/console.json', 'cmd=param_set ems_psk REDACTED-SECRET-1', 'application/x-www-form-urlencoded').body,
    );
  });

  it('does not match a different body, path, method or query', () => {
    for (const r of [request('POST', '/api/v1/power/setpoint', '{"setpoint":-999}'), request('GET', '/api/v1/power/setpoint'), request('GET', '/api/v1/power/status?x=1'), request('GET', '//api/v1/power/status')]) {
      expect(matcher.match(r, T0_MS).kind).toBe('miss');
    }
  });

  it('names the closest recorded requests when nothing matches', () => {
    const miss = matcher.match(request('POST', '/api/v1/power/setpoint', '{"setpoint":-999}'), T0_MS);
    expect(miss.kind).toBe('miss');
    if (miss.kind !== 'miss') return;
    expect(miss.closest[0]).toMatchObject({ method: 'POST', target: '/api/v1/power/setpoint', body: '{"setpoint":-1000}' });
    expect(miss.closest.length).toBeLessThanOrEqual(3);
  });

  it('prefers entries recorded with credentials when the request has them, and the other way round', () => {
    const entries = fixtureHar([
      { atS: 0, path: '/api/v1/system/info', status: 401, statusText: 'UNAUTHORIZED', response: '' },
      { atS: 1, path: '/api/v1/system/info', auth: basic('DABCD123', 'R7DKR35K'), response: '{"status":"ok"}' },
    ]).log.entries;
    const m = createMatcher(entries, 'time');
    expect(responseOf(m.match(request('GET', '/api/v1/system/info', '', '', basic('x', 'y')), T0_MS))).toBe('{"status":"ok"}');
    const anonymous = m.match(request('GET', '/api/v1/system/info'), T0_MS);
    expect(anonymous.kind === 'hit' && anonymous.entry.response.status).toBe(401);
  });
});

describe('time mode', () => {
  it('walks through a polled series as replay time passes', () => {
    const matcher = createMatcher(polled, 'time');
    const seen = [0, 4, 6, 14, 16, 25, 3600].map((s) => responseOf(matcher.match(request('GET', '/api/v1/power/status'), T0_MS + s * 1000)));
    expect(seen).toEqual(['{"soc":0.50}', '{"soc":0.50}', '{"soc":0.51}', '{"soc":0.51}', '{"soc":0.52}', '{"soc":0.52}', '{"soc":0.52}']);
  });

  it('gives the same answer for the same instant', () => {
    const matcher = createMatcher(polled, 'time');
    const r = request('GET', '/api/v1/power/status');
    expect(responseOf(matcher.match(r, T0_MS + 10_000))).toBe(responseOf(matcher.match(r, T0_MS + 10_000)));
  });

  it.each([
    [[0, 10, 20], -5, 0],
    [[0, 10, 20], 5, 0],
    [[0, 10, 20], 6, 1],
    [[0, 10, 20], 99, 2],
    [[7], 0, 0],
  ])('finds in %j the index nearest to %d: %d', (times, t, expected) => {
    expect(nearestIndex(times, t)).toBe(expected);
  });
});

describe('sequence mode', () => {
  it('gives repeated identical requests the recorded responses in order, then repeats the last', () => {
    const matcher = createMatcher(polled, 'sequence');
    const r = request('GET', '/api/v1/power/status');
    const seen = [1, 2, 3, 4].map(() => responseOf(matcher.match(r, T0_MS)));
    expect(seen).toEqual(['{"soc":0.50}', '{"soc":0.51}', '{"soc":0.52}', '{"soc":0.52}']);
  });

  it('counts each distinct request on its own', () => {
    const matcher = createMatcher(polled, 'sequence');
    matcher.match(request('GET', '/api/v1/power/status'), T0_MS);
    expect(responseOf(matcher.match(request('POST', '/api/v1/power/setpoint', '{"setpoint":-1000}'), T0_MS))).toBe('{"status":"ok"}');
    expect(responseOf(matcher.match(request('GET', '/api/v1/power/status'), T0_MS))).toBe('{"soc":0.51}');
  });
});

describe('issue 19: a recorded body that is not in the file', () => {
  it('matches any body sent to the same method, path and query, and only when nothing matches exactly', () => {
    const redactor = createRedactor({ identity: false });
    const withheld = redactor.redactEntry(fixtureEntry({ atS: 0, method: 'POST', path: '/params.json', contentType: 'text/plain', body: 'garbled psk', response: 'withheld one' }));
    const exact = fixtureEntry({ atS: 1, method: 'POST', path: '/params.json', contentType: 'application/x-www-form-urlencoded', body: 'k=a&v=1', response: 'exact one' });
    expect(withheld.request.postData?._withheld).toBeDefined();
    const matcher = createMatcher([withheld, exact], 'sequence');
    const ask = (body: string) => matcher.match(shapeOfRequest({ method: 'POST', target: '/params.json', headers: [{ name: 'content-type', value: 'application/x-www-form-urlencoded' }], body: Buffer.from(body) }), 0);
    expect(ask('k=a&v=1')).toMatchObject({ kind: 'hit', index: 1 });
    expect(ask('anything else')).toMatchObject({ kind: 'hit', index: 0 });
    expect(matcher.match(shapeOfRequest({ method: 'POST', target: '/console.json', headers: [], body: Buffer.from('x') }), 0).kind).toBe('miss');
  });
});
