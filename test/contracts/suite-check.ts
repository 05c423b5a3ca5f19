/**
 * One device's contract suite against fresh emulators, one per firmware profile the emulator offers: every change
 * to an emulator is checked by its contracts. Everything passes except the documented skips, each a case the
 * firmware truly lacks. One test file per device lets vitest run the two devices side by side. (Wall time is
 * measured in bench/contracts-speed.ts, never asserted here.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatSummary, homevoltSuite, runContracts, sessySuite, type CaseResult, type ContractReport } from '../../contracts/index.ts';
import { FIRMWARE_PROFILES as HOMEVOLT_FIRMWARE } from '../../simulator/devices/homevolt/index.ts';
import { FIRMWARE_PROFILES as SESSY_FIRMWARE } from '../../simulator/devices/sessy/index.ts';
import { HOMEVOLT_PROFILES, SESSY_PROFILES, startHomevoltTarget, startSessyTarget, type StartedTarget } from './emulators.ts';

/** `<device> <profile> emulator <case>` → why the firmware has nothing to check. */
export const DOCUMENTED_SKIPS: Readonly<Record<string, string>> = {
  'sessy 1.8.6 emulator SESSY-SCHEDULE-001': 'the v2 schedule came with 1.9.2',
  'sessy 1.7.2 emulator SESSY-SCHEDULE-001': 'the v2 schedule came with 1.9.2',
  'homevolt pre-2512 emulator HOMEVOLT-EMS-004': 'battery sensors came with 2512',
};

const key = (r: CaseResult) => `${r.target} ${r.id}`;

/** `expected`: the profiles the test names, so that a profile left out of the runs (issue 14) fails here. */
export function checkSuiteOnEveryProfile(device: 'sessy' | 'homevolt', expected: readonly string[]): void {
  const profiles: readonly string[] = device === 'sessy' ? SESSY_PROFILES : HOMEVOLT_PROFILES;
  const started: StartedTarget[] = [];
  let report: ContractReport;

  beforeAll(async () => {
    const targets = await Promise.all(device === 'sessy' ? SESSY_PROFILES.map(startSessyTarget) : HOMEVOLT_PROFILES.map(startHomevoltTarget));
    started.push(...targets);
    report = await runContracts({ device, targets: targets.map((x) => x.target) });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(started.map((s) => s.close()));
  });

  it(`passes every ${device} case on every firmware profile (${profiles.join(', ')}), except the documented skips`, () => {
    const unexpected = report.results.filter((r) => r.status !== 'pass' && (r.status === 'fail' || !(key(r) in DOCUMENTED_SKIPS)));
    expect(unexpected.map((r) => `${key(r)} ${r.status}: ${r.why}`), formatSummary(report)).toEqual([]);
    for (const k of Object.keys(DOCUMENTED_SKIPS)) if (k.startsWith(device)) expect(report.results.find((r) => key(r) === k)?.status).toBe('skip');
    expect(report.restore.every((r) => r.problems.length === 0)).toBe(true);
  });

  it('runs on every firmware profile the emulator offers, as `battsim contracts` without --url does', () => {
    expect(profiles).toEqual(expected);
    expect(Object.keys(device === 'sessy' ? SESSY_FIRMWARE : HOMEVOLT_FIRMWARE)).toEqual(expected);
  });

  it('runs every case on each profile: exact and simulation cases included', () => {
    const cases = device === 'sessy' ? sessySuite.cases.length : homevoltSuite.cases.length;
    expect(report.results.length).toBe(cases * profiles.length);
    expect(new Set(report.results.map((r) => r.target))).toEqual(new Set(profiles.map((p) => `${device} ${p} emulator`)));
    for (const r of report.results) expect(r.why).not.toMatch(/strictness|only an emulator|read-only/);
  });
}
