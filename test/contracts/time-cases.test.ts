/**
 * The contract cases issue 14 added catch what they claim: each passes against the emulator and fails behind a proxy
 * that breaks exactly its rule (a schedule a day off, a stale timestamp, a bare sched_set 1 refused). Only the case
 * under test runs, so this stays quick.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatSummary, runContracts, type DeviceKind } from '../../contracts/index.ts';
import { rewriteJson, startBreakingProxy, type Breakage } from './breaking-proxy.ts';
import { startHomevoltTarget, startSessyTarget, type StartedTarget } from './emulators.ts';

const path = (p: string) => (req: { path: string }) => req.path.split('?')[0] === p;
const DAY_S = 86_400;

/** Every slot of the v2 schedule one day later: the dongle's calendar is not the client's. */
const scheduleADayLate: Breakage = rewriteJson(path('/api/v2/dynamic/schedule'), (b) => {
  for (const key of ['energy_prices', 'dynamic_schedule']) {
    for (const slot of b[key] as { start_time: number; end_time: number }[]) {
      slot.start_time += DAY_S;
      slot.end_time += DAY_S;
    }
  }
});
/** The v1 schedule dated a year back. */
const legacyScheduleLastYear: Breakage = rewriteJson(path('/api/v1/dynamic/schedule'), (b) => {
  for (const key of ['power_strategy', 'energy_prices']) for (const day of b[key] as { date: string }[]) day.date = `${Number(day.date.slice(0, 4)) - 1}${day.date.slice(4)}`;
});
/** /ems.json stamped an hour early. */
const staleEms: Breakage = rewriteJson(path('/ems.json'), (b) => {
  (b as { ts: number }).ts -= 3600;
});
/** A bare `sched_set 1` answered as the old emulator did. */
const bareSetRefused: Breakage = async (req, forward) => {
  const cmd = new URLSearchParams(req.body).get('cmd') ?? '';
  if (req.method !== 'POST' || !path('/console.json')(req) || cmd !== 'sched_set 1') return forward(req);
  return { status: 200, statusText: 'OK', headers: { 'content-type': 'text/plain' }, text: `ecu-hub-esp32>  ${cmd}\nMissing power setpoint\nCommand '${cmd}' returned non-zero error code: 0x2 (ERROR)` };
};

const ROWS = [
  ['sessy', '1.11.11', 'SESSY-SCHEDULE-002', scheduleADayLate],
  ['sessy', '1.7.2', 'SESSY-SCHEDULE-002', legacyScheduleLastYear],
  ['homevolt', '2512', 'HOMEVOLT-TIME-001', staleEms],
  ['homevolt', '2512', 'HOMEVOLT-SCHEDULE-004', bareSetRefused],
] as const;

describe('the contract cases for dates and bare schedules (issue 14)', () => {
  const open: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(open.map((o) => o.close()));
  });

  it.each(ROWS)('%s %s: %s passes against the emulator and fails behind its breakage', async (device, firmware, caseId, breakage) => {
    const emulator: StartedTarget = device === 'sessy' ? await startSessyTarget(firmware as '1.11.11') : await startHomevoltTarget(firmware as '2512');
    const proxy = await startBreakingProxy(emulator.target.url, breakage);
    open.push(emulator, proxy);
    const run = (url: string, label: string) => runContracts({ device: device as DeviceKind, targets: [{ ...emulator.target, url, label }], cases: [caseId] });
    const honest = await run(emulator.target.url, `${device} ${firmware}`);
    expect(honest.results.map((r) => r.status), formatSummary(honest)).toEqual(['pass']);
    const broken = await run(proxy.url, `${device} ${firmware} broken`);
    expect(broken.results.map((r) => r.status), formatSummary(broken)).toEqual(['fail']);
    expect(broken.results[0]!.evidence.length).toBeGreaterThan(0);
  }, 30_000);
});
