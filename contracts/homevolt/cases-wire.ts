/**
 * Homevolt: the wire. Spec conformance, authentication and the lockout, errors, units and ranges.
 * @see docs/contracts.md (the device facts the contracts rely on: lockout, firmware, clock)
 */
import type { CaseContext, ContractCase } from '../core/context.ts';
import type { Exchange } from '../core/http.ts';
import { field, num, withClockStopped } from '../core/observe.ts';
import { checkAgainstSpec } from '../core/spec.ts';
import { PATHS, readEms, runConsole, sensors } from './common.ts';

const GETS = ['/status.json', '/ems.json', '/schedule.json', '/params.json', '/pid.json', '/ems_pid_history.json', '/ems_history.json?limit=5', '/nodes.json', '/mains_data.json', '/efr_hub_status.json', '/ecu_sense.json', '/error_report.json', '/error_history.json?limit=5', '/logs.json?limit=5', '/wifiscan.json', '/warp_ping.json', '/ota_manifest.json'];
const PROTECTED = [PATHS.ems, PATHS.schedule, PATHS.params, PATHS.status];

export const wireCases: readonly ContractCase[] = [
  {
    id: 'HOMEVOLT-SPEC-001',
    title: 'every JSON GET answers as openapi/homevolt.yaml says (status, Content-Type application/json, body schema)',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const problems: string[] = [];
      const evidence: Exchange[] = [];
      const check = (e: Exchange) => {
        const issues = checkAgainstSpec(ctx.spec, e);
        if (issues.length === 0) return;
        problems.push(`GET ${new URL(e.request.url).pathname}: ${issues.slice(0, 3).join('; ')}`);
        evidence.push(e);
      };
      let nodeId: number | undefined;
      for (const path of GETS) {
        const e = await ctx.http.send({ method: 'GET', path });
        check(e);
        if (path === PATHS.nodes) nodeId = num(e.json(), 0, 'node_id');
      }
      if (nodeId !== undefined) for (const path of ['/node_metrics.json', '/ct.json']) check(await ctx.http.send({ method: 'GET', path: `${path}?node_id=${nodeId}` }));
      else ctx.note('no CT node: node_metrics and ct not checked');
      ctx.check(problems.length === 0, problems.join(' | '), evidence);
    },
  },
  {
    id: 'HOMEVOLT-AUTH-001',
    title: 'with a password set, requests without credentials get 401 with WWW-Authenticate: Basic',
    strictness: 'shape',
    needs: ['credentials'],
    async run(ctx: CaseContext) {
      for (const path of PROTECTED) {
        const e = await ctx.http.send({ method: 'GET', path, auth: 'none' });
        ctx.check(e.response?.status === 401, `GET ${path} without credentials answered ${e.response?.status ?? 'nothing'}, expected 401`, e);
        ctx.check(/^Basic\b/i.test(e.response.headers['www-authenticate'] ?? ''), `the 401 has WWW-Authenticate "${e.response.headers['www-authenticate'] ?? ''}", expected Basic`, e);
      }
      const post = await ctx.http.send({ method: 'POST', path: PATHS.console, auth: 'none', form: { cmd: 'sched_list' } });
      ctx.check(post.response?.status === 401, `POST /console.json without credentials answered ${post.response?.status ?? 'nothing'}, expected 401`, post);
    },
  },
  {
    id: 'HOMEVOLT-AUTH-002',
    title: 'a wrong password gets 401 (one failure: far from the lockout)',
    strictness: 'shape',
    needs: ['credentials'],
    async run(ctx: CaseContext) {
      const c = ctx.target.credentials!;
      const e = await ctx.http.send({ method: 'GET', path: PATHS.ems, auth: { user: c.user, password: `${c.password}-wrong` } });
      ctx.check(e.response?.status === 401, `a wrong password answered ${e.response?.status ?? 'nothing'}, expected 401`, e);
    },
  },
  {
    id: 'HOMEVOLT-AUTH-003',
    title: 'the captive-portal probes answer 204 (302 for /redirect) without credentials',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      for (const [path, status] of [['/generate_204', 204], ['/hotspot-detect.html', 204], ['/connecttest.txt', 204], ['/ncsi.txt', 204]] as const) {
        const e = await ctx.http.send({ method: 'GET', path, auth: 'none' });
        ctx.check(e.response?.status === status, `GET ${path} answered ${e.response?.status ?? 'nothing'}, expected ${status}`, e);
      }
    },
  },
  {
    id: 'HOMEVOLT-AUTH-004',
    title: 'five failed logins lock every client out (429 or 401 with the right password), and the lockout ends within 10 s',
    strictness: 'tolerance',
    needs: ['credentials', 'lockout'],
    async run(ctx: CaseContext) {
      const c = ctx.target.credentials!;
      // The first lockout lasts 1 s of the device's time (docs/contracts.md): 17 ms on an emulator at ×60, so the
      // emulator's clock stands still from the first failure to the check.
      const locked = await withClockStopped(ctx, async () => {
        for (let i = 0; i < 5; i++) await ctx.http.send({ method: 'GET', path: PATHS.status, auth: { user: c.user, password: `${c.password}-wrong${i}` } });
        // Unpaced: on hardware paced a second apart, the 1 s lockout would be over before a paced check.
        return ctx.http.send({ method: 'GET', path: PATHS.status, unpaced: true });
      });
      ctx.check(locked.response?.status === 429 || locked.response?.status === 401, `right after 5 failures the right password answered ${locked.response?.status ?? 'nothing'}, expected 429 (or 401) during the lockout`, locked);
      await ctx.time.pass(11, 'the lockout to end');
      const after = await ctx.http.send({ method: 'GET', path: PATHS.status });
      ctx.check(after.response?.status === 200, `11 s after the lockout the right password answered ${after.response?.status ?? 'nothing'}, expected 200 (lockouts last at most 10 s)`, [locked, after]);
      if (ctx.target.kind === 'device') ctx.note('the device counts these failures for 5 minutes: a further wrong password locks it again');
    },
  },
  {
    id: 'HOMEVOLT-ERR-001',
    title: 'a double slash (//ems.json) and an unknown path get 404',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      for (const path of ['//ems.json', '/no_such_endpoint.json']) {
        const e = await ctx.http.send({ method: 'GET', path });
        ctx.check(e.response?.status === 404, `GET ${path} answered ${e.response?.status ?? 'nothing'}, expected 404`, e);
      }
    },
  },
  {
    id: 'HOMEVOLT-ERR-002',
    title: 'a failing console command is HTTP 200 ending in "returned non-zero error code"',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const { answer, exchange } = await runConsole(ctx.http, 'param_get battsim_no_such_param');
      ctx.check(exchange.response?.status === 200, `answered ${exchange.response?.status ?? 'nothing'}, expected 200 (the console reports failures in its text)`, exchange);
      ctx.check(answer !== null && !answer.ok && /returned non-zero error code/.test(exchange.response.text), 'the answer is not an echo line and "returned non-zero error code"', exchange);
    },
  },
  {
    id: 'HOMEVOLT-ERR-003',
    title: 'node endpoints without node_id get 400, and an unknown node 404',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const missing = await ctx.http.send({ method: 'GET', path: '/node_metrics.json' });
      ctx.check(missing.response?.status === 400, `without node_id answered ${missing.response?.status ?? 'nothing'}, expected 400`, missing);
      const unknown = await ctx.http.send({ method: 'GET', path: '/ct.json?node_id=9999' });
      ctx.check(unknown.response?.status === 404, `node 9999 answered ${unknown.response?.status ?? 'nothing'}, expected 404`, unknown);
    },
  },
  {
    id: 'HOMEVOLT-ERR-004',
    title: 'POST /params.json without k gets 400',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const e = await ctx.http.send({ method: 'POST', path: PATHS.params, form: { v: '1' } });
      ctx.check(e.response?.status === 400, `answered ${e.response?.status ?? 'nothing'}, expected 400`, e);
    },
  },
  {
    id: 'HOMEVOLT-UNITS-001',
    title: 'EMS frequency is an integer in mHz around 50 Hz (47 500..52 500)',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readEms(ctx);
      for (const [i, u] of r.units.entries()) {
        const f = num(u, 'ems_data', 'frequency');
        ctx.check(f !== undefined && Number.isInteger(f) && f >= 47_500 && f <= 52_500, `ems[${i}].ems_data.frequency is ${String(f)}, expected mHz around 50 000`, r.exchange);
      }
    },
  },
  {
    id: 'HOMEVOLT-UNITS-002',
    title: 'SOC is centi-percent (0..10 000), and soc_avg is the mean of the modules\' soc (±150)',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readEms(ctx);
      for (const [i, u] of r.units.entries()) {
        const avg = num(u, 'ems_data', 'soc_avg')!;
        ctx.check(avg >= 0 && avg <= 10_000, `ems[${i}].ems_data.soc_avg is ${avg}, expected centi-percent 0..10 000`, r.exchange);
        const modules = (field(u, 'bms_data') as unknown[] | undefined) ?? [];
        const socs = modules.map((m) => num(m, 'soc') ?? NaN);
        ctx.check(socs.every((s) => s >= 0 && s <= 10_000), `ems[${i}].bms_data[].soc ${JSON.stringify(socs)} not all centi-percent 0..10 000`, r.exchange);
        if (socs.length > 0) {
          const mean = socs.reduce((a, b) => a + b, 0) / socs.length;
          ctx.check(Math.abs(mean - avg) <= 150, `ems[${i}] soc_avg ${avg} is not the mean ${mean.toFixed(0)} of its modules`, r.exchange);
        }
      }
    },
  },
  {
    id: 'HOMEVOLT-UNITS-003',
    title: 'EMS voltages are deci-V (phase 1 800..2 650, line 3 100..4 600) and sensor voltages V (180..265)',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readEms(ctx);
      for (const [i, u] of r.units.entries()) {
        for (const k of ['l1', 'l2', 'l3'] as const) {
          const v = num(u, 'ems_voltage', k);
          ctx.check(v !== undefined && (v === 0 || (v >= 1800 && v <= 2650)), `ems[${i}].ems_voltage.${k} is ${String(v)}, expected deci-V around 2300`, r.exchange);
        }
        for (const k of ['l1_l2', 'l2_l3', 'l3_l1'] as const) {
          const v = num(u, 'ems_voltage', k);
          ctx.check(v !== undefined && (v === 0 || (v >= 3100 && v <= 4600)), `ems[${i}].ems_voltage.${k} is ${String(v)}, expected deci-V around 4000`, r.exchange);
        }
      }
      for (const s of sensors(r.body)) {
        const phases = (field(s.sensor, 'phase') as unknown[] | undefined) ?? [];
        for (const [p, phase] of phases.entries()) {
          const v = num(phase, 'voltage') ?? 0;
          ctx.check(v === 0 || (v >= 180 && v <= 265), `the ${s.fn} sensor's phase[${p}].voltage is ${v}, expected V around 230`, r.exchange);
        }
      }
    },
  },
  {
    id: 'HOMEVOLT-UNITS-004',
    title: 'temperatures are deci-°C (−300..900) and each module\'s tmin ≤ tmax',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readEms(ctx);
      for (const [i, u] of r.units.entries()) {
        const t = num(u, 'ems_data', 'sys_temp');
        ctx.check(t !== undefined && t >= -300 && t <= 900, `ems[${i}].ems_data.sys_temp is ${String(t)}, expected deci-°C`, r.exchange);
        for (const [m, mod] of (((field(u, 'bms_data') as unknown[] | undefined) ?? []).entries())) {
          const lo = num(mod, 'tmin');
          const hi = num(mod, 'tmax');
          ctx.check(lo !== undefined && hi !== undefined && lo <= hi && lo >= -300 && hi <= 900, `ems[${i}].bms_data[${m}] tmin ${String(lo)} / tmax ${String(hi)} are not deci-°C with tmin ≤ tmax`, r.exchange);
        }
      }
    },
  },
  {
    id: 'HOMEVOLT-UNITS-005',
    title: 'the wire renders the model exactly: frequency in mHz, SOC in centi-percent',
    strictness: 'exact',
    needs: ['sim'],
    async run(ctx: CaseContext) {
      const r = await withClockStopped(ctx, async () => {
        await ctx.sim!.setState({ frequencyHz: 50.4, soc: 0.85 });
        return readEms(ctx);
      });
      ctx.check(num(r.units[0], 'ems_data', 'frequency') === 50_400, `frequency is ${String(num(r.units[0], 'ems_data', 'frequency'))}, expected 50400 for 50.4 Hz`, r.exchange);
      ctx.check(num(r.units[0], 'ems_data', 'soc_avg') === 8500, `soc_avg is ${String(num(r.units[0], 'ems_data', 'soc_avg'))}, expected 8500 for SOC 0.85`, r.exchange);
    },
  },
  {
    id: 'HOMEVOLT-CONSOLE-001',
    title: 'sched_list answers with the echo (prompt and two spaces), and lists as many entries as /schedule.json',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const { answer, exchange } = await runConsole(ctx.http, 'sched_list');
      ctx.check(exchange.response?.text.startsWith('ecu-hub-esp32>  sched_list') === true && answer?.ok === true, 'sched_list did not answer with the echo line and "executed successfully"', exchange);
      const listed = answer.output.filter((l) => /^id: \d+/.test(l)).length;
      const { body, exchange: s } = await ctx.getJson(PATHS.schedule);
      const entries = (field(body, 'schedule') as unknown[] | undefined)?.length ?? 0;
      ctx.check(listed === entries, `sched_list lists ${listed} entries, /schedule.json has ${entries}`, [exchange, s]);
    },
  },
];
