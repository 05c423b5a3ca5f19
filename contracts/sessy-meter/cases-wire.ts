/**
 * The Sessy P1/CT meter: the wire. Spec conformance, authentication, the grid_target errors, units.
 * @see docs/sessy.md §6
 */
import type { CaseContext, ContractCase } from '../core/context.ts';
import type { Exchange } from '../core/http.ts';
import { checkAgainstSpec } from '../core/spec.ts';
import { field, num, withClockStopped } from '../core/observe.ts';
import { GRID_TARGET_ERROR, METER_PATHS as P, meterVariant } from './common.ts';

/** The spec marks the operation as one variant's (x-meter-variants): the other variant answers 404. */
function otherVariants(ctx: CaseContext, path: string, variant: string): boolean {
  const variants = ctx.spec.find('GET', path)?.raw['x-meter-variants'];
  return Array.isArray(variants) && !variants.includes(variant);
}

const SPEC_GETS = [P.p1, P.ct, P.energy, P.modbus, P.status, P.gridTarget, P.limit, P.info, P.settings, P.ota, P.network, P.ping];
const PROTECTED_GETS = [P.gridTarget, P.limit, P.info, P.settings, P.network];

export const meterWireCases: readonly ContractCase[] = [
  {
    id: 'METER-SPEC-001',
    title: 'every GET the meter serves answers as openapi/sessy-meter.yaml says; the other variant\'s paths answer 404',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const variant = await meterVariant(ctx);
      const problems: string[] = [];
      const evidence: Exchange[] = [];
      for (const path of SPEC_GETS) {
        const exchange = await ctx.http.send({ method: 'GET', path });
        if (otherVariants(ctx, path, variant)) {
          if (exchange.response?.status !== 404) {
            problems.push(`GET ${path} on a ${variant} meter answered ${exchange.response?.status ?? 'nothing'}, expected 404`);
            evidence.push(exchange);
          }
          continue;
        }
        const issues = checkAgainstSpec(ctx.spec, exchange, { strictKeys: false });
        if (issues.length > 0) {
          problems.push(`GET ${path}: ${issues.slice(0, 3).join('; ')}`);
          evidence.push(exchange);
        }
      }
      ctx.check(problems.length === 0, problems.join(' | '), evidence);
    },
  },
  {
    id: 'METER-SPEC-002',
    title: 'every JSON success body carries "status":"ok" first',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const variant = await meterVariant(ctx);
      const bad: Exchange[] = [];
      for (const path of SPEC_GETS.filter((p) => p !== P.ping && !otherVariants(ctx, p, variant))) {
        const e = await ctx.http.send({ method: 'GET', path });
        const body = e.json();
        if (e.response?.status !== 200 || field(body, 'status') !== 'ok' || Object.keys(body as object)[0] !== 'status') bad.push(e);
      }
      ctx.check(bad.length === 0, `no 200 with "status":"ok" first from ${bad.map((e) => `${new URL(e.request.url).pathname} (${e.response?.status ?? e.error ?? 'no answer'})`).join(', ')}`, bad);
    },
  },
  {
    id: 'METER-AUTH-001',
    title: 'protected routes refuse a request without credentials with 401; meter/status and ping stay open',
    strictness: 'shape',
    needs: ['credentials'],
    async run(ctx: CaseContext) {
      for (const path of PROTECTED_GETS) {
        const e = await ctx.http.send({ method: 'GET', path, auth: 'none' });
        ctx.check(e.response?.status === 401, `GET ${path} without credentials answered ${e.response?.status ?? 'nothing'}, expected 401`, e);
      }
      const post = await ctx.http.send({ method: 'POST', path: P.gridTarget, auth: 'none', json: { grid_target: 0 } });
      ctx.check(post.response?.status === 401, `POST ${P.gridTarget} without credentials answered ${post.response?.status ?? 'nothing'}, expected 401`, post);
      const open = await ctx.http.send({ method: 'GET', path: P.status, auth: 'none' });
      ctx.check(open.response?.status === 200, `GET ${P.status} without credentials answered ${open.response?.status ?? 'nothing'}, expected 200 (Homey's discovery reads it)`, open);
    },
  },
  {
    id: 'METER-TARGET-001',
    title: 'POST /api/v1/meter/grid_target sets the NOM target and GET reads it back',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const before = num((await ctx.getJson(P.gridTarget)).body, 'grid_target') ?? 0;
      const wanted = before === 250 ? -250 : 250;
      const e = await ctx.http.send({ method: 'POST', path: P.gridTarget, json: { grid_target: wanted } });
      ctx.check(e.response?.status === 200 && field(e.json(), 'status') === 'ok', `answered ${e.response?.status ?? 'nothing'} ${e.response?.text ?? ''}, expected 200 {"status":"ok"}`, e);
      const after = await ctx.getJson(P.gridTarget);
      ctx.check(num(after.body, 'grid_target') === wanted, `grid_target reads ${String(field(after.body, 'grid_target'))} after setting ${wanted}`, after.exchange);
    },
  },
  {
    id: 'METER-TARGET-002',
    title: 'a grid_target that is not an integer gets 400 with the firmware\'s text and changes nothing',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const before = num((await ctx.getJson(P.gridTarget)).body, 'grid_target');
      for (const body of ['{"grid_target":"500"}', '{"grid_target":', '{"grid_target":12.5}']) {
        const e = await ctx.http.send({ method: 'POST', path: P.gridTarget, body });
        ctx.check(e.response?.status === 400 && field(e.json(), 'error') === GRID_TARGET_ERROR, `POST ${body} answered ${e.response?.status ?? 'nothing'} ${e.response?.text ?? ''}, expected 400 "${GRID_TARGET_ERROR}"`, e);
      }
      const after = await ctx.getJson(P.gridTarget);
      ctx.check(num(after.body, 'grid_target') === before, `grid_target changed from ${String(before)} to ${String(field(after.body, 'grid_target'))}`, after.exchange);
    },
  },
  {
    id: 'METER-UNITS-001',
    title: 'voltages are integers in mV (180 000..260 000, or 0 for an absent phase), currents in mA, power in W',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const variant = await meterVariant(ctx);
      const { body, exchange } = await ctx.getJson(variant === 'p1' ? P.p1 : P.ct);
      for (const n of [1, 2, 3]) {
        const v = num(body, `voltage_l${n}`);
        ctx.check(v !== undefined && Number.isInteger(v) && (v === 0 || (v >= 180_000 && v <= 260_000)), `voltage_l${n} is ${String(v)}, expected an integer in mV (≈ 230000) or 0`, exchange);
        const a = num(body, `current_l${n}`);
        ctx.check(a !== undefined && Number.isInteger(a) && a >= 0 && a < 200_000, `current_l${n} is ${String(a)}, expected an integer ≥ 0 in mA`, exchange);
      }
      if (variant === 'p1') {
        const consumed = num(body, 'power_consumed');
        const produced = num(body, 'power_produced');
        ctx.check(consumed !== undefined && produced !== undefined && (consumed === 0 || produced === 0), `power_consumed ${String(consumed)} and power_produced ${String(produced)}: one of them is 0 on a P1 (DSMR nets)`, exchange);
        ctx.check(num(body, 'power_total') === consumed! - produced!, `power_total ${String(field(body, 'power_total'))} is not power_consumed − power_produced`, exchange);
      }
    },
  },
  {
    id: 'METER-UNITS-002',
    title: 'the P1\'s per-phase powers add up to its totals, as the emulator\'s grid says',
    strictness: 'exact',
    needs: ['sim'],
    async run(ctx: CaseContext) {
      if (ctx.target.kind !== 'emulator') return ctx.skip('compares with the emulator\'s grid');
      if ((await meterVariant(ctx)) !== 'p1') return ctx.skip('a CT meter has no per-phase consumed/produced split');
      await ctx.sim!.setState({ loadW: 1500, pvW: 0 });
      await ctx.time.pass(2);
      await withClockStopped(ctx, async () => {
        const state = await ctx.sim!.getState();
        const { body, exchange } = await ctx.getJson(P.p1);
        const gridW = Number(state.gridW);
        ctx.check(Math.abs((num(body, 'power_total') ?? NaN) - gridW) <= 1, `power_total ${String(field(body, 'power_total'))} W, the emulator's grid ${gridW.toFixed(0)} W`, exchange);
        const sum = [1, 2, 3].reduce((s, n) => s + (num(body, `power_consumed_l${n}`) ?? 0) - (num(body, `power_produced_l${n}`) ?? 0), 0);
        ctx.check(Math.abs(sum - (num(body, 'power_total') ?? 0)) <= 3, `the phases add up to ${sum} W, power_total is ${String(field(body, 'power_total'))} W`, exchange);
      });
    },
  },
];
