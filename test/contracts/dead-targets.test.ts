import { afterAll, describe, expect, it } from 'vitest';
import { formatSummary, homevoltSuite, runContracts, sessyMeterSuite, sessySuite, type DeviceKind, type EmulatorTarget } from '../../contracts/index.ts';
import { closedPort, emptyOkServer, silentServer, type DeadTarget } from './dead-targets.ts';

/**
 * Issue 15: a contract never passes on silence. Every case of both suites, run against a target that does not
 * answer and against one that answers every request with an empty 200, must fail, each on its own (the greeting
 * that would stop the run first is turned off). The targets are described as emulators, so that no case is
 * skipped for want of consent or simulation control: the control plane is just as dead.
 */
const CREDENTIALS: Readonly<Record<DeviceKind, { user: string; password: string }>> = {
  sessy: { user: 'DABCD123', password: 'K7Q2M9XZ' },
  homevolt: { user: 'admin', password: 'battsim-contracts' },
  'sessy-meter': { user: 'PABCD123', password: 'K7Q2M9XZ' },
};
const SUITES = { sessy: sessySuite, homevolt: homevoltSuite, 'sessy-meter': sessyMeterSuite };

const open: DeadTarget[] = [];
afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});

const asEmulator = (device: DeviceKind, url: string): EmulatorTarget => ({ kind: 'emulator', url, control: url, credentials: CREDENTIALS[device], label: `${device} at a dead ${url}` });

describe('the contracts against targets that are not there', () => {
  it.concurrent.each([
    ['sessy', 'a closed port', closedPort],
    ['sessy', 'a server answering an empty 200', emptyOkServer],
    ['homevolt', 'a closed port', closedPort],
    ['homevolt', 'a server answering an empty 200', emptyOkServer],
    ['sessy-meter', 'a closed port', closedPort],
    ['sessy-meter', 'a server answering an empty 200', emptyOkServer],
  ] as const)('fails every %s case against %s, each case on its own', async (device, _kind, start) => {
    const dead = await start();
    open.push(dead);
    const report = await runContracts({ device, targets: [asEmulator(device, dead.url)], preflight: false });
    expect(report.results.length).toBe(SUITES[device].cases.length);
    const notFailed = report.results.filter((r) => r.status !== 'fail').map((r) => `${r.id} ${r.status}: ${r.why}`);
    expect(notFailed, formatSummary(report)).toEqual([]);
    for (const r of report.results) expect(r.why, r.id).not.toBe('');
    expect(report.exitCode).toBe(1);
  }, 30_000);

  it.concurrent.each([
    ['a closed port', closedPort, /ECONNREFUSED/],
    ['a server that never answers', silentServer, /no answer within 5000 ms/],
  ] as const)('stops at once against %s: one message, every case failed and none run', async (_kind, start, error) => {
    const dead = await start();
    open.push(dead);
    const events: string[] = [];
    const report = await runContracts({
      device: 'sessy',
      targets: [{ kind: 'device', url: dead.url, credentials: null, allowWrites: true, paceMs: 1000 }],
      onEvent: (e) => void events.push(e.type),
    });
    const unreachable = report.targets[0]?.unreachable ?? '';
    expect(unreachable).toMatch(error);
    expect(unreachable).toMatch(/did not answer GET \/api\/v1\/power\/status .* Check the URL and port/);
    expect(report.results.every((r) => r.status === 'fail' && r.why === `not run: ${unreachable}` && r.requests === 0)).toBe(true);
    expect(report.results.length).toBe(sessySuite.cases.length);
    expect(report.restore).toEqual([]);
    expect(events.filter((t) => t === 'target')).toHaveLength(1);
    expect(report.exitCode).toBe(1);
  }, 15_000);
});
