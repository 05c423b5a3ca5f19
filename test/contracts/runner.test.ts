import { describe, expect, it } from 'vitest';
import { CONTRACT_ERROR_CODES, ContractError, discoverTarget, formatJUnit, formatSummary, runContracts, sessySuite } from '../../contracts/index.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';
import { startSessyTarget } from './emulators.ts';

describe('the contract runner', () => {
  it('keeps a stable catalogue of CONTRACT_ERR_* codes, none reused', () => {
    expect(new Set(CONTRACT_ERROR_CODES).size).toBe(CONTRACT_ERROR_CODES.length);
    for (const code of CONTRACT_ERROR_CODES) expect(code).toMatch(/^CONTRACT_ERR_[A-Z_]+$/);
  });

  it('rejects an unknown option, an unknown case and a device target without explicit consent', async () => {
    const target = { kind: 'device', url: 'http://192.0.2.1', credentials: null, allowWrites: false, paceMs: 1000 } as const;
    await expect(runContracts({ device: 'sessy', targets: [target], colour: true } as never)).rejects.toMatchObject({ code: 'CONTRACT_ERR_BAD_OPTION' });
    await expect(runContracts({ device: 'sessy', targets: [target], cases: ['SESSY-NOPE-001'] })).rejects.toMatchObject({ code: 'CONTRACT_ERR_UNKNOWN_CASE' });
    await expect(runContracts({ device: 'sessy', targets: [{ ...target, allowWrites: undefined } as never] })).rejects.toBeInstanceOf(ContractError);
  });

  it('restores the strategy and settings after an interrupted run (Ctrl-C)', async () => {
    const { target, close } = await startSessyTarget('1.11.11');
    try {
      const controller = new AbortController();
      const report = await runContracts({
        device: 'sessy',
        targets: [target],
        cases: ['SESSY-STRATEGY-001', 'SESSY-SETTINGS-001', 'SESSY-SETPOINT-001'],
        signal: controller.signal,
        onResult: (r) => {
          // SETPOINT-001 leaves the dongle in POWER_STRATEGY_API at 1000 W: the restore must undo it.
          if (r.id === 'SESSY-SETPOINT-001') controller.abort();
        },
      });
      expect(report.interrupted).toBe(true);
      expect(report.exitCode).toBe(130);
      expect(report.results.find((r) => r.id === 'SESSY-SETTINGS-001')?.status).toBe('skip');
      expect(report.restore[0]?.problems).toEqual([]);
      const auth = { authorization: `Basic ${Buffer.from(`${target.credentials!.user}:${target.credentials!.password}`).toString('base64')}` };
      const strategy = (await (await fetch(`${target.url}/api/v1/power/active_strategy`, { headers: auth })).json()) as { strategy: string };
      const settings = (await (await fetch(`${target.url}/api/v1/system/settings`, { headers: auth })).json()) as { min_power: number };
      expect(strategy.strategy).toBe('POWER_STRATEGY_NOM');
      expect(settings.min_power).toBe(50);
    } finally {
      await close();
    }
  });

  it('writes JUnit XML with one testcase per case and failures as <failure>', async () => {
    const { target, close } = await startSessyTarget('1.11.11');
    try {
      const report = await runContracts({ device: 'sessy', targets: [target], cases: ['SESSY-AUTH-*'] });
      const xml = formatJUnit(report);
      expect(xml).toContain('<testsuites name="battsim contracts" tests="4" failures="0"');
      expect(xml.match(/<testcase /g)?.length).toBe(4);
      expect(sessySuite.cases.filter((c) => c.id.startsWith('SESSY-AUTH-')).length).toBe(4);
    } finally {
      await close();
    }
  });

  it('runs a scaled emulator slower than x60 at x60 while a case waits, judges it on its clock, and hands its speed back', async () => {
    const emulator = await startSessy({ speed: 1 });
    try {
      const { target } = await discoverTarget({ device: 'sessy', url: emulator.url, credentials: emulator.credentials, allowWrites: false, paceMs: 1000 });
      const report = await runContracts({ device: 'sessy', targets: [target], cases: ['SESSY-SETPOINT-001'] });
      expect(report.targets[0]).toMatchObject({ kind: 'emulator', clock: 'scaled', speed: 60 });
      expect(report.results[0]?.status, formatSummary(report)).toBe('pass');
      const clock = (await (await fetch(`${emulator.url}/_sim/clock`)).json()) as { speed: number; paused: boolean };
      expect(clock).toMatchObject({ speed: 1, paused: false });
    } finally {
      await emulator.close();
    }
  }, 30_000);
});
