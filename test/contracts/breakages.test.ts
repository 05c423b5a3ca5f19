import { afterAll, describe, expect, it } from 'vitest';
import { formatSummary, runContracts, type DeviceKind } from '../../contracts/index.ts';
import { rewriteJson, startBreakingProxy, type Breakage } from './breaking-proxy.ts';
import { startHomevoltTarget, startSessyTarget, type StartedTarget } from './emulators.ts';

/**
 * The contracts catch what they claim: each breakage of a real emulator, made by a proxy, must be reported by
 * the case that names it, with the exchange that shows it.
 */
interface Row {
  readonly device: DeviceKind;
  readonly breakage: string;
  readonly caseId: string;
  readonly make: () => Breakage;
}

const path = (p: string) => (req: { path: string }) => req.path.split('?')[0] === p;

/** A 200 with `text` wherever the device refused the credentials: a server that lets anyone in. */
function acceptAnyCredentials(text: string): () => Breakage {
  return () => async (req, forward) => {
    const answer = await forward(req);
    return answer.status === 401 ? { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, text } : answer;
  };
}

/** Counters that fall by 10 per read: a reset or a follower dropping out, passed on to the client. */
function fallingCounters(p: string, lower: (body: Record<string, unknown>, by: number) => void): () => Breakage {
  return () => {
    let reads = 0;
    return rewriteJson(path(p), (body) => lower(body, 10 * ++reads));
  };
}

const ROWS: readonly Row[] = [
  { device: 'sessy', breakage: 'frequency in Hz instead of mHz', caseId: 'SESSY-UNITS-001', make: () => rewriteJson(path('/api/v1/power/status'), (b) => void ((b.sessy as Record<string, number>).frequency = 50)) },
  { device: 'sessy', breakage: 'no "status":"ok" in success bodies', caseId: 'SESSY-SPEC-002', make: () => rewriteJson(() => true, (b) => void delete b.status) },
  { device: 'sessy', breakage: '200 where the device says 401', caseId: 'SESSY-AUTH-001', make: acceptAnyCredentials('{"status":"ok","strategy":"POWER_STRATEGY_NOM"}') },
  {
    device: 'sessy',
    breakage: 'energy counters going backwards',
    caseId: 'SESSY-ENERGY-001',
    make: fallingCounters('/api/v1/energy/status', (b, by) => {
      const e = b.sessy_energy as Record<string, number>;
      e.import_wh = 1000 - by;
      e.export_wh = 1000 - by;
    }),
  },
  {
    device: 'sessy',
    breakage: 'setpoints ignored (answered ok, never applied)',
    caseId: 'SESSY-SETPOINT-001',
    make: () => async (req, forward) => (req.method === 'POST' && path('/api/v1/power/setpoint')(req) ? { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, text: '{"status":"ok"}' } : forward(req)),
  },
  { device: 'homevolt', breakage: 'EMS voltages in V instead of deci-V', caseId: 'HOMEVOLT-UNITS-003', make: () => rewriteJson(path('/ems.json'), (b) => void ((b.ems as { ems_voltage: Record<string, number> }[])[0]!.ems_voltage.l1 = 230)) },
  { device: 'homevolt', breakage: '200 where the device says 401', caseId: 'HOMEVOLT-AUTH-001', make: acceptAnyCredentials('[]') },
  {
    device: 'homevolt',
    breakage: 'energy counters going backwards',
    caseId: 'HOMEVOLT-COUNTER-001',
    make: fallingCounters('/ems.json', (b, by) => void ((b.ems as { ems_data: Record<string, number> }[])[0]!.ems_data.energy_produced = 100_000 - by)),
  },
  {
    device: 'homevolt',
    breakage: 'a schedule that does not read back (sched_set answered, never stored)',
    caseId: 'HOMEVOLT-SCHEDULE-001',
    make: () => async (req, forward) => {
      const cmd = new URLSearchParams(req.body).get('cmd') ?? '';
      if (req.method !== 'POST' || !path('/console.json')(req) || !cmd.startsWith('sched_set')) return forward(req);
      return { status: 200, statusText: 'OK', headers: { 'content-type': 'text/plain' }, text: `ecu-hub-esp32>  ${cmd}\nCommand '${cmd}' executed successfully\n` };
    },
  },
];

describe('the contracts against deliberately broken servers', () => {
  const open: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(open.map((o) => o.close()));
  });

  it.concurrent.each(ROWS.map((r) => [r.breakage, r.device, r.caseId, r] as const))('reports %s (%s) by %s', async (_, device, caseId, row) => {
    const emulator: StartedTarget = device === 'sessy' ? await startSessyTarget('1.11.11') : await startHomevoltTarget('2512');
    const proxy = await startBreakingProxy(emulator.target.url, row.make());
    open.push(emulator, proxy);
    const report = await runContracts({ device, targets: [{ ...emulator.target, url: proxy.url, label: `${device} behind "${row.breakage}"` }] });
    const result = report.results.find((r) => r.id === caseId);
    expect(result?.status, formatSummary(report)).toBe('fail');
    expect(result?.evidence.length).toBeGreaterThan(0);
    expect(report.exitCode).toBe(1);
  }, 30_000);
});
