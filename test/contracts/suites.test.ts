import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary, homevoltSuite, runContracts, sessySuite, type CaseResult, type ContractReport } from '../../contracts/index.ts';
import { HOMEVOLT_PROFILES, SESSY_PROFILES, startHomevoltTarget, startSessyTarget, type StartedTarget } from './emulators.ts';

/**
 * Both suites against fresh emulators, one per firmware profile, inside `npm test`: every change to an emulator
 * is checked by its contracts. Everything passes except the skips and the one known failure listed here.
 */
const DOCUMENTED_SKIPS: Readonly<Record<string, string>> = {
  'sessy 1.7.2 emulator SESSY-SCHEDULE-001': 'the v2 schedule came with 1.9.2',
  'homevolt pre-2512 emulator HOMEVOLT-EMS-004': 'battery sensors came with 2512',
};

/**
 * A real finding, not a flaky case: clients/sessy validates power/status against openapi/sessy.yaml, whose
 * `required` lists external_power, pack_voltage, inverter_current_ma and strategy_overridden, which firmware 1.7.2
 * does not send (the spec's own x-device-differs says so). So SessyBattery cannot read a 1.7.2 dongle. Remove this
 * entry when the client honours the firmware ranges; the test then insists the case passes.
 */
const KNOWN_FAILURES: Readonly<Record<string, RegExp>> = {
  'sessy 1.7.2 emulator SESSY-CONTROL-001': /SESSY_CLIENT_ERR_PROTOCOL|does not match openapi\/sessy\.yaml at \$\.sessy\.external_power/,
};

const key = (r: CaseResult) => `${r.target} ${r.id}`;

describe('the contract suites against the emulators', () => {
  const started: StartedTarget[] = [];
  let sessy: ContractReport;
  let homevolt: ContractReport;
  let wallMs = 0;

  beforeAll(async () => {
    const t0 = Date.now();
    const s = await Promise.all(SESSY_PROFILES.map(startSessyTarget));
    const h = await Promise.all(HOMEVOLT_PROFILES.map(startHomevoltTarget));
    started.push(...s, ...h);
    [sessy, homevolt] = await Promise.all([
      runContracts({ device: 'sessy', targets: s.map((x) => x.target) }),
      runContracts({ device: 'homevolt', targets: h.map((x) => x.target) }),
    ]);
    wallMs = Date.now() - t0;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(started.map((s) => s.close()));
  });

  it.each([['sessy'], ['homevolt']] as const)('passes every %s case on every firmware profile, except the documented skips', (device) => {
    const report = device === 'sessy' ? sessy : homevolt;
    const unexpected = report.results.filter((r) => {
      if (r.status === 'pass') return false;
      if (r.status === 'skip') return !(key(r) in DOCUMENTED_SKIPS);
      const known = KNOWN_FAILURES[key(r)];
      return !(r.status === 'fail' && known?.test(r.why));
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

  it('finishes both suites within 20 s of wall time', () => {
    expect(wallMs).toBeLessThan(20_000);
  });
});
