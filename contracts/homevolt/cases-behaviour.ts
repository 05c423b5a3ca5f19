/**
 * Homevolt: the relations between its fields, energy balance, counters, and behaviour over time (local mode,
 * schedules that read back, setpoints that converge and clamp). Time-based judgements use the device's own clock
 * (/ems.json `ts`), so they hold on an emulator at any speed. @see docs/contracts.md (Homevolt)
 */
import type { CaseContext, ContractCase } from '../core/context.ts';
import type { Exchange } from '../core/http.ts';
import { field, near, num, waitFor } from '../core/observe.ts';
import { consoleTime } from '../../clients/homevolt/index.ts';
import { ENGAGE_S, PATHS, enableLocal, powerEntry, readEms, safeDirection, schedule, sensors, setLocalMode, type EmsReading } from './common.ts';

const COUNTERS: readonly (readonly (string | number)[])[] = [
  ['ems_data', 'energy_produced'],
  ['ems_data', 'energy_consumed'],
  ['ems_aggregate', 'imported_kwh'],
  ['ems_aggregate', 'exported_kwh'],
];

async function engage(ctx: CaseContext, powerW: number): Promise<EmsReading> {
  await enableLocal(ctx);
  await schedule(ctx, powerEntry(powerW));
  let last: EmsReading | undefined;
  const { value } = await waitFor(ctx, ENGAGE_S, 5, async () => {
    last = await readEms(ctx);
    return near(last.batteryW, powerW, 50, 0.05) ? last : undefined;
  }, { what: `battery power to reach ${powerW} W`, reading: () => (last ? `${last.batteryW} W` : undefined) });
  if (!value) ctx.fail(`battery power did not reach ${powerW} W within ${ENGAGE_S} s: it reads ${last?.batteryW ?? '?'} W`, last ? [last.exchange] : []);
  return value;
}

async function readSchedule(ctx: CaseContext): Promise<{ body: unknown; exchange: Exchange; entries: unknown[] }> {
  const { body, exchange } = await ctx.getJson(PATHS.schedule);
  ctx.checkSpec(exchange);
  return { body, exchange, entries: (field(body, 'schedule') as unknown[] | undefined) ?? [] };
}

export const behaviourCases: readonly ContractCase[] = [
  {
    id: 'HOMEVOLT-EMS-001',
    title: 'avail_cap = avail_ch_energy + avail_di_energy (±2 Wh) for every unit',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readEms(ctx);
      for (const [i, u] of r.units.entries()) {
        const cap = num(u, 'ems_data', 'avail_cap');
        const ch = num(u, 'ems_prediction', 'avail_ch_energy');
        const di = num(u, 'ems_prediction', 'avail_di_energy');
        ctx.check(cap !== undefined && ch !== undefined && di !== undefined && Math.abs(cap - ch - di) <= 2, `ems[${i}]: avail_cap ${String(cap)} ≠ avail_ch_energy ${String(ch)} + avail_di_energy ${String(di)}`, r.exchange);
      }
    },
  },
  {
    id: 'HOMEVOLT-EMS-002',
    title: 'the modules\' energy_avail add up to avail_di_energy (±2 Wh per module)',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readEms(ctx);
      for (const [i, u] of r.units.entries()) {
        const modules = (field(u, 'bms_data') as unknown[] | undefined) ?? [];
        const sum = modules.reduce((s: number, m) => s + (num(m, 'energy_avail') ?? 0), 0);
        const di = num(u, 'ems_prediction', 'avail_di_energy') ?? NaN;
        ctx.check(Math.abs(sum - di) <= 2 * Math.max(1, modules.length), `ems[${i}]: Σ energy_avail ${sum} ≠ avail_di_energy ${di}`, r.exchange);
      }
    },
  },
  {
    id: 'HOMEVOLT-EMS-003',
    title: 'aggregated soc_avg is the mean of the units\' soc_avg (±1) and its power their sum (±5 W)',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readEms(ctx);
      const socs = r.units.map((u) => num(u, 'ems_data', 'soc_avg') ?? 0);
      const agg = num(r.body, 'aggregated', 'ems_data', 'soc_avg');
      const mean = socs.reduce((a, b) => a + b, 0) / socs.length;
      ctx.check(agg !== undefined && Math.abs(agg - mean) <= 1, `aggregated soc_avg ${String(agg)} is not the mean ${mean} of the units`, r.exchange);
      const aggW = num(r.body, 'aggregated', 'ems_data', 'power');
      ctx.check(aggW !== undefined && Math.abs(aggW - r.batteryW) <= 5, `aggregated power ${String(aggW)} W is not the units' sum ${r.batteryW} W`, r.exchange);
    },
  },
  {
    id: 'HOMEVOLT-EMS-004',
    title: 'a unit\'s ems_data.power equals its battery sensor\'s total_power (±5 W)',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readEms(ctx);
      const batteries = sensors(r.body).filter((s) => s.fn === 'battery');
      if (batteries.length === 0) ctx.skip('this firmware lists no battery sensors (before 2512)');
      const total = batteries.reduce((s, b) => s + b.totalW, 0);
      ctx.check(Math.abs(total - r.batteryW) <= 5 * batteries.length, `battery sensors sum to ${total} W, ems_data.power to ${r.batteryW} W`, r.exchange);
    },
  },
  {
    id: 'HOMEVOLT-POWER-001',
    title: 'battery power stays within rated_power and the active limits act_pwr_ch_lim / act_pwr_di_lim (+5 %)',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readEms(ctx);
      for (const [i, u] of r.units.entries()) {
        const p = num(u, 'ems_data', 'power')!;
        const rated = num(u, 'ems_info', 'rated_power') ?? 6000;
        const ch = num(u, 'ems_control', 'act_pwr_ch_lim') ?? rated;
        const di = num(u, 'ems_control', 'act_pwr_di_lim') ?? rated;
        ctx.check(p <= Math.min(rated, di) * 1.05 + 20 && p >= -Math.min(rated, ch) * 1.05 - 20, `ems[${i}] power ${p} W is outside −${ch}..${di} W (rated ${rated} W)`, r.exchange);
      }
    },
  },
  {
    id: 'HOMEVOLT-BALANCE-001',
    title: 'energy balance: load = −(grid + solar + battery) within ±20 W or 2 %',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readEms(ctx);
      const list = sensors(r.body);
      const sum = (fn: string) => list.filter((s) => s.fn === fn).reduce((a, s) => a + s.totalW, 0);
      if (!list.some((s) => s.fn === 'grid') || !list.some((s) => s.fn === 'load')) ctx.skip('no available grid and load sensors to balance');
      const grid = sum('grid');
      const solar = sum('solar');
      const load = sum('load');
      const expected = -(grid + solar + r.batteryW);
      ctx.check(near(load, expected, 20, 0.02), `load ${load} W ≠ −(grid ${grid} + solar ${solar} + battery ${r.batteryW}) = ${expected} W`, r.exchange);
    },
  },
  {
    id: 'HOMEVOLT-COUNTER-001',
    title: 'energy counters (energy_produced/consumed, ems_aggregate, sensor energies) never decrease between reads',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      // A manual clock makes long steps free; elsewhere three 10 s steps show a counter going back just as well.
      const stepS = ctx.time.kind === 'manual' ? 120 : 10;
      let previous = await readEms(ctx);
      for (let read = 0; read < 3; read++) {
        await ctx.time.pass(stepS, 'the counters to move');
        const current = await readEms(ctx);
        for (const [i, u] of current.units.entries()) {
          for (const path of COUNTERS) {
            const a = num(previous.units[i], ...path);
            const b = num(u, ...path);
            if (a !== undefined && b !== undefined) ctx.check(b >= a, `ems[${i}].${path.join('.')} went back from ${a} to ${b}`, [previous.exchange, current.exchange]);
          }
        }
        const before = sensors(previous.body);
        for (const s of sensors(current.body)) {
          const euid = field(s.sensor, 'euid');
          const old = before.find((o) => field(o.sensor, 'euid') === euid && o.fn === s.fn);
          for (const k of ['energy_imported', 'energy_exported']) {
            const a = num(old?.sensor, k);
            const b = num(s.sensor, k);
            if (a !== undefined && b !== undefined) ctx.check(b >= a, `the ${s.fn} sensor's ${k} went back from ${a} to ${b} kWh`, [previous.exchange, current.exchange]);
          }
        }
        previous = current;
      }
    },
  },
  {
    id: 'HOMEVOLT-LOCAL-001',
    title: 'settings_local written through POST /params.json reads back as local_mode in /schedule.json',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      for (const on of [true, false]) {
        const e = await setLocalMode(ctx.http, on);
        ctx.check(e.response?.status === 200 && /^Saved parameter k: 'settings_local'/.test(e.response.text), `settings_local=${on} answered ${e.response?.status ?? 'nothing'} ${e.response?.text ?? ''}`, e);
        const s = await readSchedule(ctx);
        ctx.check(field(s.body, 'local_mode') === on, `wrote settings_local=${on}, /schedule.json says local_mode ${String(field(s.body, 'local_mode'))}`, s.exchange);
      }
    },
  },
  {
    id: 'HOMEVOLT-SCHEDULE-001',
    title: 'sched_set reads back: "Manual Schedule", one entry of the type and setpoint sent',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      await enableLocal(ctx);
      await schedule(ctx, { type: 1, setpointW: 2000 });
      const s = await readSchedule(ctx);
      ctx.check(field(s.body, 'schedule_id') === 'Manual Schedule', `schedule_id is ${JSON.stringify(field(s.body, 'schedule_id'))}, expected "Manual Schedule"`, s.exchange);
      ctx.check(s.entries.length === 1, `the schedule has ${s.entries.length} entries after sched_set, expected 1`, s.exchange);
      ctx.check(num(s.entries[0], 'type') === 1 && num(s.entries[0], 'params', 'setpoint') === 2000, `the entry reads back as ${JSON.stringify(s.entries[0])}, expected type 1 with setpoint 2000`, s.exchange);
    },
  },
  {
    id: 'HOMEVOLT-SCHEDULE-002',
    title: 'sched_set then sched_add with --from/--to (UTC) read back as two entries with those unix times',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const ts = num((await readEms(ctx)).body, 'ts');
      ctx.check(ts !== undefined, '/ems.json has no ts');
      const fromMs = (Math.floor(ts / 900) * 900 + 3600) * 1000;
      const toMs = fromMs + 900_000;
      await enableLocal(ctx);
      await schedule(ctx, { type: 0 });
      const add = await schedule(ctx, { type: 2, setpointW: 1500, fromMs, toMs }, 'sched_add');
      const s = await readSchedule(ctx);
      ctx.check(s.entries.length === 2, `the schedule has ${s.entries.length} entries, expected 2 (${consoleTime(fromMs)}..${consoleTime(toMs)} added)`, [add, s.exchange]);
      const added = s.entries[1];
      ctx.check(num(added, 'from') === fromMs / 1000 && num(added, 'to') === toMs / 1000 && num(added, 'type') === 2 && num(added, 'params', 'setpoint') === 1500, `the added entry reads back as ${JSON.stringify(added)}`, [add, s.exchange]);
    },
  },
  {
    id: 'HOMEVOLT-SCHEDULE-003',
    title: 'a schedule type the firmware may not support (3) is kept as sent or normalised to idle (0), nothing else',
    strictness: 'tolerance',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      await enableLocal(ctx);
      await schedule(ctx, { type: 3, setpointW: 0 });
      const s = await readSchedule(ctx);
      const type = num(s.entries[0], 'type');
      ctx.check(type === 3 || type === 0, `sched_set 3 reads back as type ${String(type)}`, s.exchange);
      ctx.note(type === 3 ? 'this firmware keeps type 3' : 'this firmware stores type 3 as idle (pyHomevolt\'s "silently turns into idle")');
    },
  },
  {
    id: 'HOMEVOLT-SCHEDULE-004',
    title: "a bare sched_set 1, as Home Assistant's battery-mode select sends it, is accepted and reads back as inverter charge (only grid types need -s)",
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      await enableLocal(ctx);
      const set = await schedule(ctx, { type: 1 });
      const s = await readSchedule(ctx);
      ctx.check(s.entries.length === 1 && num(s.entries[0], 'type') === 1, `sched_set 1 reads back as ${JSON.stringify(s.entries)}, expected one type-1 entry`, [set, s.exchange]);
    },
  },
  {
    id: 'HOMEVOLT-TIME-001',
    title: "/ems.json's ts and every unit's timestamp_ms are the device's now (±120 s): clients date readings and schedule entries by them",
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const nowMs = await ctx.time.now();
      const r = await readEms(ctx);
      const ts = num(r.body, 'ts');
      ctx.check(ts !== undefined && Math.abs(ts * 1000 - nowMs) <= 120_000, `ts ${String(ts)} is not now (${Math.floor(nowMs / 1000)})`, r.exchange);
      for (const [i, u] of r.units.entries()) {
        const t = num(u, 'ems_data', 'timestamp_ms');
        ctx.check(t !== undefined && Math.abs(t - nowMs) <= 120_000, `ems[${i}].ems_data.timestamp_ms ${String(t)} is not now (${nowMs})`, r.exchange);
      }
    },
  },
  {
    id: 'HOMEVOLT-SETPOINT-001',
    title: 'a power schedule (sched_set 1/2 -s) leads to battery power converging on it (±50 W or 5 %) within 60 s',
    strictness: 'tolerance',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const start = await readEms(ctx);
      const r = await engage(ctx, safeDirection(start.socFraction) * 3000);
      ctx.note(`converged at ${r.batteryW} W`);
    },
  },
  {
    id: 'HOMEVOLT-SETPOINT-002',
    title: 'a setpoint beyond the limits is clamped at the rated power / active limit (+5 %) yet moves towards it',
    strictness: 'tolerance',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const start = await readEms(ctx);
      const dir = safeDirection(start.socFraction);
      await enableLocal(ctx);
      await schedule(ctx, powerEntry(dir * 20_000));
      let last: EmsReading | undefined;
      const { value } = await waitFor(ctx, ENGAGE_S, 5, async () => {
        last = await readEms(ctx);
        return Math.sign(last.batteryW) === dir && Math.abs(last.batteryW) >= 3000 ? last : undefined;
      }, { what: 'battery power to move towards the limit', reading: () => (last ? `${last.batteryW} W` : undefined) });
      if (!value) ctx.fail(`power did not move towards the limit within ${ENGAGE_S} s: ${last?.batteryW ?? '?'} W`, last ? [last.exchange] : []);
      const rated = value.units.reduce((s: number, u) => s + (num(u, 'ems_info', 'rated_power') ?? 6000), 0);
      ctx.check(Math.abs(value.batteryW) <= rated * 1.05 + 50, `power ${value.batteryW} W for a ${dir * 20_000} W schedule exceeds the rated ${rated} W`, value.exchange);
    },
  },
  {
    id: 'HOMEVOLT-POWER-002',
    title: 'the power sign agrees with the SOC trend, and energy_produced/consumed follow the power (±10 Wh or 15 %)',
    strictness: 'tolerance',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const first = await readEms(ctx);
      const dir = safeDirection(first.socFraction);
      const powerW = dir * 3000;
      await enableLocal(ctx);
      await schedule(ctx, powerEntry(powerW));
      // The power is integrated from before the schedule, through the engage ramp, on the device's own clock (ts,
      // unix s): right at any emulator speed. On real time the whole case fits in the engage time; where waiting is
      // cheap it goes on for five more minutes.
      const windowS = ctx.time.kind === 'real' ? ENGAGE_S - 5 : ENGAGE_S + 300;
      const t0S = tsOf(ctx, first);
      let integralWh = 0;
      let engaged = false;
      let previous = first;
      if (ctx.time.kind !== 'manual') ctx.progress(`integrating the power over ${windowS} s while energy_produced/consumed follow ${powerW} W`);
      // Bounded by steps too: a clock that stands still must not keep the case waiting.
      // 15 s steps where the clock is stepped by hand (fewer requests); 5 s where every second is waited for.
      const stepS = ctx.time.kind === 'manual' ? 15 : 5;
      for (let step = 0; step < windowS / stepS + 3 && tsOf(ctx, previous) - t0S < windowS; step++) {
        await ctx.time.pass(stepS);
        const r = await readEms(ctx);
        integralWh += ((previous.batteryW + r.batteryW) / 2) * ((tsOf(ctx, r) - tsOf(ctx, previous)) / 3600);
        engaged ||= near(r.batteryW, powerW, 50, 0.05);
        previous = r;
      }
      ctx.check(engaged, `battery power did not reach ${powerW} W within ${windowS} s: it reads ${previous.batteryW} W`, previous.exchange);
      const socDelta = previous.socFraction - first.socFraction;
      if (socDelta === 0 && ctx.time.kind === 'real') ctx.note(`SOC did not move within its resolution in ${windowS} s`);
      else ctx.check(Math.sign(socDelta) === -dir, `at about ${previous.batteryW} W for ${windowS} s SOC went from ${first.socFraction} to ${previous.socFraction}`, [first.exchange, previous.exchange]);
      const key = dir < 0 ? 'energy_consumed' : 'energy_produced';
      const delta = previous.units.reduce((s: number, u, i) => s + (num(u, 'ems_data', key) ?? 0) - (num(first.units[i], 'ems_data', key) ?? 0), 0);
      ctx.check(near(delta, Math.abs(integralWh), 10, 0.15), `ems_data.${key} rose by ${delta} Wh while the power integrates to ${Math.abs(integralWh).toFixed(1)} Wh over ${tsOf(ctx, previous) - t0S} s of the device's clock (ts)`, [first.exchange, previous.exchange]);
    },
  },
];

/** /ems.json `ts` [unix s]: the device's clock; fails the case when it is missing. */
function tsOf(ctx: CaseContext, r: EmsReading): number {
  const ts = num(r.body, 'ts');
  ctx.check(ts !== undefined, '/ems.json has no numeric ts (unix seconds)', r.exchange);
  return ts;
}
