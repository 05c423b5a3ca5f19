/**
 * The Sessy P1/CT meter over time: counters, and the NOM protocol the dongles speak to it (docs/sessy.md §6).
 */
import type { CaseContext, ContractCase } from '../core/context.ts';
import type { Exchange } from '../core/http.ts';
import { field, num } from '../core/observe.ts';
import { inertDongle, METER_PATHS as P, meterVariant } from './common.ts';

/** The energy counters of either variant, by name. */
async function counters(ctx: CaseContext): Promise<{ values: Record<string, number>; exchange: Exchange }> {
  const variant = await meterVariant(ctx);
  const { body, exchange } = await ctx.getJson(variant === 'p1' ? P.p1 : P.energy);
  const values: Record<string, number> = {};
  if (variant === 'p1') for (const k of ['power_consumed_tariff1', 'power_consumed_tariff2', 'power_produced_tariff1', 'power_produced_tariff2']) values[k] = num(body, k) ?? NaN;
  else for (const n of [1, 2, 3]) for (const d of ['import_wh', 'export_wh']) values[`energy_phase${n}.${d}`] = num(body, `energy_phase${n}`, d) ?? NaN;
  return { values, exchange };
}

export const meterBehaviourCases: readonly ContractCase[] = [
  {
    id: 'METER-COUNTER-001',
    title: 'the energy counters (P1 tariff registers, CT energy_phaseN) are integers in Wh that never go down',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const first = await counters(ctx);
      for (const [k, v] of Object.entries(first.values)) ctx.check(Number.isInteger(v) && v >= 0, `${k} is ${v}, expected an integer ≥ 0 (Wh)`, first.exchange);
      await ctx.time.pass(60, 'energy to flow through the meter');
      const second = await counters(ctx);
      for (const [k, v] of Object.entries(second.values)) ctx.check(v >= first.values[k]!, `${k} went down from ${first.values[k]} to ${v} Wh`, [first.exchange, second.exchange]);
    },
  },
  {
    id: 'METER-NOM-001',
    title: 'POST /api/v1/nom/power answers power_target_w, baseline_power_w and current_limit as integers; a dongle that can do nothing gets 0 W',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const e = await ctx.http.send({ method: 'POST', path: P.nom, auth: 'none', json: inertDongle('DCONTRACT') });
      ctx.check(e.response?.status === 200, `answered ${e.response?.status ?? 'nothing'} ${e.response?.text ?? ''}, expected 200`, e);
      const body = e.json();
      ctx.check(field(body, 'status') === 'ok', 'the answer has no "status":"ok"', e);
      for (const k of ['power_target_w', 'baseline_power_w', 'current_limit']) ctx.check(Number.isInteger(num(body, k)), `${k} is ${JSON.stringify(field(body, k))}, expected an integer`, e);
      ctx.check(num(body, 'power_target_w') === 0, `an inert dongle was asked for ${String(field(body, 'power_target_w'))} W, expected 0`, e);
    },
  },
  {
    id: 'METER-NOM-002',
    title: 'POST /api/v1/nom/power refuses a body without the dongle\'s fields with 400 {"status":"error"}',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      for (const body of ['{"unique_id":', '{"unique_id":"DCONTRACT"}']) {
        const e = await ctx.http.send({ method: 'POST', path: P.nom, auth: 'none', body });
        ctx.check(e.response?.status === 400 && field(e.json(), 'status') === 'error' && typeof field(e.json(), 'error') === 'string', `POST ${body} answered ${e.response?.status ?? 'nothing'} ${e.response?.text ?? ''}, expected 400 with a JSON error`, e);
      }
    },
  },
  {
    id: 'METER-NOM-003',
    title: 'the meter shares the grid target among the dongles, grid_target moves the shares, and a silent dongle is forgotten',
    strictness: 'tolerance',
    needs: ['writes', 'sim'],
    async run(ctx: CaseContext) {
      if (ctx.target.kind !== 'emulator') return ctx.skip('needs a known household load to compute the shares');
      await ctx.sim!.setState({ loadW: 3000, pvW: 0 });
      await ctx.time.pass(2);
      const dongle = (id: string) => ({ ...inertDongle(id), max_charge_power_w: 2200, max_discharge_power_w: 1700 });
      const post = async (id: string) => {
        const e = await ctx.http.send({ method: 'POST', path: P.nom, auth: 'none', json: dongle(id) });
        ctx.check(e.response?.status === 200, `POST nom/power for ${id} answered ${e.response?.status ?? 'nothing'}`, e);
        return { w: num(e.json(), 'power_target_w') ?? NaN, e };
      };
      await post('DCA');
      await post('DCB');
      const c = await post('DCC');
      ctx.check(Math.abs(c.w - 1000) <= 100, `three dongles under a 3000 W load: the third is asked ${c.w} W, expected about 1000`, c.e);
      const target = async (w: number) => {
        const set = await ctx.http.send({ method: 'POST', path: P.gridTarget, json: { grid_target: w } });
        ctx.check(set.response?.status === 200, `setting grid_target ${w} W answered ${set.response?.status ?? 'nothing'}`, set);
      };
      await target(-600);
      const moved = await post('DCA');
      ctx.check(Math.abs(moved.w - 1200) <= 100, `with grid_target −600 W (export) each is asked ${moved.w} W, expected about 1200`, moved.e);
      await target(0);
      const state = await ctx.sim!.getState();
      const forgetS = Number(field(state, 'nom', 'forgetAfterS'));
      ctx.check(Number.isFinite(forgetS) && forgetS > 0, `the emulator's state gives no nom.forgetAfterS (${String(forgetS)})`);
      for (let s = 0; s <= forgetS + 2; s += 2) {
        await ctx.time.pass(2);
        await post('DCA');
        await post('DCB');
      }
      const alone = await post('DCA');
      ctx.check(Math.abs(alone.w - 1500) <= 150, `after DCC fell silent for ${forgetS} s the two left are asked ${alone.w} W each, expected about 1500`, alone.e);
    },
  },
];
