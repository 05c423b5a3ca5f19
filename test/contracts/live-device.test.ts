import { afterAll, describe, expect, it } from 'vitest';
import { formatSummary, runContracts, type DeviceKind } from '../../contracts/index.ts';
import { spawnEmulator as spawn, type EmulatorProcess } from './emulator-process.ts';

/**
 * The live path: an emulator started as a separate process and addressed by URL exactly as a real battery would be
 * (the `device` target kind, read-only, default strictness shape). Only the pacing is turned down, and only through
 * the explicit allowFastPacing; nothing here can reach the emulator's insides.
 */
const children: EmulatorProcess[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
});

async function spawnEmulator(args: readonly string[]): Promise<EmulatorProcess> {
  const child = await spawn(args);
  children.push(child);
  return child;
}

describe('contracts against an emulator addressed as a device', () => {
  it.each([
    // A device runs on NTP time, and the cases that compare its dates with this machine's clock expect that: the
    // emulator's manual clock starts at the host's now (docs/sessy-schedules-and-time.md).
    ['sessy', ['sessy', '--port', '0', '--speed', 'manual', '--start', 'now']],
    ['homevolt', ['homevolt', '--port', '0', '--speed', 'manual', '--start', 'now', '--password', 'live-path-test']],
  ] as const)('passes the read-only %s suite and skips every write and simulation case with its reason', async (device: DeviceKind, args) => {
    const { url, credentials } = await spawnEmulator(args);
    const report = await runContracts({ device, targets: [{ kind: 'device', url, credentials, allowWrites: false, paceMs: 0, allowFastPacing: true, label: `${device} as a device` }] });
    const summary = formatSummary(report);
    expect(report.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => r.id), summary).toEqual([]);
    expect(report.results.filter((r) => r.status === 'pass').length).toBeGreaterThan(5);
    for (const r of report.results.filter((x) => x.status === 'skip')) expect(r.why, r.id).toMatch(/--allow-writes|only against an emulator|only an emulator|strictness|firmware/);
    expect(report.restore).toEqual([]);
    expect(report.exitCode).toBe(0);
  }, 30_000);

  it('refuses fast pacing on a device target unless allowed explicitly', async () => {
    await expect(runContracts({ device: 'sessy', targets: [{ kind: 'device', url: 'http://192.0.2.1', credentials: null, allowWrites: false, paceMs: 0 }] })).rejects.toMatchObject({ code: 'CONTRACT_ERR_BAD_TARGET' });
  });
});
