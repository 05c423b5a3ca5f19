/** What the Homevolt cases share: paths, console and schedule helpers, and readings of /ems.json. */
import { buildScheduleCommand, parseConsoleAnswer, type ConsoleAnswer, type ScheduleEntrySpec } from '../../clients/homevolt/index.ts';
import type { CaseContext } from '../core/context.ts';
import type { ContractHttp, Exchange } from '../core/http.ts';
import { field, num } from '../core/observe.ts';

export const PATHS = Object.freeze({
  status: '/status.json',
  ems: '/ems.json',
  schedule: '/schedule.json',
  params: '/params.json',
  console: '/console.json',
  nodes: '/nodes.json',
});

/** No documented engage time; the EMS runs a 1 s PID on 100 ms data (docs/homevolt.md §6), so 60 s is generous. */
export const ENGAGE_S = 60;

/** The ESP build from /status.json (firmware.esp, e.g. "3056-1a3446ed"); null when it does not say. */
export async function readFirmware(http: ContractHttp): Promise<string | null> {
  const e = await http.send({ method: 'GET', path: PATHS.status });
  const esp = field(e.json(), 'firmware', 'esp');
  return e.response?.status === 200 && typeof esp === 'string' && esp !== '' ? `esp ${esp}` : null;
}

export async function runConsole(http: ContractHttp, cmd: string): Promise<{ answer: ConsoleAnswer | null; exchange: Exchange }> {
  const exchange = await http.send({ method: 'POST', path: PATHS.console, form: { cmd } });
  return { answer: exchange.response?.status === 200 ? parseConsoleAnswer(exchange.response.text) : null, exchange };
}

/** Runs a console command and fails the case unless it succeeded. */
export async function command(ctx: CaseContext, cmd: string): Promise<Exchange> {
  const { answer, exchange } = await runConsole(ctx.http, cmd);
  ctx.check(answer?.ok === true, `"${cmd}" did not succeed: ${exchange.response?.status ?? 'no answer'} ${exchange.response?.text.trim() ?? ''}`, exchange);
  return exchange;
}

export async function schedule(ctx: CaseContext, entry: ScheduleEntrySpec, verb: 'sched_set' | 'sched_add' = 'sched_set'): Promise<Exchange> {
  return command(ctx, buildScheduleCommand(verb, entry));
}

export async function setLocalMode(http: ContractHttp, on: boolean): Promise<Exchange> {
  return http.send({ method: 'POST', path: PATHS.params, form: { k: 'settings_local', v: on ? 'true' : 'false', store: '0' } });
}

export async function enableLocal(ctx: CaseContext): Promise<void> {
  const e = await setLocalMode(ctx.http, true);
  ctx.check(e.response?.status === 200, `POST /params.json settings_local=true answered ${e.response?.status ?? 'nothing'}`, e);
}

export interface EmsReading {
  readonly body: unknown;
  readonly exchange: Exchange;
  readonly units: readonly unknown[];
  /** Σ of the units' ems_data.power [W], + = discharge. */
  readonly batteryW: number;
  /** Mean SOC [fraction]. */
  readonly socFraction: number;
}

export async function readEms(ctx: CaseContext): Promise<EmsReading> {
  const { body, exchange } = await ctx.getJson(PATHS.ems);
  const units = field(body, 'ems');
  ctx.check(Array.isArray(units) && units.length > 0, '/ems.json has no ems[] units (Homey pairs only when Array.isArray(data.ems))', exchange);
  const powers = units.map((u) => num(u, 'ems_data', 'power'));
  const socs = units.map((u) => num(u, 'ems_data', 'soc_avg'));
  ctx.check(powers.every((p) => p !== undefined) && socs.every((s) => s !== undefined), 'a unit lacks a numeric ems_data.power or soc_avg', exchange);
  return { body, exchange, units, batteryW: powers.reduce((s: number, p) => s + (p ?? 0), 0), socFraction: socs.reduce((s: number, v) => s + (v ?? 0), 0) / socs.length / 10_000 };
}

/** The sensors with their function (2512: `function`; before: `type`), available ones only. */
export function sensors(body: unknown): { fn: string; totalW: number; sensor: unknown }[] {
  const list = field(body, 'sensors');
  if (!Array.isArray(list)) return [];
  return list
    .filter((s) => field(s, 'available') !== false)
    .map((s) => ({ fn: String(field(s, 'function') ?? field(s, 'type')), totalW: num(s, 'total_power') ?? 0, sensor: s }));
}

/** A direction the battery can go for a while: charge when SOC < 0.5, else discharge; + = discharge. */
export function safeDirection(socFraction: number): 1 | -1 {
  return socFraction < 0.5 ? -1 : 1;
}

/** The schedule entry that makes the battery charge (−) or discharge (+) at |powerW| (docs/homevolt.md §4.2: types 1/2). */
export function powerEntry(powerW: number): ScheduleEntrySpec {
  return powerW < 0 ? { type: 1, setpointW: -powerW } : { type: 2, setpointW: powerW };
}
