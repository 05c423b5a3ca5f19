/**
 * Deliberately broken meters: one row per case of the meter suite (contracts/sessy-meter/), each breaking what that
 * case checks through the proxy of breaking-proxy.ts, in front of a real P1 meter emulator.
 */
import { rewriteJson, type Breakage, type Upstream } from './breaking-proxy.ts';
import type { BreakageRow } from './breakage-rows.ts';

const path = (p: string) => (req: { path: string }) => req.path.split('?')[0] === p;
const ok = (text = '{"status":"ok"}'): Upstream => ({ status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, text });

/** POSTs to `p` answered 200 ok without reaching the meter. */
const swallowPosts = (p: string, when: (body: string) => boolean = () => true): (() => Breakage) => () => async (req, forward) => (req.method === 'POST' && path(p)(req) && when(req.body) ? ok() : forward(req));

const row = (caseId: string, breakage: string, make: () => Breakage): BreakageRow => ({ device: 'sessy-meter', breakage, caseId, make });

export const METER_BREAKAGE_ROWS: readonly BreakageRow[] = [
  row('METER-SPEC-001', 'p1/details without dsmr_version', () => rewriteJson(path('/api/v2/p1/details'), (b) => void delete b.dsmr_version)),
  row('METER-SPEC-002', 'no "status":"ok" in success bodies', () => rewriteJson(() => true, (b) => void delete b.status)),
  row('METER-AUTH-001', '200 where the meter says 401', () => async (req, forward) => {
    const answer = await forward(req);
    return answer.status === 401 ? ok('{"status":"ok","grid_target":0}') : answer;
  }),
  row('METER-TARGET-001', 'grid_target answered ok, never stored', swallowPosts('/api/v1/meter/grid_target')),
  row('METER-TARGET-002', 'a non-integer grid_target accepted', swallowPosts('/api/v1/meter/grid_target', (body) => !/^\{"grid_target":-?\d+\}$/.test(body))),
  row('METER-UNITS-001', 'voltages in V instead of mV', () => rewriteJson(path('/api/v2/p1/details'), (b) => void (b.voltage_l1 = 230))),
  row('METER-UNITS-002', 'power_total that is not the grid', () => rewriteJson(path('/api/v2/p1/details'), (b) => {
    b.power_total = (b.power_total as number) + 400;
    b.power_consumed = (b.power_consumed as number) + 400;
  })),
  row('METER-COUNTER-001', 'tariff registers going backwards', () => {
    let reads = 0;
    return rewriteJson(path('/api/v2/p1/details'), (b) => void (b.power_consumed_tariff1 = 1_000_000 - 10 * ++reads));
  }),
  row('METER-NOM-001', 'nom/power without current_limit', () => rewriteJson(path('/api/v1/nom/power'), (b) => void delete b.current_limit)),
  row('METER-NOM-002', 'nom/power accepting any body', swallowPosts('/api/v1/nom/power', (body) => !body.includes('max_discharge_power_w'))),
  row('METER-NOM-003', 'every dongle told to stay idle', () => rewriteJson(path('/api/v1/nom/power'), (b) => void (b.power_target_w = 0))),
];
