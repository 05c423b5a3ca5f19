import { describe, expect, it } from 'vitest';
import { createReporter, type CaseResult, type ContractEvent, type ContractReport, type TargetInfo } from '../../contracts/index.ts';
import { createCaseContext } from '../../contracts/core/context.ts';
import { waitFor } from '../../contracts/core/observe.ts';
import type { TimeControl } from '../../contracts/core/time.ts';

const target: TargetInfo = { label: 'sessy at http://127.0.0.1:1', url: 'http://127.0.0.1:1', kind: 'device', clock: 'real', speed: 1, firmware: '1.11.11', strictness: 'shape', writes: false, paceMs: 1000, cases: 3, unreachable: null };
const result = (id: string, status: CaseResult['status'], why = '', durationMs = 1200, waitMs = 0): CaseResult => ({ id, title: `the ${id} check`, device: 'sessy', target: target.label, strictness: 'shape', status, why, evidence: [], durationMs, waitMs, requests: 2 });
const results = [result('SESSY-A-001', 'pass', 'a note'), result('SESSY-A-002', 'fail', 'it broke', 31_000, 30_000), result('SESSY-A-003', 'skip', 'needs --allow-writes # really', 0)];
const report: ContractReport = { targets: [target], results, interrupted: false, restore: [], durationMs: 33_000, exitCode: 1, counts: { pass: 1, fail: 1, skip: 1, error: 0 } };
const run: ContractEvent[] = [{ type: 'target', target }, { type: 'progress', target: target.label, caseId: 'SESSY-A-002', text: 'waiting up to 65 s for power' }, ...results.map((r) => ({ type: 'result' as const, result: r })), { type: 'end', report }];

const print = (kind: 'human' | 'jsonl' | 'tap', events: readonly ContractEvent[] = run): string[][] => {
  const reporter = createReporter(kind);
  return events.map((e) => reporter(e));
};

describe('the human reporter', () => {
  it('heads each target with what is checked, its firmware, the strictness, writes, and whose time', () => {
    const header = print('human')[0]!.join('\n');
    expect(header).toContain('== sessy at http://127.0.0.1:1');
    expect(header).toMatch(/firmware +1\.11\.11/);
    expect(header).toMatch(/strictness +shape; read-only \(--allow-writes to change the device\)/);
    expect(header).toMatch(/time +real time; 1000 ms between requests/);
  });

  it('prints a case the moment it ends, with its time, and a long wait with what it waits for', () => {
    const lines = print('human');
    expect(lines[1]).toEqual(['      … SESSY-A-002: waiting up to 65 s for power']);
    expect(lines[2]![0]).toMatch(/^PASS {2}SESSY-A-001 +\[shape\] +1\.2 s {2}the SESSY-A-001 check$/);
    expect(lines[3]).toEqual([expect.stringMatching(/^FAIL {2}SESSY-A-002 .* 31\.0 s/), '      why: it broke']);
  });

  it('ends with where the time went and the counts', () => {
    const end = print('human').at(-1)!.join('\n');
    expect(end).toContain('time: cases 32.2 s: waiting for the target\'s clock 30.0 s, 4 requests (with their pacing) 2.2 s');
    expect(end).toContain('slowest: SESSY-A-002 31.0 s (waited 30.0 s), SESSY-A-001 1.2 s');
    expect(end).toContain('1 passed, 1 failed, 0 errored, 1 skipped in 33.0 s; exit code 1');
  });

  it('says once that a target does not answer, instead of a line per case', () => {
    const dead: TargetInfo = { ...target, unreachable: 'http://127.0.0.1:1 did not answer GET /api/v1/power/status (ECONNREFUSED).' };
    const lines = print('human', [{ type: 'target', target: dead }, ...results.map((r) => ({ type: 'result' as const, result: { ...r, status: 'fail' as const } }))]);
    expect(lines[0]!.join('\n')).toMatch(/UNREACHABLE http:\/\/127\.0\.0\.1:1 did not answer .*\n +all 3 cases fail\./);
    expect(lines.slice(1).flat()).toEqual([]);
  });
});

describe('the JSON lines reporter', () => {
  it('writes one JSON object per event, named by "event", with a manual clock\'s infinite speed as null', () => {
    const lines = print('jsonl', [{ type: 'target', target: { ...target, kind: 'emulator', clock: 'manual', speed: Infinity } }, ...run.slice(1)]).flat();
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p.event)).toEqual(['target', 'progress', 'result', 'result', 'result', 'end']);
    expect(parsed[0]).toMatchObject({ clock: 'manual', speed: null, firmware: '1.11.11' });
    expect(parsed[3]).toMatchObject({ id: 'SESSY-A-002', status: 'fail', why: 'it broke', durationMs: 31_000, waitMs: 30_000, evidence: [] });
    expect(parsed[5]).toMatchObject({ exitCode: 1, counts: { pass: 1, fail: 1, skip: 1, error: 0 } });
  });
});

describe('the TAP reporter', () => {
  it('numbers the cases, marks skips as SKIP, gives a failure its YAML block, and ends with the plan', () => {
    const lines = print('tap').flat();
    expect(lines[0]).toBe('TAP version 13');
    expect(lines[1]).toMatch(/^# sessy at http:\/\/127\.0\.0\.1:1 at http:\/\/127\.0\.0\.1:1: firmware 1\.11\.11, strictness shape, read-only, real time$/);
    expect(lines).toContain('ok 1 - SESSY-A-001 the SESSY-A-001 check');
    expect(lines).toContain('not ok 2 - SESSY-A-002 the SESSY-A-002 check');
    expect(lines).toContain('  message: "it broke"');
    expect(lines).toContain('ok 3 - SESSY-A-003 the SESSY-A-003 check # SKIP needs --allow-writes \\# really');
    expect(lines.at(-2)).toBe('1..3');
  });
});

describe('a long wait says what it waits for', () => {
  const contextOn = (time: TimeControl, said: string[]) =>
    createCaseContext({ device: 'sessy', target: { kind: 'device', url: 'http://127.0.0.1:1', credentials: null, allowWrites: true, paceMs: 1000 }, http: null as never, spec: null as never, time, sim: null, signal: undefined, facts: new Map(), strictKeys: false, progress: (t) => void said.push(t) }, [], { waitMs: 0 });
  // Time stands in for the device's: each pass returns at once, as though the seconds had gone by.
  const instant = (kind: 'real' | 'manual'): TimeControl => ({ kind, speed: kind === 'real' ? 1 : Infinity, pass: async () => 0, now: async () => 0 });

  it('on real time: announces the wait and its purpose', async () => {
    const said: string[] = [];
    const ctx = contextOn(instant('real'), said);
    let reads = 0;
    await waitFor(ctx, 65, 5, async () => (++reads === 3 ? 'done' : undefined), { what: 'power to reach 1000 W' });
    await ctx.time.pass(10, 'the counters to move');
    await ctx.time.pass(2, 'a short moment');
    expect(said).toEqual(['waiting up to 65 s for power to reach 1000 W', 'waiting 10 s for the counters to move']);
  });

  it('on a manual clock, where waiting takes no time, says nothing', async () => {
    const said: string[] = [];
    const ctx = contextOn(instant('manual'), said);
    await waitFor(ctx, 65, 5, async () => undefined, { what: 'power to reach 1000 W' });
    await ctx.time.pass(300, 'the counters');
    expect(said).toEqual([]);
  });
});
