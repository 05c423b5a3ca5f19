/**
 * Sessy: the wire. Spec conformance, authentication, errors for bad input, units and ranges.
 * @see docs/contracts.md (the device facts the contracts rely on)
 */
import type { CaseContext, ContractCase } from '../core/context.ts';
import type { Exchange } from '../core/http.ts';
import { checkAgainstSpec } from '../core/spec.ts';
import { field, num, withClockStopped } from '../core/observe.ts';
import { PATHS, PROTECTED_GETS, firmwareLacks, readPower, setStrategy } from './common.ts';

/** cJSON prints a float32 widened to double with 15 significant digits (%1.15g): 0.85 → 0.850000023841858. */
function widenFloat32(x: number): number {
  return Number(Math.fround(x).toPrecision(15));
}

function isWidenedFloat32(x: number): boolean {
  return x === 0 || x === 1 || widenFloat32(x) === x || Math.fround(x) === x;
}

/** The spec marks the route as added or removed by a firmware version (x-sessy-since / x-sessy-removed). */
function isVersioned(ctx: CaseContext, path: string): boolean {
  const op = ctx.spec.find('GET', path);
  return op !== undefined && (op.raw['x-sessy-since'] !== undefined || op.raw['x-sessy-removed'] !== undefined);
}

const SPEC_GETS = [PATHS.status, PATHS.strategy, PATHS.energy, PATHS.scheduleV2, PATHS.scheduleV1, PATHS.info, PATHS.settings, PATHS.ota, PATHS.network, PATHS.ping];
const JSON_GETS = SPEC_GETS.filter((p) => p !== PATHS.ping && p !== PATHS.scheduleV1);

export const wireCases: readonly ContractCase[] = [
  {
    id: 'SESSY-SPEC-001',
    title: 'every GET the firmware serves answers as openapi/sessy.yaml says (status, Content-Type, body schema)',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const problems: string[] = [];
      const evidence: Exchange[] = [];
      const notServed: string[] = [];
      for (const path of SPEC_GETS) {
        const exchange = await ctx.http.send({ method: 'GET', path });
        if (exchange.response?.status === 404 && isVersioned(ctx, path)) {
          notServed.push(path);
          continue;
        }
        const lacking = path === PATHS.status ? await firmwareLacks(ctx) : [];
        // openapi/sessy.yaml x-device-differs: older firmware omits the keys added after it (docs/sessy.md §7).
        const issues = checkAgainstSpec(ctx.spec, exchange, { strictKeys: false }).filter((i) => !lacking.some((k) => i.startsWith(`$.sessy.${k}: is required but missing`)));
        if (issues.length > 0) {
          problems.push(`GET ${path}: ${issues.slice(0, 3).join('; ')}`);
          evidence.push(exchange);
        }
      }
      if (notServed.length > 0) ctx.note(`not served by this firmware (allowed by x-sessy-since/removed): ${notServed.join(', ')}`);
      ctx.check(problems.length === 0, problems.join(' | '), evidence);
    },
  },
  {
    id: 'SESSY-SPEC-002',
    title: 'every JSON success body carries "status":"ok" (Homey rejects any answer without it)',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const missing: Exchange[] = [];
      const checked: string[] = [];
      for (const path of JSON_GETS) {
        const exchange = await ctx.http.send({ method: 'GET', path });
        // A GET this firmware does not serve yet (404 where the spec marks the route as versioned) has no body to check.
        if (exchange.response?.status === 404 && isVersioned(ctx, path)) continue;
        // Anything else must be a 200 that says "ok": no answer, an error or an empty body is not a pass.
        if (exchange.response?.status !== 200 || field(exchange.json(), 'status') !== 'ok') missing.push(exchange);
        else checked.push(path);
      }
      ctx.check(missing.length === 0, `no 200 with "status":"ok" from ${missing.map((e) => `${new URL(e.request.url).pathname} (${e.response ? e.response.status : (e.error ?? 'no answer')})`).join(', ')}`, missing);
      ctx.check(checked.length > 0, 'no GET answered with a JSON body to check', []);
    },
  },
  {
    id: 'SESSY-AUTH-001',
    title: 'protected routes refuse a request without credentials with 401',
    strictness: 'shape',
    needs: ['credentials'],
    async run(ctx: CaseContext) {
      for (const path of PROTECTED_GETS) {
        const exchange = await ctx.http.send({ method: 'GET', path, auth: 'none' });
        ctx.check(exchange.response?.status === 401, `GET ${path} without credentials answered ${exchange.response?.status ?? 'nothing'}, expected 401`, exchange);
      }
      const post = await ctx.http.send({ method: 'POST', path: PATHS.setpoint, auth: 'none', json: { setpoint: 0 } });
      ctx.check(post.response?.status === 401, `POST ${PATHS.setpoint} without credentials answered ${post.response?.status ?? 'nothing'}, expected 401`, post);
    },
  },
  {
    id: 'SESSY-AUTH-002',
    title: 'wrong credentials get 401, and the password is compared case-sensitively',
    strictness: 'shape',
    needs: ['credentials'],
    async run(ctx: CaseContext) {
      const c = ctx.target.credentials!;
      const wrong = { user: c.user, password: `${c.password}X` };
      const e1 = await ctx.http.send({ method: 'GET', path: PATHS.strategy, auth: wrong });
      ctx.check(e1.response?.status === 401, `a wrong password answered ${e1.response?.status ?? 'nothing'}, expected 401`, e1);
      const flipped = c.password.toLowerCase() !== c.password ? c.password.toLowerCase() : c.password.toUpperCase();
      if (flipped === c.password) return ctx.note('the password has no letters; case sensitivity not checked');
      const e2 = await ctx.http.send({ method: 'GET', path: PATHS.strategy, auth: { user: c.user, password: flipped } });
      ctx.check(e2.response?.status === 401, `the password in another case answered ${e2.response?.status ?? 'nothing'}, expected 401 (the firmware compares exactly)`, e2);
    },
  },
  {
    id: 'SESSY-AUTH-003',
    title: 'GET /api/v1/power/status and /ping answer without credentials',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const status = await ctx.http.send({ method: 'GET', path: PATHS.status, auth: 'none' });
      ctx.check(status.response?.status === 200, `power/status without credentials answered ${status.response?.status ?? 'nothing'}, expected 200 (open on every firmware)`, status);
      const ping = await ctx.http.send({ method: 'GET', path: PATHS.ping, auth: 'none' });
      if (ping.response?.status === 404) return ctx.note('/ping is not served (firmware before 1.7)');
      ctx.check(ping.response?.status === 200 && ping.response.text.trim() === 'pong', `/ping without credentials answered ${ping.response?.status ?? 'nothing'} "${ping.response?.text ?? ''}", expected 200 pong`, ping);
    },
  },
  {
    id: 'SESSY-AUTH-004',
    title: 'a 401 carries WWW-Authenticate: Basic realm="Sessy", Content-Type application/json and an empty body',
    strictness: 'shape',
    needs: ['credentials'],
    async run(ctx: CaseContext) {
      const e = await ctx.http.send({ method: 'GET', path: PATHS.settings, auth: 'none' });
      const r = e.response;
      ctx.check(r?.status === 401, `expected 401, got ${r?.status ?? 'nothing'}`, e);
      ctx.check(/^Basic realm="Sessy"$/i.test(r.headers['www-authenticate'] ?? ''), `WWW-Authenticate is "${r.headers['www-authenticate'] ?? ''}", expected Basic realm="Sessy"`, e);
      ctx.check((r.headers['content-type'] ?? '').startsWith('application/json'), `Content-Type is "${r.headers['content-type'] ?? ''}", expected application/json`, e);
      ctx.check(r.text === '', `the 401 body is ${r.text.length} bytes, expected empty`, e);
    },
  },
  {
    id: 'SESSY-ERR-001',
    title: 'malformed JSON to POST /api/v1/power/setpoint gets 400 {"status":"error","error":"…"}',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const e = await ctx.http.send({ method: 'POST', path: PATHS.setpoint, body: '{"setpoint":' });
      ctx.check(e.response?.status === 400, `answered ${e.response?.status ?? 'nothing'}, expected 400`, e);
      const body = e.json();
      ctx.check(field(body, 'status') === 'error' && typeof field(body, 'error') === 'string', 'the body is not {"status":"error","error":"<text>"}', e);
    },
  },
  {
    id: 'SESSY-ERR-002',
    title: 'a setpoint outside POWER_STRATEGY_API gets 400 naming the open mode',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      await setStrategy(ctx, 'POWER_STRATEGY_IDLE');
      const e = await ctx.http.send({ method: 'POST', path: PATHS.setpoint, json: { setpoint: 100 } });
      ctx.check(e.response?.status === 400, `answered ${e.response?.status ?? 'nothing'}, expected 400`, e);
      ctx.check(String(field(e.json(), 'error')).includes("The 'open mode' is not set as the active power strategy"), 'the error does not name the open mode (clients match this text)', e);
    },
  },
  {
    id: 'SESSY-ERR-003',
    title: 'an unknown strategy gets 400 and leaves the strategy unchanged',
    strictness: 'shape',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const before = field((await ctx.getJson(PATHS.strategy)).body, 'strategy');
      const e = await ctx.http.send({ method: 'POST', path: PATHS.strategy, json: { strategy: 'POWER_STRATEGY_WARP' } });
      ctx.check(e.response?.status === 400 && field(e.json(), 'status') === 'error', `answered ${e.response?.status ?? 'nothing'}, expected 400 with a JSON error`, e);
      const after = await ctx.getJson(PATHS.strategy);
      ctx.check(field(after.body, 'strategy') === before, `the strategy changed from ${String(before)} to ${String(field(after.body, 'strategy'))}`, after.exchange);
    },
  },
  {
    id: 'SESSY-ERR-004',
    title: 'an unknown path gets 404',
    strictness: 'shape',
    needs: [],
    async run(ctx: CaseContext) {
      const e = await ctx.http.send({ method: 'GET', path: '/api/v1/no/such/thing' });
      ctx.check(e.response?.status === 404, `answered ${e.response?.status ?? 'nothing'}, expected 404`, e);
    },
  },
  {
    id: 'SESSY-ERR-005',
    title: 'error answers are text/html with the firmware\'s exact texts (ESP-IDF httpd_resp_send_err)',
    strictness: 'exact',
    needs: ['writes'],
    async run(ctx: CaseContext) {
      const cases: [unknown, string, string][] = [
        ['{"setpoint":', PATHS.setpoint, '{"status":"error","error":"Failed to parse json"}'],
        [{ strategy: 'POWER_STRATEGY_WARP' }, PATHS.strategy, '{"status":"error","error":"Provided argument is not a valid power strategy"}'],
      ];
      for (const [body, path, expected] of cases) {
        const e = await ctx.http.send(typeof body === 'string' ? { method: 'POST', path, body } : { method: 'POST', path, json: body });
        ctx.check(e.response?.status === 400 && e.response.text === expected, `POST ${path} answered ${e.response?.status ?? 'nothing'} ${e.response?.text ?? ''}, expected 400 ${expected}`, e);
        ctx.check((e.response.headers['content-type'] ?? '').startsWith('text/html'), `Content-Type is "${e.response.headers['content-type'] ?? ''}", expected text/html`, e);
      }
    },
  },
  {
    id: 'SESSY-UNITS-001',
    title: 'frequency is an integer in mHz around 50 Hz (47 500..52 500)',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readPower(ctx);
      ctx.check(Number.isInteger(r.frequencyMilliHz) && r.frequencyMilliHz >= 47_500 && r.frequencyMilliHz <= 52_500, `sessy.frequency is ${r.frequencyMilliHz}, expected mHz around 50 000 (Hz or a wrong scale?)`, r.exchange);
    },
  },
  {
    id: 'SESSY-UNITS-002',
    title: 'state_of_charge is a fraction 0..1 with float32 precision, not a percentage',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readPower(ctx);
      ctx.check(r.socFraction >= 0 && r.socFraction <= 1, `state_of_charge is ${r.socFraction}, expected 0..1`, r.exchange);
      ctx.check(isWidenedFloat32(r.socFraction), `state_of_charge ${r.socFraction} is not a float32 widened to double (the firmware keeps SOC as float)`, r.exchange);
    },
  },
  {
    id: 'SESSY-UNITS-003',
    title: 'voltages are mV and currents mA: PV voltage_rms 0 or 180 000..265 000, pack_voltage 36 000..60 000',
    strictness: 'tolerance',
    needs: [],
    async run(ctx: CaseContext) {
      const r = await readPower(ctx);
      for (const n of [1, 2, 3]) {
        const v = num(r.body, `renewable_energy_phase${n}`, 'voltage_rms');
        const i = num(r.body, `renewable_energy_phase${n}`, 'current_rms');
        ctx.check(v !== undefined && (v === 0 || (v >= 180_000 && v <= 265_000)), `renewable_energy_phase${n}.voltage_rms is ${String(v)}, expected mV (about 230 000) or 0`, r.exchange);
        ctx.check(i !== undefined && i >= 0 && i <= 100_000, `renewable_energy_phase${n}.current_rms is ${String(i)}, expected mA 0..100 000`, r.exchange);
      }
      const pack = num(r.body, 'sessy', 'pack_voltage');
      if (pack !== undefined) ctx.check(pack >= 36_000 && pack <= 60_000, `pack_voltage is ${pack}, expected mV 36 000..60 000 (a 16s pack)`, r.exchange);
    },
  },
  {
    id: 'SESSY-UNITS-004',
    title: 'the wire renders the model exactly: SOC as float32, frequency as integer mHz',
    strictness: 'exact',
    needs: ['sim'],
    async run(ctx: CaseContext) {
      const r = await withClockStopped(ctx, async () => {
        await ctx.sim!.setState({ soc: 0.85, frequencyHz: 50.4 });
        return readPower(ctx);
      });
      ctx.check(r.socFraction === widenFloat32(0.85), `state_of_charge is ${r.socFraction}, expected ${widenFloat32(0.85)} for SOC 0.85`, r.exchange);
      ctx.check(r.frequencyMilliHz === 50_400, `frequency is ${r.frequencyMilliHz}, expected 50400 for 50.4 Hz`, r.exchange);
    },
  },
];
