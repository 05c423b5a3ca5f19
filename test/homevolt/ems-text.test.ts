/** /ems.json is written as text in key order: it must be exactly the JSON that JSON.stringify would print. */
import { afterEach, describe, expect, it } from 'vitest';
import { jsonNumber, jsonString, jsonStringArray } from '../../simulator/http/homevolt/json-text.ts';
import { createHarness, enableLocal, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => h?.close());

describe('JSON text pieces', () => {
  it.each([0, -0, 1, -13, 0.1 + 0.2, 3627.71, 1e21, 5e-7, -1e-7, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity])('prints %s as JSON.stringify does', (x) => {
    expect(`${jsonNumber(x)}`).toBe(JSON.stringify(x));
  });

  it('quotes and escapes strings and string arrays as JSON.stringify does', () => {
    for (const s of ['', 'plain', 'quote " and \\ backslash', 'line\nbreak\ttab', 'ctrl \u0001', 'ä € 😀', '\ud800 lone surrogate']) {
      expect(jsonString(s)).toBe(JSON.stringify(s));
    }
    expect(jsonStringArray([])).toBe('[]');
    expect(jsonStringArray(['EMS_INFO_FAN_STATE_ON', 'a"b'])).toBe(JSON.stringify(['EMS_INFO_FAN_STATE_ON', 'a"b']));
  });
});

describe('GET /ems.json as text', () => {
  it.each([
    [1, undefined],
    [2, undefined],
    [3, undefined],
    [1, 'pre-2512'],
    [2, 'pre-2512'],
  ] as const)('prints canonical JSON over a simulated day of every schedule type (%i unit(s), firmware %s)', async (units, firmware) => {
    h = await createHarness({ units, initialSoc: 0.3, ...(firmware ? { firmware } : {}) });
    await enableLocal(h);
    const plan = ['sched_set 1 -s 8000', 'sched_set 2 -s 5000', 'sched_set 6 --fcr_n_power 1000 --ffr_power 500', 'sched_set 0', 'sched_set 2 -s 12000', 'sched_clear'];
    for (let step = 0; step < 36; step++) {
      if (step % 6 === 0) expect(await h.console(plan[step / 6]!)).toMatch(/executed successfully|succeeded/);
      h.advance(step % 5 === 0 ? 3600 : 1237.3);
      const text = (await h.get('/ems.json')).body;
      // Parsing and printing again gives the same bytes only when keys, numbers and strings are printed as JSON does.
      expect(JSON.stringify(JSON.parse(text))).toBe(text);
    }
  });
});
