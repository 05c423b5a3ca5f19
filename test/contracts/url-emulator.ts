/**
 * Issue 15: an emulator started on its own at --speed 60 and addressed by URL, as a CI service container is. The
 * suite finds its control plane, judges time on its clock, passes every case at tolerance strictness, and still
 * catches every deliberately broken device of breakage-rows.ts (each row's own case, through the breaking proxy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverTarget, formatSummary, runContracts, type ContractReport, type DeviceKind } from '../../contracts/index.ts';
import { BREAKAGE_ROWS } from './breakage-rows.ts';
import { startBreakingProxy } from './breaking-proxy.ts';
import { spawnEmulator, type EmulatorProcess } from './emulator-process.ts';

export function describeUrlEmulator(device: DeviceKind, args: readonly string[]): void {
  describe(`the ${device} contracts against an emulator process at --speed 60, by URL`, () => {
    let emulator: EmulatorProcess;
    beforeAll(async () => {
      emulator = await spawnEmulator([device, '--port', '0', '--speed', '60', ...args]);
    }, 90_000);
    afterAll(() => emulator?.stop());

    const discover = (url: string) => discoverTarget({ device, url, credentials: emulator.credentials, allowWrites: false, paceMs: 1000 });

    it('finds the control plane, reports the firmware and the scaled clock, and passes every case at tolerance strictness', async () => {
      const found = await discover(emulator.url);
      expect(found.target.kind).toBe('emulator');
      expect(found.note).toMatch(/serves battsim's simulation control \(\/_sim\/, a clock at ×60\)/);
      const report: ContractReport = await runContracts({ device, targets: [found.target], strictness: 'tolerance' });
      expect(report.targets[0]).toMatchObject({ kind: 'emulator', clock: 'scaled', speed: 60, strictness: 'tolerance', writes: true, unreachable: null });
      expect(report.targets[0]?.firmware).toMatch(device === 'sessy' ? /^1\.11\.11$/ : /^esp \d+-[0-9a-f]+$/);
      const notPassed = report.results.filter((r) => r.status !== 'pass' && !(r.status === 'skip' && r.strictness === 'exact'));
      expect(notPassed.map((r) => `${r.id} ${r.status}: ${r.why}`), formatSummary(report)).toEqual([]);
      expect(report.results.filter((r) => r.status === 'skip').every((r) => /an exact case; the run's strictness is tolerance/.test(r.why))).toBe(true);
      expect(report.restore.every((r) => r.problems.length === 0)).toBe(true);
    }, 90_000);

    it('treats the same URL as hardware with --as-device', async () => {
      const found = await discoverTarget({ device, url: emulator.url, credentials: emulator.credentials, allowWrites: false, paceMs: 1000, asDevice: true });
      expect(found.target.kind).toBe('device');
      expect(found.note).toMatch(/treated as hardware \(--as-device\): read-only, 1000 ms between requests/);
    });

    it.each(BREAKAGE_ROWS.filter((r) => r.device === device).map((r) => [r.breakage, r.caseId, r] as const))('reports %s by %s through the URL', async (_, caseId, row) => {
      const proxy = await startBreakingProxy(emulator.url, row.make());
      try {
        const found = await discover(proxy.url);
        expect(found.target.kind).toBe('emulator');
        const report = await runContracts({ device, targets: [found.target], cases: [caseId] });
        const result = report.results.find((r) => r.id === caseId);
        expect(result?.status, formatSummary(report)).toBe('fail');
        expect(result?.evidence.length).toBeGreaterThan(0);
        expect(report.exitCode).toBe(1);
      } finally {
        await proxy.close();
      }
    }, 60_000);
  });
}
