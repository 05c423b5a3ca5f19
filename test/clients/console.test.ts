import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildParamSet, buildParamStore, buildSchedDel, buildScheduleCommand, ConsoleArgumentError, parseConsoleAnswer, parseSchedList } from '../../clients/homevolt/index.ts';

const FIXTURES = new URL('../fixtures/homevolt/console/', import.meta.url);

describe('the Homevolt console builder', () => {
  it('builds sched_set with the flags of the captured help', () => {
    expect(buildScheduleCommand('sched_set', { type: 2, setpointW: 1500.4 })).toBe('sched_set 2 --setpoint=1500');
    expect(buildScheduleCommand('sched_add', { type: 5, fromMs: Date.UTC(2026, 0, 1, 2), toMs: Date.UTC(2026, 0, 1, 6), setpointW: -3000, maxChargeW: 4000, minSocPct: 10, offline: true })).toBe(
      'sched_add 5 --from=2026-01-01T02:00:00 --to=2026-01-01T06:00:00 --min=10 --setpoint=-3000 --max_charge=4000 --offline',
    );
  });
  it('builds the parameter commands', () => {
    expect(buildParamSet('settings_local', [true], { commit: true })).toBe('param_set -c settings_local true');
    expect(buildParamStore({ clean: true, paramId: 65 })).toBe('param_store -c 65');
    expect(buildSchedDel(3)).toBe('sched_del 3');
  });
  it('rejects what the console cannot take', () => {
    expect(() => buildScheduleCommand('sched_set', { type: 12 as never })).toThrow(ConsoleArgumentError);
    expect(() => buildParamSet('a b', [1])).toThrow(ConsoleArgumentError);
  });
});

describe('the Homevolt console parser', () => {
  it('reads a failure with its error code (steynovich fixture)', () => {
    const answer = parseConsoleAnswer(readFileSync(new URL('error_response_steynovich_test.txt', FIXTURES), 'utf8'));
    expect(answer).toMatchObject({ ok: false, errorCode: 2, output: ['Missing power setpoint'] });
  });
  it('reads sched_list (JohNan fixture)', () => {
    const answer = parseConsoleAnswer(readFileSync(new URL('sched_list_JohNan_fixture.txt', FIXTURES), 'utf8'))!;
    expect(answer.ok).toBe(true);
    const list = parseSchedList(answer.output)!;
    expect(list).toMatchObject({ count: 2, scheduleId: 'test-schedule-2025' });
    expect(list.entries[1]).toMatchObject({ id: 1, type: 3, toMs: Date.UTC(2025, 0, 2), fields: { setpoint: 0, max_charge: null } });
    expect(list.entries[0]).toMatchObject({ type: 0, fields: { offline: false } });
  });
});
