/**
 * Sessy: physics invariants and behaviour over time. Time is the target's own (ctx.time: the emulator's clock at
 * any speed, or real time on a device), so the same case judges both alike; on real time no case waits longer
 * than the engage time. @see docs/contracts.md (engage time, envelope, energy counters)
 */
import type { CaseContext, ContractCase } from '../core/context.ts';
import type { Exchange } from '../core/http.ts';
import { field, near, num, waitFor } from '../core/observe.ts';
import { ENGAGE_S, PATHS, RATED, readEnergy, readPower, safeDirection, setSetpoint, setStrategy, type PowerReading } from './common.ts';

const ENERGY_KEYS = ['sessy_energy', 'energy_phase1', 'energy_phase2', 'energy_phase3'] as const;

/** API strategy with a setpoint, then waits until the power follows; returns the reading that converged. */
async function engage(ctx: CaseContext, setpointW: number): Promise<PowerReading> {
  await setStrategy(ctx, 'POWER_STRATEGY_API');
  await setSetpoint(ctx, setpointW);
  let last: PowerReading | undefined;
  const { value } = await waitFor(ctx, ENGAGE_S, 5, async () => {
    last = await readPower(ctx);
    return near(last.powerW, setpointW, 50, 0.05) ? last : undefined;
  }, { what: `power to reach the setpoint ${setpointW} W`, reading: () => (last ? `${last.powerW} W, ${last.systemState}` : undefined) });
  if (!value) ctx.fail(`power did not reach the setpoint ${setpointW} W within the ${ENGAGE_S} s engage time: it reads ${last?.powerW ?? '?'} W (state ${last?.systemState ?? '?'})`, last ? [last.exchange] : []);
  return value;
}

export const behaviourCases: readonly ContractCase[] = [
  {
    id: 'SESSY-POWER-001',
    title: 'power and power_setpoint stay within the rated envelope (charge 2200 W, discharge ≤ 2100 W, +5 %)',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readPower(ctx);
      const inside = (w: number) => w >= -RATED.chargeW * (1 + RATED.tolerance) && w <= RATED.dischargeW * (1 + RATED.tolerance);
      ctx.check(Number.isInteger(r.powerW) && inside(r.powerW), `sessy.power is ${r.powerW} W, outside the rated envelope`, r.exchange);
      ctx.check(Number.isInteger(r.setpointW), `power_setpoint ${r.setpointW} is not an integer W`, r.exchange);
    },
  },
  {
    id: 'SESSY-PV-001',
    title: 'each PV phase\'s power is at most voltage × current (mV × mA), +10 % and 10 W',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readPower(ctx);
      for (const n of [1, 2, 3]) {
        const phase = field(r.body, `renewable_energy_phase${n}`);
        const v = num(phase, 'voltage_rms') ?? 0;
        const i = num(phase, 'current_rms') ?? 0;
        const p = num(phase, 'power') ?? 0;
        const apparentW = (v / 1000) * (i / 1000);
        ctx.check(Math.abs(p) <= apparentW * 1.1 + 10, `renewable_energy_phase${n}: power ${p} W exceeds ${v} mV × ${i} mA = ${apparentW.toFixed(0)} VA`, r.exchange);
      }
    },
  },
  {
    id: 'SESSY-ENERGY-001',
    title: 'energy counters never decrease between reads',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      let previous = await readEnergy(ctx);
      // A manual clock makes long steps free; elsewhere three 10 s steps show a counter going back just as well.
      const stepS = ctx.time.kind === 'manual' ? 120 : 10;
      for (let read = 0; read < 3; read++) {
        await ctx.time.pass(stepS, 'the counters to move');
        const current = await readEnergy(ctx);
        for (const key of ENERGY_KEYS) {
          for (const dir of ['import_wh', 'export_wh'] as const) {
            const a = num(previous.body, key, dir);
            const b = num(current.body, key, dir);
            if (a === undefined || b === undefined) continue;
            ctx.check(b >= a, `${key}.${dir} went back from ${a} to ${b} Wh`, [previous.exchange, current.exchange]);
          }
        }
        previous = current;
      }
    },
  },
  {
    id: 'SESSY-SETPOINT-001',
    title: 'a setpoint leads to power converging on it (±50 W or 5 %) within the 65 s engage time',
    strictness: 'tolerance',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const start = await readPower(ctx);
      const r = await engage(ctx, safeDirection(start.socFraction) * 1000);
      ctx.note(`converged at ${r.powerW} W`);
    },
  },
  {
    id: 'SESSY-SETPOINT-002',
    title: 'a setpoint beyond the limits is clamped: power moves towards the limit but stays within the rated envelope',
    strictness: 'tolerance',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const start = await readPower(ctx);
      const dir = safeDirection(start.socFraction);
      await setStrategy(ctx, 'POWER_STRATEGY_API');
      await setSetpoint(ctx, dir * 5000);
      const limitW = dir < 0 ? RATED.chargeW : RATED.dischargeW;
      let last: PowerReading | undefined;
      const { value } = await waitFor(ctx, ENGAGE_S, 5, async () => {
        last = await readPower(ctx);
        return Math.abs(last.powerW) >= 1000 && Math.sign(last.powerW) === dir ? last : undefined;
      }, { what: `power to move towards the ${dir < 0 ? 'charge' : 'discharge'} limit`, reading: () => (last ? `${last.powerW} W` : undefined) });
      if (!value) ctx.fail(`power did not move towards the ${dir < 0 ? 'charge' : 'discharge'} limit within ${ENGAGE_S} s: ${last?.powerW ?? '?'} W`, last ? [last.exchange] : []);
      ctx.check(Math.abs(value.powerW) <= limitW * (1 + RATED.tolerance), `power ${value.powerW} W for a setpoint of ${dir * 5000} W exceeds the ${limitW} W limit`, value.exchange);
    },
  },
  {
    id: 'SESSY-SETPOINT-003',
    title: 'power_setpoint reads back the setpoint written in the API strategy',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      await setStrategy(ctx, 'POWER_STRATEGY_API');
      for (const w of [-300, 400]) {
        await setSetpoint(ctx, w);
        // The strategy task takes the setpoint on its next cycle (about a second), not within the request.
        await ctx.time.pass(2, 'the strategy task to take the setpoint');
        const r = await readPower(ctx);
        ctx.check(r.setpointW === w, `power_setpoint reads ${r.setpointW} after writing ${w}`, r.exchange);
      }
    },
  },
  {
    id: 'SESSY-POWER-002',
    title: 'the power sign agrees with the SOC trend, and the energy counters follow the power (±5 Wh or 15 %)',
    strictness: 'tolerance',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const start = await readPower(ctx);
      const dir = safeDirection(start.socFraction);
      const setpointW = dir * 1500;
      const key = dir < 0 ? 'import_wh' : 'export_wh';
      const e0 = await readEnergy(ctx);
      let atMs = await ctx.time.now();
      let previous = await readPower(ctx);
      const first = previous;
      await setStrategy(ctx, 'POWER_STRATEGY_API');
      await setSetpoint(ctx, setpointW);
      // The power is integrated from before the setpoint over the target's own clock, through the engage ramp: on
      // real time the whole case fits in the engage time; where waiting is cheap it goes on for five more minutes.
      const windowS = ctx.time.kind === 'real' ? ENGAGE_S - 5 : ENGAGE_S + 300;
      let integralWh = 0;
      let engaged = false;
      const endMs = atMs + windowS * 1000;
      if (ctx.time.kind !== 'manual') ctx.progress(`integrating the power over ${windowS} s while the energy counters follow ${setpointW} W`);
      // 15 s steps where the clock is stepped by hand (fewer requests); 5 s where every second is waited for.
      const stepS = ctx.time.kind === 'manual' ? 15 : 5;
      while (atMs < endMs) {
        const nowMs = await ctx.time.pass(stepS);
        const r = await readPower(ctx);
        integralWh += ((previous.powerW + r.powerW) / 2) * ((nowMs - atMs) / 3_600_000);
        engaged ||= near(r.powerW, setpointW, 50, 0.05);
        atMs = nowMs;
        previous = r;
      }
      const e1 = await readEnergy(ctx);
      const evidence: Exchange[] = [first.exchange, previous.exchange];
      const socDelta = previous.socFraction - first.socFraction;
      // On real time the dongle may take the whole engage time to run (SESSY-SETPOINT-001 judges that): the counters
      // are then compared with the little that flowed, and the SOC trend is not judged.
      if (!engaged && ctx.time.kind === 'real') {
        ctx.note(`power had not engaged within ${windowS} s (${previous.powerW} W, ${previous.systemState}): only the counters were compared with the integrated power`);
      } else {
        ctx.check(engaged, `power did not reach the setpoint ${setpointW} W within ${windowS} s: it reads ${previous.powerW} W (state ${previous.systemState})`, previous.exchange);
        if (socDelta === 0 && ctx.time.kind === 'real') ctx.note(`SOC did not move within its resolution in ${windowS} s`);
        else ctx.check(Math.sign(socDelta) === -dir, `power ${dir < 0 ? 'charged' : 'discharged'} at about ${previous.powerW} W for ${windowS} s but SOC went from ${first.socFraction} to ${previous.socFraction}`, evidence);
      }
      const a = num(e0.body, 'sessy_energy', key);
      const b = num(e1.body, 'sessy_energy', key);
      ctx.check(a !== undefined && b !== undefined, `sessy_energy.${key} is missing`, [e0.exchange, e1.exchange]);
      const expectedWh = Math.abs(integralWh);
      ctx.check(near(b - a, expectedWh, 5, 0.15), `sessy_energy.${key} rose by ${b - a} Wh while the power integrates to ${expectedWh.toFixed(1)} Wh over ${windowS} s of the target's clock`, [e0.exchange, e1.exchange]);
    },
  },
  {
    id: 'SESSY-STRATEGY-001',
    title: 'each strategy written reads back (IDLE, API, NOM)',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      for (const strategy of ['POWER_STRATEGY_IDLE', 'POWER_STRATEGY_API', 'POWER_STRATEGY_NOM']) {
        await setStrategy(ctx, strategy);
        const { body, exchange } = await ctx.getJson(PATHS.strategy);
        ctx.checkSpec(exchange);
        ctx.check(field(body, 'strategy') === strategy, `wrote ${strategy}, read back ${String(field(body, 'strategy'))}`, exchange);
      }
    },
  },
  {
    id: 'SESSY-SETTINGS-001',
    title: 'a settings read-modify-write (the whole object, as clients send it) reads back',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const { body } = await ctx.getJson(PATHS.settings);
      const minPowerW = num(body, 'min_power');
      ctx.check(minPowerW !== undefined, 'system/settings has no numeric min_power');
      const wanted = minPowerW === 60 ? 70 : 60;
      const post = await ctx.http.send({ method: 'POST', path: PATHS.settings, json: { ...(body as object), min_power: wanted } });
      ctx.check(post.response?.status === 200 && field(post.json(), 'status') === 'ok', `POST system/settings answered ${post.response?.status ?? 'nothing'} ${post.response?.text ?? ''}`, post);
      const after = await ctx.getJson(PATHS.settings);
      ctx.check(num(after.body, 'min_power') === wanted, `wrote min_power ${wanted}, read back ${String(num(after.body, 'min_power'))}`, after.exchange);
    },
  },
  {
    id: 'SESSY-SCHEDULE-001',
    title: 'the v2 dynamic schedule is well formed: start < end, slots of 15 or 60 min, power within the envelope',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const e = await ctx.http.send({ method: 'GET', path: PATHS.scheduleV2 });
      if (e.response?.status === 404) ctx.skip('this firmware serves no v2 schedule (added in 1.9.2)');
      ctx.check(e.response?.status === 200, `answered ${e.response?.status ?? 'nothing'}, expected 200`, e);
      const slots = field(e.json(), 'dynamic_schedule');
      if (slots === null) return ctx.note('no schedule pushed (dynamic_schedule is null)');
      ctx.check(Array.isArray(slots), 'dynamic_schedule is neither an array nor null', e);
      for (const slot of slots) {
        const from = num(slot, 'start_time');
        const to = num(slot, 'end_time');
        const p = num(slot, 'power');
        ctx.check(from !== undefined && to !== undefined && to > from && [900, 3600].includes(to - from), `slot ${JSON.stringify(slot)} is not a 15- or 60-minute slot`, e);
        ctx.check(p !== undefined && p >= -RATED.chargeW * 1.05 && p <= RATED.dischargeW * 1.05, `slot power ${String(p)} W is outside the envelope`, e);
      }
    },
  },
  {
    id: 'SESSY-SCHEDULE-002',
    title: "the schedule covers the device's now, where ha-sessy looks: a v2 price and power slot with start_time <= now < end_time, or a v1 entry dated today (Europe/Amsterdam)",
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const nowMs = await ctx.time.now();
      const v2 = await ctx.http.send({ method: 'GET', path: PATHS.scheduleV2 });
      if (v2.response?.status === 200) {
        const body = v2.json();
        const nowS = nowMs / 1000;
        for (const key of ['energy_prices', 'dynamic_schedule'] as const) {
          const slots = field(body, key);
          if (slots === null) return ctx.note(`no schedule pushed (${key} is null)`);
          ctx.check(Array.isArray(slots), `${key} is neither an array nor null`, v2);
          const found = (slots as unknown[]).some((slot) => (num(slot, 'start_time') ?? Infinity) <= nowS && nowS < (num(slot, 'end_time') ?? -Infinity));
          ctx.check(found, `${key} has no slot for now (${new Date(nowMs).toISOString()}): ha-sessy's sensor for it stays unavailable`, v2);
        }
        return;
      }
      ctx.check(v2.response?.status === 404, `GET ${PATHS.scheduleV2} answered ${v2.response?.status ?? 'nothing'}, expected 200 or 404`, v2);
      const v1 = await ctx.http.send({ method: 'GET', path: PATHS.scheduleV1 });
      if (v1.response?.status === 404) ctx.skip('this firmware serves neither schedule');
      ctx.check(v1.response?.status === 200, `GET ${PATHS.scheduleV1} answered ${v1.response?.status ?? 'nothing'}, expected 200`, v1);
      // ha-sessy's legacy sensor takes the entry for today's date in Home Assistant's (Dutch) time zone.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(nowMs);
      for (const key of ['power_strategy', 'energy_prices'] as const) {
        const days = field(v1.json(), key);
        ctx.check(Array.isArray(days), `${key} is not an array`, v1);
        ctx.check((days as unknown[]).some((d) => field(d, 'date') === today), `${key} has no entry dated today (${today})`, v1);
      }
    },
  },
];
