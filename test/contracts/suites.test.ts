import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary, homevoltSuite, runContracts, sessySuite, type CaseResult, type ContractReport } from '../../contracts/index.ts';
import { HOMEVOLT_PROFILES, SESSY_PROFILES, startHomevoltTarget, startSessyTarget, type StartedTarget } from './emulators.ts';

/**
 * Both suites against fresh emulators, one per firmware profile, inside `npm test`: every change to an emulator
 * is checked by its contracts. Everything passes except the documented skips. (Wall time is measured in
 * bench/contracts-speed.ts, never asserted here.)
 */
const DOCUMENTED_SKIPS: Readonly<Record<string, string>> = {
  'sessy 1.7.2 emulator SESSY-SCHEDULE-001': 'the v2 schedule came with 1.9.2',
  'homevolt pre-2512 emulator HOMEVOLT-EMS-004': 'battery sensors came with 2512',
};

const key = (r: CaseResult) => `${r.target} ${r.id}`;

describe('the contract suites against the emulators', () => {
  const started: StartedTarget[] = [];
  let sessy: ContractReport;
  let homevolt: ContractReport;

  beforeAll(async () => {
    const s = await Promise.all(SESSY_PROFILES.map(startSessyTarget));
    const h = await Promise.all(HOMEVOLT_PROFILES.map(startHomevoltTarget));
    started.push(...s, ...h);
    [sessy, homevolt] = await Promise.all([
      runContracts({ device: 'sessy', targets: s.map((x) => x.target) }),
      runContracts({ device: 'homevolt', targets: h.map((x) => x.target) }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(started.map((s) => s.close()));
  });

  it.each([['sessy'], ['homevolt']] as const)('passes every %s case on every firmware profile, except the documented skips', (device) => {
    const report = device === 'sessy' ? sessy : homevolt;
    const unexpected = report.results.filter((r) => {
      if (r.status === 'pass') return false;
      return r.status === 'fail' || !(key(r) in DOCUMENTED_SKIPS);
    });
    expect(unexpected.map((r) => `${key(r)} ${r.status}: ${r.why}`), formatSummary(report)).toEqual([]);
    for (const k of Object.keys(DOCUMENTED_SKIPS)) if (k.startsWith(device)) expect(report.results.find((r) => key(r) === k)?.status).toBe('skip');
    expect(report.restore.every((r) => r.problems.length === 0)).toBe(true);
  });

  it('runs every case on each profile: exact and simulation cases included', () => {
    expect(sessy.results.length).toBe(sessySuite.cases.length * SESSY_PROFILES.length);
    expect(homevolt.results.length).toBe(homevoltSuite.cases.length * HOMEVOLT_PROFILES.length);
    for (const r of [...sessy.results, ...homevolt.results]) expect(r.why).not.toMatch(/strictness|only an emulator|read-only/);
  });
});
