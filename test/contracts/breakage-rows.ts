/**
 * Deliberately broken devices: each row breaks one thing of a real emulator through a proxy (breaking-proxy.ts),
 * and names the case that must report it. Shared by the in-process run (breakages.test.ts) and the URL emulator at
 * --speed 60 (url-emulator.test.ts).
 */
import type { DeviceKind } from '../../contracts/index.ts';
import { rewriteJson, type Breakage } from './breaking-proxy.ts';

export interface BreakageRow {
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

export const BREAKAGE_ROWS: readonly BreakageRow[] = [
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
