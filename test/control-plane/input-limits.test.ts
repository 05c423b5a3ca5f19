/**
 * Issue 19 item 5: every value that enters /_sim/ meets a limit and gets the control plane's clear 400 (413 for
 * an oversized body), its message quotes at most a short prefix of what it rejects, and nothing changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EDIT_PATHS, MAX_SCOPE_PATH_CHARS } from '../../simulator/control/fault-spec.ts';
import { scopeMatches } from '../../simulator/control/fault-table.ts';
import { MAX_DEPTH, MAX_LIST_ITEMS, MAX_OBJECT_KEYS, MAX_STRING_CHARS, QUOTE_CHARS, quote } from '../../simulator/control/input-limits.ts';
import { MAX_SCENARIO_EVENTS, MAX_SCENARIO_YAML_CHARS } from '../../simulator/control/scenario.ts';
import { CONTROL_BODY_LIMIT } from '../../simulator/http/control/control-plugin.ts';
import { getJson, startHarness, type Harness } from '../support/control-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

/** Sends `text` as it is, so that a test can send what JSON.stringify would refuse to build. */
async function post(path: string, text: string, contentType = 'application/json'): Promise<{ status: number; body: any; bytes: number }> {
  const res = await fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: text });
  const raw = await res.text();
  return { status: res.status, body: JSON.parse(raw), bytes: raw.length };
}

const nested = (depth: number, leaf = '1'): string => '['.repeat(depth) + leaf + ']'.repeat(depth);
const nestedObject = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
/** Longest error answer a test accepts [characters]: a fixed text plus a few short quotes. */
const SHORT = 600;

async function expectNoChange(): Promise<void> {
  const s = (await getJson(`${h.url}/_sim/state`)).body;
  expect(s.socFraction).toBeCloseTo(0.5, 9);
  expect(s.faults).toBe(0);
  expect(h.runner.pending).toBe(0);
}

describe('issue 19: /_sim/ against hostile JSON', () => {
  const routes = ['/_sim/state', '/_sim/faults', '/_sim/scenario', '/_sim/clock', '/_sim/clock/advance'];

  it.each(routes)('POST %s answers 400 SIM_ERR_INPUT_LIMIT, not 500, to JSON nested 5,000 deep', async (route) => {
    for (const text of [nested(5000), nestedObject(5000), `{"soc":${nested(5000)}}`, `{"events":[{"at":1,"set":${nestedObject(5000)}}]}`]) {
      const answer = await post(route, text);
      expect(answer.status).toBe(400);
      expect(answer.bytes).toBeLessThan(SHORT);
      // A scenario first checks its outline (an object with "events"), then the depth of what it holds.
      if (route === '/_sim/scenario' && !text.startsWith('{"events"')) {
        expect(answer.body.error.code).toBe('SIM_ERR_INVALID_SCENARIO');
        continue;
      }
      expect(answer.body.error.code).toBe('SIM_ERR_INPUT_LIMIT');
      expect(answer.body.error.message).toMatch(new RegExp(`deeper than ${MAX_DEPTH} levels.*\\(MAX_DEPTH\\)`));
    }
    await expectNoChange();
  });

  it('takes nesting up to the limit', async () => {
    // A json-edit fault may set a nested value: depth 1 (body) + 1 (set) + the value's own levels.
    const value = nested(MAX_DEPTH - 2);
    expect((await post('/_sim/faults', `{"type":"json-edit","set":{"a":${value}}}`)).status).toBe(201);
    const deeper = await post('/_sim/faults', `{"type":"json-edit","set":{"a":${nested(MAX_DEPTH - 1)}}}`);
    expect(deeper.body.error.code).toBe('SIM_ERR_INPUT_LIMIT');
  });

  it('refuses a string over MAX_STRING_CHARS and quotes none of it', async () => {
    const long = 'x'.repeat(MAX_STRING_CHARS + 1);
    const answer = await post('/_sim/faults', JSON.stringify({ type: 'reset', scope: { path: `/${long}` } }));
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/has 4098 characters, over the limit of 4096 \(MAX_STRING_CHARS\)/);
    expect(answer.body.error.message).toContain('"scope.path"');
    expect(answer.bytes).toBeLessThan(SHORT);
    await expectNoChange();
  });

  it('refuses a list over MAX_LIST_ITEMS and an object over MAX_OBJECT_KEYS', async () => {
    const list = await post('/_sim/faults', JSON.stringify({ type: 'json-edit', remove: new Array(MAX_LIST_ITEMS + 1).fill('a') }));
    expect(list.status).toBe(400);
    expect(list.body.error.message).toMatch(/over the limit of 50000 \(MAX_LIST_ITEMS\)/);
    const keys = Object.fromEntries(Array.from({ length: MAX_OBJECT_KEYS + 1 }, (_, i) => [`k${i}`, 1]));
    const object = await post('/_sim/faults', JSON.stringify({ type: 'json-edit', set: keys }));
    expect(object.status).toBe(400);
    expect(object.body.error.message).toMatch(/1001 keys, over the limit of 1000 \(MAX_OBJECT_KEYS\)/);
    expect(object.bytes).toBeLessThan(SHORT);
    await expectNoChange();
  });

  it('quotes at most a short prefix of a rejected value within the limits', async () => {
    const type = 'y'.repeat(MAX_STRING_CHARS);
    const answer = await post('/_sim/faults', JSON.stringify({ type }));
    expect(answer.body.error.code).toBe('SIM_ERR_INVALID_FAULT');
    expect(answer.body.error.message).toContain(`got "${'y'.repeat(QUOTE_CHARS - 1)}…`);
    expect(answer.bytes).toBeLessThan(SHORT);
    const key = 'k'.repeat(MAX_STRING_CHARS);
    const unknown = await post('/_sim/state', JSON.stringify({ [key]: 1 }));
    expect(unknown.body.error.code).toBe('SIM_ERR_INVALID_STATE');
    expect(unknown.bytes).toBeLessThan(SHORT);
  });

  it('answers 413 naming the body limit to a body over CONTROL_BODY_LIMIT', async () => {
    const answer = await post('/_sim/scenario', JSON.stringify({ events: [{ at: 1, reboot: true }], description: 'd'.repeat(CONTROL_BODY_LIMIT) }));
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({ code: 'SIM_ERR_BODY_TOO_LARGE' });
    expect(answer.body.error.message).toContain(`limit of ${CONTROL_BODY_LIMIT} bytes (CONTROL_BODY_LIMIT)`);
    await expectNoChange();
  });

  it('does not take Object.prototype names as state fields', async () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const answer = await post('/_sim/state', `{"${key}": 0.9}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toMatch(/unknown field|not valid JSON/);
    }
    await expectNoChange();
  });
});

describe('issue 19: limits on numbers and ranges', () => {
  it.each([
    ['/_sim/clock', { speed: 1e308 }, /"speed" must be a number from 0.001 to 1000000, got 1e\+308/],
    ['/_sim/clock', { speed: 0 }, /"speed" must be a number from 0.001/],
    ['/_sim/clock', { speed: '5' }, /"speed" must be a number.*got "5"/],
    ['/_sim/clock/advance', { seconds: 1e308 }, /"seconds" must be a number from 0 to 31622400, got 1e\+308/],
    ['/_sim/clock/advance', { seconds: -1 }, /"seconds" must be a number from 0/],
    ['/_sim/state', { soc: 1e308 }, /"soc" must be a number from 0 to 1, got 1e\+308/],
    ['/_sim/state', { externalSetpointW: -1e308 }, /"externalSetpointW" must be a number from -100000 to 100000/],
    ['/_sim/faults', { type: 'error', status: 1e308 }, /"status" must be a number from 400 to 599/],
    ['/_sim/faults', { type: 'latency', latency: { distribution: 'fixed', ms: 1e308 } }, /"ms" must be a number from 0 to 60000/],
    ['/_sim/faults', { type: 'reset', scope: { count: 1e308 } }, /"count" must be a number from 1 to 1000000000/],
    ['/_sim/scenario', { events: [{ at: 1e308, reboot: true }] }, /seconds from 0 to 316224000 \(MAX_OFFSET_S, ten years\), got 1e\+308/],
    ['/_sim/scenario', { events: [{ at: '9999999:00', reboot: true }] }, /MAX_OFFSET_S/],
    ['/_sim/scenario', { events: [{ at: 1, frequency: { dip: { minHz: 1e308, holdS: 1 } } }] }, /"minHz" must be a number from 45 to 55/],
  ])('POST %s %j answers 400 and changes nothing', async (route, body, message) => {
    const answer = await post(route, JSON.stringify(body));
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(message);
    await expectNoChange();
  });
});

describe('issue 19: scenario size limits', () => {
  it('refuses more than MAX_SCENARIO_EVENTS events, naming the limit', async () => {
    const answer = await post('/_sim/scenario', JSON.stringify({ events: new Array(MAX_SCENARIO_EVENTS + 1).fill({}) }));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'SIM_ERR_INVALID_SCENARIO' });
    expect(answer.body.error.message).toMatch(/50001 events, over the limit of 50000 \(MAX_SCENARIO_EVENTS\)/);
    await expectNoChange();
  });

  it('refuses YAML over MAX_SCENARIO_YAML_CHARS, naming the limit and pointing to JSON', async () => {
    const line = '  - { at: 10, set: { soc: 0.9 } }\n';
    const yaml = `events:\n${line.repeat(Math.ceil(MAX_SCENARIO_YAML_CHARS / line.length))}`;
    const answer = await post('/_sim/scenario', yaml, 'text/yaml');
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/over the limit of 16384 \(MAX_SCENARIO_YAML_CHARS\)\. Send a larger timeline as JSON/);
    await expectNoChange();
    // The same events as JSON load.
    const json = JSON.stringify({ events: new Array(500).fill({ at: 10, set: { soc: 0.9 } }) });
    expect((await post('/_sim/scenario', json, 'text/yaml')).status).toBe(200);
  });
});

describe('quote', () => {
  it.each([
    [undefined, 'nothing'],
    [1e308, '1e+308'],
    ['short', '"short"'],
    [{ a: [1, 2] }, '{"a":[1,2]}'],
  ])('renders %j as %s', (value, text) => {
    expect(quote(value)).toBe(text);
  });

  it('prints at most QUOTE_CHARS characters of any value, however deep or long, without walking all of it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    for (const value of [deep, 'z'.repeat(1e6), new Array(1e6).fill(7), { ['k'.repeat(1e5)]: 1 }]) {
      expect(quote(value).length).toBeLessThanOrEqual(QUOTE_CHARS + 1);
    }
  });
});

describe('issue 19: fault scopes and edits', () => {
  it('matches * as any run of characters', () => {
    expect(scopeMatches('*', '/api/v1/*', 'GET', '/api/v1/power/status')).toBe(true);
    expect(scopeMatches('*', '/api/*/status', 'GET', '/api/v1/power/status')).toBe(true);
    expect(scopeMatches('*', '/api/*/status', 'GET', '/api/v1/power/statuses')).toBe(false);
    expect(scopeMatches('*', '*.json', 'GET', '/ems.json')).toBe(true);
    expect(scopeMatches('GET', '/a*b*c', 'get', '/aXbYc')).toBe(true);
    expect(scopeMatches('*', '/a*b*c', 'GET', '/aXcYb')).toBe(false);
  });

  it('answers a vendor request at once under a scope pattern built to make a regular expression backtrack', async () => {
    const path = `/${'*a'.repeat(200)}b`; // 401 characters: within MAX_SCOPE_PATH_CHARS
    expect((await post('/_sim/faults', JSON.stringify({ type: 'error', status: 503, scope: { path } }))).status).toBe(201);
    const res = await fetch(`${h.url}/${'a'.repeat(2000)}`);
    expect(res.status).toBe(404); // no such route, and the fault did not match: answered, not hung
    await res.text();
  });

  it('refuses a scope path over MAX_SCOPE_PATH_CHARS and a json-edit over MAX_EDIT_PATHS', async () => {
    const long = await post('/_sim/faults', JSON.stringify({ type: 'reset', scope: { path: `/${'x'.repeat(MAX_SCOPE_PATH_CHARS)}` } }));
    expect(long.body.error.message).toMatch(/at most 512 characters \(MAX_SCOPE_PATH_CHARS\)/);
    const remove = await post('/_sim/faults', JSON.stringify({ type: 'json-edit', remove: Array.from({ length: MAX_EDIT_PATHS + 1 }, (_, i) => `k${i}`) }));
    expect(remove.body.error.message).toMatch(/at most 100 dot paths \(MAX_EDIT_PATHS\)/);
    const set = await post('/_sim/faults', JSON.stringify({ type: 'json-edit', set: Object.fromEntries(Array.from({ length: MAX_EDIT_PATHS + 1 }, (_, i) => [`k${i}`, 1])) }));
    expect(set.body.error.message).toMatch(/at most 100 dot paths \(MAX_EDIT_PATHS\)/);
    await expectNoChange();
  });
});
