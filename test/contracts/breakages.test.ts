import { afterAll, describe, expect, it } from 'vitest';
import { formatSummary, runContracts, sessyMeterSuite } from '../../contracts/index.ts';
import { BREAKAGE_ROWS } from './breakage-rows.ts';
import { METER_BREAKAGE_ROWS } from './breakage-rows-meter.ts';
import { startBreakingProxy } from './breaking-proxy.ts';
import { startHomevoltTarget, startSessyMeterTarget, startSessyTarget, type StartedTarget } from './emulators.ts';

const ROWS = [...BREAKAGE_ROWS, ...METER_BREAKAGE_ROWS];

/**
 * The contracts catch what they claim: each breakage of a real emulator, made by a proxy, must be reported by
 * the case that names it, with the exchange that shows it (that case alone runs: the rows run at once).
 */
describe('the contracts against deliberately broken servers', () => {
  const open: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(open.map((o) => o.close()));
  });

  it.concurrent.each(ROWS.map((r) => [r.breakage, r.device, r.caseId, r] as const))('reports %s (%s) by %s', async (_, device, caseId, row) => {
    const emulator: StartedTarget = device === 'sessy' ? await startSessyTarget('1.11.11') : device === 'sessy-meter' ? await startSessyMeterTarget('p1') : await startHomevoltTarget('2512');
    const proxy = await startBreakingProxy(emulator.target.url, row.make());
    open.push(emulator, proxy);
    const report = await runContracts({ device, targets: [{ ...emulator.target, url: proxy.url, label: `${device} behind "${row.breakage}"` }], cases: [caseId] });
    const result = report.results.find((r) => r.id === caseId);
    expect(result?.status, formatSummary(report)).toBe('fail');
    expect(result?.evidence.length).toBeGreaterThan(0);
    expect(report.exitCode).toBe(1);
  }, 30_000);
});

describe('the meter suite’s breakages', () => {
  it('break every case of the meter suite, one row each', () => {
    expect(METER_BREAKAGE_ROWS.map((r) => r.caseId).sort()).toEqual(sessyMeterSuite.cases.map((c) => c.id).sort());
  });
});
