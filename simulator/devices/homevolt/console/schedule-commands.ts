/**
 * `sched_set`, `sched_add`, `sched_del`, `sched_clear`, `sched_list` with the flags of the captured `help`
 * (docs/homevolt.md §3.5). Times are UTC `YYYY-MM-DDTHH:mm:ss` and must not be in the past (steynovich README);
 * only the grid types need `-s` ("Missing power setpoint", steynovich test); the entry is stored as the firmware
 * reads it back (docs/homevolt-schedules.md). Returns output lines or throws CommandFailure.
 */
import { HomevoltError } from '../errors.ts';
import type { NewEntry, ScheduleBook, ScheduleEntry, ScheduleParams, ScheduleType } from '../schedule.ts';
import { ArgError, intArg, parseArgs, type FlagSpec } from './args.ts';

export class CommandFailure extends Error {
  constructor(
    readonly lines: readonly string[],
    /** The firmware's non-zero return code. */
    readonly code = 2,
  ) {
    super(lines.join('\n'));
  }
}

/** Flag → `params` key, in the order the firmware lists them (and emits them in /schedule.json). */
const VALUE_FLAGS: readonly (readonly [string | undefined, string, string])[] = [
  ['s', 'setpoint', 'setpoint'],
  ['c', 'max_charge', 'max_charge'],
  ['d', 'max_discharge', 'max_discharge'],
  ['n', 'fcr_n_power', 'fcr_n_power'],
  ['u', 'fcr_d_up_power', 'fcr_d_up_power'],
  ['w', 'fcr_d_down_power', 'fcr_d_down_power'],
  ['f', 'ffr_power', 'ffr_power'],
  ['i', 'idle_threshold_power', 'idle_threshold_power'],
  ['r', 'discharge_threshold_power', 'discharge_threshold_power'],
  ['t', 'test_sequence', 'freq_test_sequence'],
  [undefined, 'fcr_start_from', 'fcr_start_from'],
  ['l', 'import_limit', 'import_limit'],
  ['x', 'export_limit', 'export_limit'],
  [undefined, 'main_fuse', 'main_fuse'],
  [undefined, 'charge_ramp_up', 'charge_ramp_up'],
  [undefined, 'discharge_ramp_up', 'discharge_ramp_up'],
  [undefined, 'import_energy_limit', 'import_energy_limit'],
  [undefined, 'import_energy_limit_from', 'import_energy_limit_from'],
  [undefined, 'import_energy_limit_to', 'import_energy_limit_to'],
  [undefined, 'import_energy_max_compensation', 'import_energy_max_compensation'],
  [undefined, 'export_energy_limit', 'export_energy_limit'],
  [undefined, 'export_energy_limit_from', 'export_energy_limit_from'],
  [undefined, 'export_energy_limit_to', 'export_energy_limit_to'],
  [undefined, 'export_energy_max_compensation', 'export_energy_max_compensation'],
];
const BOOL_FLAGS: readonly (readonly [string, string, string])[] = [
  ['m', 'use_ffr_custom_trig_freq', 'use_ffr_custom_trig_freq'],
  ['a', 'ffr_rearm', 'ffr_rearm'],
  ['e', 'test_end_schedule', 'test_end_schedule'],
  ['o', 'offline', 'offline'],
];
const TIME_KEYS = new Set(['fcr_start_from', 'import_energy_limit_from', 'import_energy_limit_to', 'export_energy_limit_from', 'export_energy_limit_to']);
const SPECS: readonly FlagSpec[] = [
  { long: 'from', value: true },
  { long: 'to', value: true },
  { long: 'min', value: true },
  { long: 'max', value: true },
  ...VALUE_FLAGS.map(([short, long]) => (short ? { short, long, value: true } : { long, value: true })),
  ...BOOL_FLAGS.map(([short, long]) => ({ short, long, value: false })),
];

/**
 * Types whose setpoint is required: the grid types, whose `-s` is the target at the grid point (3/4/5, and 8's grid
 * setpoint). Inverter charge and discharge (1/2) take `-s` as battery power but run without it, at their
 * `-c`/`-d` cap (docs/homevolt-schedules.md).
 */
const NEEDS_SETPOINT = new Set<number>([3, 4, 5, 8]);
/** Types whose `sched_list` line shows a setpoint. */
const SHOWS_SETPOINT = new Set<number>([1, 2, 3, 4, 5, 8]);
/** The SOC ceiling a solar-charge entry reads back with when `--max` is not given [%] (docs/homevolt-schedules.md). */
const SOLAR_CHARGE_DEFAULT_MAX_PCT = 95;

export function parseEntry(command: string, tokens: readonly string[], nowMs: number): NewEntry {
  try {
    const { flags, positionals } = parseArgs(command, tokens, SPECS);
    if (positionals.length === 0) throw new ArgError(`${command}: missing option <type>`);
    if (positionals.length > 1) throw new ArgError(`${command}: too many arguments "${positionals[1]}"`);
    const typeText = positionals[0]!;
    if (!/^\d$/.test(typeText)) throw new CommandFailure([`Invalid schedule type '${typeText}'`]);
    const type = Number(typeText) as ScheduleType;
    const time = (key: string): number | null => {
      const v = flags.get(key);
      return typeof v === 'string' ? parseUtc(v, nowMs) : null;
    };
    const fromMs = time('from');
    const toMs = time('to');
    const params: Record<string, number | boolean> = {};
    for (const [, long, key] of VALUE_FLAGS) {
      const v = flags.get(long);
      if (typeof v !== 'string') continue;
      params[key] = TIME_KEYS.has(key) ? Math.floor(parseUtc(v, nowMs) / 1000) : intArg(command, long, v);
    }
    for (const [, long, key] of BOOL_FLAGS) if (flags.get(long) === true) params[key] = true;
    // Every manual entry reads back with `offline`, last: false unless -o (pyHomevolt read-backs, docs/homevolt.md §3.6).
    params.offline = params.offline === true;
    if (NEEDS_SETPOINT.has(type) && params.setpoint === undefined) throw new CommandFailure(['Missing power setpoint']);
    const soc = (key: 'min' | 'max'): number | null => {
      const v = flags.get(key);
      if (typeof v !== 'string') return null;
      const n = intArg(command, key, v);
      if (n < 0 || n > 100) throw new CommandFailure([`Invalid ${key} soc ${n}, expected 0-100`]);
      return n;
    };
    const entry: NewEntry = {
      type,
      fromMs: fromMs ?? Math.floor(nowMs / 1000) * 1000,
      toMs,
      explicitTimes: fromMs !== null || toMs !== null,
      minSocPct: soc('min'),
      maxSocPct: soc('max') ?? (type === 7 ? SOLAR_CHARGE_DEFAULT_MAX_PCT : null),
      params: params as ScheduleParams,
    };
    if (type > 9) throw new CommandFailure([`Invalid schedule type '${typeText}'`]);
    if (entry.toMs !== null && entry.toMs <= entry.fromMs) throw new CommandFailure(['Invalid time range: to is not after from']);
    if (entry.minSocPct !== null && entry.maxSocPct !== null && entry.minSocPct > entry.maxSocPct) throw new CommandFailure(['Invalid soc range: min is above max']);
    return entry;
  } catch (e) {
    if (e instanceof ArgError) throw new CommandFailure([e.message], 1);
    throw e;
  }
}

/** `YYYY-MM-DDTHH:mm:ss` in UTC → epoch ms; past times are refused. */
function parseUtc(text: string, nowMs: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  const ms = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== text) throw new CommandFailure([`Invalid time format '${text}', expected YYYY-MM-DDTHH:mm:ss`]);
  if (ms < Math.floor(nowMs / 1000) * 1000) throw new CommandFailure([`Time '${text}' is in the past`]);
  return ms;
}

export function schedAddOrSet(book: ScheduleBook, replace: boolean, command: string, tokens: readonly string[], nowMs: number): string[] {
  const entry = parseEntry(command, tokens, nowMs);
  try {
    // No capture shows output for a successful set/add: only the echo and the success line.
    if (replace) book.set(entry);
    else book.add(entry);
    return [];
  } catch (e) {
    if (e instanceof HomevoltError) throw new CommandFailure([e.message]);
    throw e;
  }
}

export function schedDel(book: ScheduleBook, tokens: readonly string[]): string[] {
  if (tokens.length !== 1) throw new CommandFailure([tokens.length === 0 ? 'sched_del: missing option <id>' : `sched_del: too many arguments "${tokens[1]}"`], 1);
  const id = /^\d+$/.test(tokens[0]!) ? Number(tokens[0]) : NaN;
  if (Number.isNaN(id)) throw new CommandFailure([`sched_del: invalid argument "${tokens[0]}" to option <id>`], 1);
  if (!book.del(id)) throw new CommandFailure([`Schedule item ${id} not found`]);
  return [`Schedule item ${id} deleted`];
}

export function schedList(book: ScheduleBook): string[] {
  const n = book.entries.length;
  return [`Schedule get: ${n} schedules. Current ID: '${book.scheduleId}'`, ...book.entries.map(describeEntry)];
}

const TYPE_NAMES: Record<ScheduleType, string> = {
  0: 'Idle schedule',
  1: 'Inverter charge setpoint',
  2: 'Inverter discharge setpoint',
  3: 'Grid charge setpoint',
  4: 'Grid discharge setpoint',
  5: 'Grid charge/discharge setpoint',
  6: 'Frequency reserve',
  7: 'Solar charge',
  8: 'Solar charge/discharge setpoint',
  9: 'Full solar export',
};

/** One `sched_list` line, in the captured format (`setpoint:X`, `max_charge: <max allowed>`). */
export function describeEntry(e: ScheduleEntry): string {
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19);
  const p = e.params;
  const lim = (key: string): string => (typeof p[key] === 'number' ? String(p[key]) : '<max allowed>');
  const parts = [`id: ${e.id}`, `type: ${TYPE_NAMES[e.type]}`, `from: ${iso(e.fromMs)}`, `to: ${e.toMs === null ? '<unset>' : iso(e.toMs)}`];
  if (e.type === 0) parts.push(`offline: ${p.offline === true}`);
  if (SHOWS_SETPOINT.has(e.type)) parts.push(`setpoint:${typeof p.setpoint === 'number' ? p.setpoint : '<max allowed>'}`);
  if ([3, 5, 8].includes(e.type)) parts.push(`max_charge: ${lim('max_charge')}`);
  if ([4, 5, 8].includes(e.type)) parts.push(`max_discharge: ${lim('max_discharge')}`);
  if (e.type === 6) parts.push(`fcr_n: ${lim('fcr_n_power')}`, `fcr_d_up: ${lim('fcr_d_up_power')}`, `fcr_d_down: ${lim('fcr_d_down_power')}`, `ffr: ${lim('ffr_power')}`);
  return parts.join(', ');
}
