import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary, runContracts, sessyMeterSuite, type ContractReport } from '../../contracts/index.ts';
import { startSessyMeterTarget, type StartedTarget } from './emulators.ts';

/** Why a variant has nothing to check. */
const DOCUMENTED_SKIPS: Readonly<Record<string, string>> = {
  'sessy-meter ct emulator METER-UNITS-002': 'a CT meter has no per-phase consumed/produced split',
};

describe('the Sessy meter contract suite against the emulator, P1 and CT', () => {
  const started: StartedTarget[] = [];
  let report: ContractReport;
  beforeAll(async () => {
    started.push(...(await Promise.all([startSessyMeterTarget('p1'), startSessyMeterTarget('ct')])));
    report = await runContracts({ device: 'sessy-meter', targets: started.map((s) => s.target) });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(started.map((s) => s.close()));
  });

  it('passes every case on both variants, except the documented skips', () => {
    const unexpected = report.results.filter((r) => r.status !== 'pass' && !(`${r.target} ${r.id}` in DOCUMENTED_SKIPS));
    expect(unexpected.map((r) => `${r.target} ${r.id} ${r.status}: ${r.why}`), formatSummary(report)).toEqual([]);
    for (const k of Object.keys(DOCUMENTED_SKIPS)) expect(report.results.find((r) => `${r.target} ${r.id}` === k)?.status).toBe('skip');
    expect(report.restore.every((r) => r.problems.length === 0)).toBe(true);
  });

  it('runs every case on each variant', () => {
    expect(report.results.length).toBe(sessyMeterSuite.cases.length * 2);
  });
});
