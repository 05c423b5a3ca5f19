/** Homevolt: the control code of clients/control end to end; the Homevolt measures its grid itself (its CT). */
import { createRunner, createZeroOnMeterController } from '../../clients/control/index.ts';
import { createHomevoltBattery, createHomevoltClient } from '../../clients/homevolt/index.ts';
import type { CaseContext, ContractCase } from '../core/context.ts';
import { field, num } from '../core/observe.ts';
import { ENGAGE_S, PATHS } from './common.ts';

export const controlCases: readonly ContractCase[] = [
  {
    id: 'HOMEVOLT-CONTROL-001',
    title: 'zero on the meter (clients/control) through HomevoltBattery holds its grid CT within ±100 W of 0',
    strictness: 'tolerance',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      if (ctx.sim) await ctx.sim.setState({ loadW: 2000, pvW: 0, soc: 0.6 });
      // The control code runs on the target's clock, read back after every step: right at any speed.
      let nowMs = await ctx.time.now();
      const clock = { now: () => nowMs };
      const client = createHomevoltClient({ baseUrl: ctx.target.url, credentials: ctx.target.credentials, fetch: ctx.http.fetch, retries: 0 });
      const battery = createHomevoltBattery({ client, clock });
      const controller = createZeroOnMeterController({ meter: battery, battery });
      const errors: string[] = [];
      const runner = createRunner({ clock, cadenceMs: 5000, task: (t) => controller.step(t), onError: (e) => void errors.push(String(e)) });
      const scored: number[] = [];
      let atLimit = 0;
      // On real time the case stays within the engage time (with 10 s for its requests): half to settle, half scored.
      const totalS = ctx.time.kind === 'real' ? ENGAGE_S - 10 : 120;
      try {
        for (let t = 0; t < totalS; t += 5) {
          await runner.tick();
          nowMs = await ctx.time.pass(5);
          if (t >= totalS / 2) {
            scored.push(await battery.readGridPowerW());
            if (controller.state.limitedBy !== null) atLimit++;
          }
        }
      } finally {
        await battery.releaseControl();
      }
      ctx.check(errors.length === 0, `the controller reported ${errors.length} error(s): ${errors.slice(0, 2).join('; ')}`);
      if (atLimit > scored.length / 2) return ctx.note('the battery sat at a limit most of the scored time: the grid could not be zeroed');
      const meanAbsW = scored.reduce((s, w) => s + Math.abs(w), 0) / scored.length;
      ctx.check(meanAbsW <= 100, `the grid CT read a mean |${meanAbsW.toFixed(0)}| W over the last ${totalS / 2} s, expected ≤ 100 W`);
      ctx.note(`mean |grid| ${meanAbsW.toFixed(0)} W over the last ${totalS / 2} s`);
    },
  },
  {
    id: 'HOMEVOLT-CONTROL-002',
    title: 'HomevoltBattery takes local control (a verified manual schedule) and hands it back (local_mode as before)',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const before = field((await ctx.getJson(PATHS.schedule)).body, 'local_mode');
      const client = createHomevoltClient({ baseUrl: ctx.target.url, credentials: ctx.target.credentials, fetch: ctx.http.fetch, retries: 0 });
      const battery = createHomevoltBattery({ client, verify: 'always' });
      await battery.commandPowerW(-1000);
      const during = await ctx.getJson(PATHS.schedule);
      ctx.check(field(during.body, 'local_mode') === true && num(during.body, 'schedule', 0, 'type') === 1, `after commanding −1000 W the schedule reads ${during.exchange.response?.text ?? ''}`, during.exchange);
      await battery.releaseControl();
      const after = await ctx.getJson(PATHS.schedule);
      ctx.check(field(after.body, 'local_mode') === before, `after releaseControl local_mode is ${String(field(after.body, 'local_mode'))}, expected ${String(before)}`, after.exchange);
    },
  },
];
