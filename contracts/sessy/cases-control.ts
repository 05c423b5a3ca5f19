/**
 * Sessy: the control code of clients/control, end to end against the target over HTTP.
 * The dongle measures no grid power (a P1 meter does, docs/sessy.md §6): zero on the meter reads the home's Sessy
 * meter when the target names one (`--meter URL`), as a real home does; without one it needs an emulator, whose
 * simulated site stands in for the meter. The take-and-release case runs on a real device too.
 */
import { createRunner, createZeroOnMeterController } from '../../clients/control/index.ts';
import { createSimGridMeter } from '../../clients/index.ts';
import { createSessyBattery, createSessyClient, createSessyMeterGrid } from '../../clients/sessy/index.ts';
import type { CaseContext, ContractCase } from '../core/context.ts';
import { field, num } from '../core/observe.ts';
import { PATHS } from './common.ts';

export const controlCases: readonly ContractCase[] = [
  {
    id: 'SESSY-CONTROL-001',
    title: 'zero on the meter (clients/control) through SessyBattery holds the grid within ±100 W of 0 after take-over',
    strictness: 'tolerance',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const onMeter = ctx.target.meter;
      if (!onMeter && (ctx.target.kind !== 'emulator' || !ctx.sim)) return ctx.skip('needs the home\'s Sessy meter (--meter URL) or an emulator\'s simulated site as the grid meter');
      // On an emulator the house draws a steady 800 W; on hardware it draws what it draws.
      if (ctx.sim) await ctx.sim.setState({ loadW: 800, pvW: 0, soc: 0.6 });
      // The control code runs on the emulator's clock, read back after every step: right at any speed.
      let nowMs = await ctx.time.now();
      const clock = { now: () => nowMs };
      const client = createSessyClient({ baseUrl: ctx.target.url, credentials: ctx.target.credentials, fetch: ctx.http.fetch, retries: 0 });
      const battery = createSessyBattery({ client, clock });
      const meter = onMeter
        ? createSessyMeterGrid({ baseUrl: onMeter.url, credentials: onMeter.credentials, fetch: ctx.http.fetch })
        : ctx.target.kind === 'emulator'
          ? createSimGridMeter({ baseUrl: ctx.target.control, ...(ctx.target.controlToken ? { token: ctx.target.controlToken } : {}) })
          : ctx.skip('no grid meter');
      const controller = createZeroOnMeterController({ meter, battery });
      const errors: string[] = [];
      const runner = createRunner({ clock, cadenceMs: 5000, task: (t) => controller.step(t), onError: (e) => void errors.push(String(e)) });
      const scored: number[] = [];
      try {
        for (let t = 0; t < 180; t += 5) {
          await runner.tick();
          nowMs = await ctx.time.pass(5);
          if (t >= 120) scored.push(await meter.readGridPowerW());
        }
      } finally {
        await battery.releaseControl();
      }
      ctx.check(errors.length === 0, `the controller reported ${errors.length} error(s): ${errors.slice(0, 2).join('; ')}`);
      const meanAbsW = scored.reduce((s, w) => s + Math.abs(w), 0) / scored.length;
      ctx.check(meanAbsW <= 100, `the grid stayed at a mean |${meanAbsW.toFixed(0)}| W over the last minute, expected ≤ 100 W`);
      ctx.note(`mean |grid| ${meanAbsW.toFixed(0)} W over the last minute`);
    },
  },
  {
    id: 'SESSY-CONTROL-002',
    title: 'SessyBattery takes control (strategy API, setpoint reads back) and hands the previous strategy back',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const before = field((await ctx.getJson(PATHS.strategy)).body, 'strategy');
      const client = createSessyClient({ baseUrl: ctx.target.url, credentials: ctx.target.credentials, fetch: ctx.http.fetch, retries: 0 });
      const battery = createSessyBattery({ client });
      await battery.commandPowerW(-200);
      const during = await ctx.getJson(PATHS.strategy);
      ctx.check(field(during.body, 'strategy') === 'POWER_STRATEGY_API', `after a command the strategy is ${String(field(during.body, 'strategy'))}, expected POWER_STRATEGY_API`, during.exchange);
      await ctx.time.pass(2, 'the strategy task to take the setpoint');
      const status = await ctx.getJson(PATHS.status);
      ctx.check(num(status.body, 'sessy', 'power_setpoint') === -200, `power_setpoint reads ${String(num(status.body, 'sessy', 'power_setpoint'))} after commanding -200 W`, status.exchange);
      await battery.releaseControl();
      const after = await ctx.getJson(PATHS.strategy);
      const expected = before === 'POWER_STRATEGY_API' ? 'POWER_STRATEGY_NOM' : before;
      ctx.check(field(after.body, 'strategy') === expected, `after releaseControl the strategy is ${String(field(after.body, 'strategy'))}, expected ${String(expected)}`, after.exchange);
    },
  },
];
