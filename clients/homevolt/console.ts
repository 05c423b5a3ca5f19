/**
 * The ECU console over POST /console.json: a typed builder for the schedule and parameter commands, with the
 * flags of the captured `help` (test/fixtures/homevolt/console/help_capture.txt), and a parser of the
 * text answers (docs/homevolt.md §3.5):
 *   ecu-hub-esp32>  <cmd>                       echo: prompt and two spaces
 *   <output lines>
 *   Command '<cmd>' executed successfully       or: Command '<cmd>' returned non-zero error code: 0x2 (ERROR)
 * Failures are HTTP 200 too, so success is read from the last line.
 */

/** 0 idle, 1 inverter charge, 2 inverter discharge, 3 grid charge, 4 grid discharge, 5 grid charge/discharge,
 * 6 frequency reserve, 7 solar charge, 8 solar charge/discharge, 9 full solar export (7–9: Tibber docs only). */
export type ScheduleType = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** One schedule entry to send. Times are epoch ms (sent as UTC YYYY-MM-DDTHH:mm:ss); powers W; currents mA. */
export interface ScheduleEntrySpec {
  readonly type: ScheduleType;
  readonly fromMs?: number;
  readonly toMs?: number;
  /** SOC window of the entry [percent 0..100]. */
  readonly minSocPct?: number;
  readonly maxSocPct?: number;
  /** Types 1/2: battery power, positive [W]; types 3/4/5/8: grid target [W], + = import. */
  readonly setpointW?: number;
  readonly maxChargeW?: number;
  readonly maxDischargeW?: number;
  readonly fcrNPowerW?: number;
  readonly fcrDUpPowerW?: number;
  readonly fcrDDownPowerW?: number;
  readonly ffrPowerW?: number;
  readonly idleThresholdPowerW?: number;
  readonly dischargeThresholdPowerW?: number;
  readonly freqTestSequence?: number;
  readonly fcrStartFromMs?: number;
  readonly importLimitW?: number;
  readonly exportLimitW?: number;
  readonly mainFuseMilliA?: number;
  readonly chargeRampUpMilliAPerS?: number;
  readonly dischargeRampUpMilliAPerS?: number;
  readonly importEnergyLimitWh?: number;
  readonly importEnergyLimitFromMs?: number;
  readonly importEnergyLimitToMs?: number;
  readonly importEnergyMaxCompensationW?: number;
  readonly exportEnergyLimitWh?: number;
  readonly exportEnergyLimitFromMs?: number;
  readonly exportEnergyLimitToMs?: number;
  readonly exportEnergyMaxCompensationW?: number;
  /** -o: take the inverter offline while idle. */
  readonly offline?: boolean;
  /** -m: use the custom FFR trigger frequency from the parameters. */
  readonly useFfrCustomTrigFreq?: boolean;
  /** -a: re-arm FFR after ffr_rearm_timeout. */
  readonly ffrRearm?: boolean;
  /** -e: end the schedule after the test sequence. */
  readonly testEndSchedule?: boolean;
}

type NumberKey = { [K in keyof ScheduleEntrySpec]-?: ScheduleEntrySpec[K] extends number | undefined ? K : never }[keyof ScheduleEntrySpec];

/** Spec key → long flag, in the help's order; `time` flags take epoch ms. The schedule.json param key is the flag name. */
const VALUE_FLAGS: readonly (readonly [NumberKey, string, 'int' | 'time'])[] = [
  ['fromMs', 'from', 'time'],
  ['toMs', 'to', 'time'],
  ['minSocPct', 'min', 'int'],
  ['maxSocPct', 'max', 'int'],
  ['setpointW', 'setpoint', 'int'],
  ['maxChargeW', 'max_charge', 'int'],
  ['maxDischargeW', 'max_discharge', 'int'],
  ['fcrNPowerW', 'fcr_n_power', 'int'],
  ['fcrDUpPowerW', 'fcr_d_up_power', 'int'],
  ['fcrDDownPowerW', 'fcr_d_down_power', 'int'],
  ['ffrPowerW', 'ffr_power', 'int'],
  ['idleThresholdPowerW', 'idle_threshold_power', 'int'],
  ['dischargeThresholdPowerW', 'discharge_threshold_power', 'int'],
  ['freqTestSequence', 'test_sequence', 'int'],
  ['fcrStartFromMs', 'fcr_start_from', 'time'],
  ['importLimitW', 'import_limit', 'int'],
  ['exportLimitW', 'export_limit', 'int'],
  ['mainFuseMilliA', 'main_fuse', 'int'],
  ['chargeRampUpMilliAPerS', 'charge_ramp_up', 'int'],
  ['dischargeRampUpMilliAPerS', 'discharge_ramp_up', 'int'],
  ['importEnergyLimitWh', 'import_energy_limit', 'int'],
  ['importEnergyLimitFromMs', 'import_energy_limit_from', 'time'],
  ['importEnergyLimitToMs', 'import_energy_limit_to', 'time'],
  ['importEnergyMaxCompensationW', 'import_energy_max_compensation', 'int'],
  ['exportEnergyLimitWh', 'export_energy_limit', 'int'],
  ['exportEnergyLimitFromMs', 'export_energy_limit_from', 'time'],
  ['exportEnergyLimitToMs', 'export_energy_limit_to', 'time'],
  ['exportEnergyMaxCompensationW', 'export_energy_max_compensation', 'int'],
];

const BOOL_FLAGS: readonly (readonly [keyof ScheduleEntrySpec, string])[] = [
  ['useFfrCustomTrigFreq', 'use_ffr_custom_trig_freq'],
  ['ffrRearm', 'ffr_rearm'],
  ['testEndSchedule', 'test_end_schedule'],
  ['offline', 'offline'],
];

/** Thrown by the builders for an argument the console cannot take; the client turns it into BAD_ARGUMENT. */
export class ConsoleArgumentError extends Error {
  override readonly name = 'ConsoleArgumentError';
}

/** `sched_set` (replace) or `sched_add` (append) with the entry's flags, e.g. `sched_set 2 --setpoint=1500`. */
export function buildScheduleCommand(command: 'sched_set' | 'sched_add', entry: ScheduleEntrySpec): string {
  if (!Number.isInteger(entry.type) || entry.type < 0 || entry.type > 9) throw new ConsoleArgumentError(`schedule type must be an integer 0..9, got ${String(entry.type)}`);
  const parts: string[] = [command, String(entry.type)];
  for (const [key, flag, kind] of VALUE_FLAGS) {
    const v = entry[key];
    if (v === undefined) continue;
    if (!Number.isFinite(v)) throw new ConsoleArgumentError(`${key} must be a finite number, got ${String(v)}`);
    parts.push(`--${flag}=${kind === 'time' ? consoleTime(v) : String(Math.round(v))}`);
  }
  for (const [key, flag] of BOOL_FLAGS) if (entry[key] === true) parts.push(`--${flag}`);
  return parts.join(' ');
}

/** Epoch ms → the console's UTC `YYYY-MM-DDTHH:mm:ss` (whole seconds, rounded down). */
export function consoleTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
}

export const buildSchedDel = (id: number): string => {
  if (!Number.isInteger(id) || id < 0) throw new ConsoleArgumentError(`a schedule id must be an integer ≥ 0, got ${String(id)}`);
  return `sched_del ${id}`;
};
export const buildSchedClear = (): string => 'sched_clear';
export const buildSchedList = (): string => 'sched_list';
export const buildParamGet = (key: string): string => `param_get ${token(key)}`;

/** `param_set [-f] [-c] <key> <value>...`: force skips validation, commit writes flash at once. */
export function buildParamSet(key: string, values: readonly (string | number | boolean)[], flags: { readonly force?: boolean; readonly commit?: boolean } = {}): string {
  if (values.length === 0) throw new ConsoleArgumentError(`param_set ${key} needs at least one value`);
  const opts = [flags.force ? '-f' : '', flags.commit ? '-c' : ''].filter(Boolean);
  return ['param_set', ...opts, token(key), ...values.map((v) => token(String(v)))].join(' ');
}

/** `param_store [-c] [<param_id>] [<storage>]`: clean drops values equal to their defaults. */
export function buildParamStore(options: { readonly clean?: boolean; readonly paramId?: number; readonly storage?: string } = {}): string {
  const parts = ['param_store'];
  if (options.clean) parts.push('-c');
  if (options.paramId !== undefined) parts.push(String(options.paramId));
  if (options.storage !== undefined) parts.push(token(options.storage));
  return parts.join(' ');
}

function token(text: string): string {
  if (text === '' || /\s|"|'/.test(text)) throw new ConsoleArgumentError(`console arguments cannot be empty or contain spaces or quotes, got ${JSON.stringify(text)}`);
  return text;
}

// ---------------------------------------------------------------------------------------------------------------

export interface ConsoleAnswer {
  /** The command as the device echoed it. */
  readonly command: string;
  readonly ok: boolean;
  /** Lines between the echo and the status line. */
  readonly output: readonly string[];
  /** The firmware's non-zero return code, for a failure that reported one. */
  readonly errorCode: number | null;
  readonly text: string;
}

/** Reads a console answer; null when the text has no echo line (not a console answer at all). */
export function parseConsoleAnswer(text: string): ConsoleAnswer | null {
  const lines = text.replace(/\r/g, '').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const echo = lines[0];
  if (echo === undefined || !/^\S*> /.test(echo)) return null;
  const command = echo.replace(/^\S*>\s+/, '');
  const last = lines[lines.length - 1] ?? '';
  const success = /^Command '.*' executed successfully$/.test(last);
  const failure = /^Command '.*' returned non-zero error code: 0x([0-9a-f]+)/i.exec(last);
  const hasStatus = lines.length > 1 && (success || failure !== null);
  const output = lines.slice(1, hasStatus ? -1 : undefined);
  // No status line: ESP-IDF's stock answers ("Unrecognized command") and the clients' failure substrings (HEL).
  const ok = hasStatus ? success : !output.some((l) => /error|invalid|unrecognized/i.test(l));
  return { command, ok, output, errorCode: failure ? parseInt(failure[1]!, 16) : null, text };
}

export interface SchedListEntry {
  readonly id: number;
  /** The firmware's name for the type, e.g. "Grid charge setpoint". */
  readonly typeName: string;
  readonly type: ScheduleType | null;
  readonly fromMs: number | null;
  /** null for `<unset>` (a sched_set entry runs until replaced). */
  readonly toMs: number | null;
  /** Other fields: numbers, booleans, or null for `<max allowed>`. */
  readonly fields: Readonly<Record<string, number | boolean | string | null>>;
}

export interface SchedList {
  readonly count: number;
  readonly scheduleId: string;
  readonly entries: readonly SchedListEntry[];
}

const TYPE_NAMES: Readonly<Record<string, ScheduleType>> = {
  'Idle schedule': 0,
  'Inverter charge setpoint': 1,
  'Inverter discharge setpoint': 2,
  'Grid charge setpoint': 3,
  'Grid discharge setpoint': 4,
  'Grid charge/discharge setpoint': 5,
  'Frequency reserve': 6,
  'Solar charge': 7,
  'Solar charge/discharge setpoint': 8,
  'Full solar export': 9,
};

/** Parses the output lines of `sched_list` (header plus one line per entry); null if the header is missing. */
export function parseSchedList(output: readonly string[]): SchedList | null {
  const header = /^Schedule get: (\d+) schedules?\. Current ID: '(.*)'$/.exec(output[0] ?? '');
  if (!header) return null;
  const entries: SchedListEntry[] = [];
  for (const line of output.slice(1)) {
    const fields: Record<string, number | boolean | string | null> = {};
    for (const part of line.split(/,\s*/)) {
      const m = /^([a-z_]+):\s*(.*)$/.exec(part.trim());
      if (!m) continue;
      fields[m[1]!] = fieldValue(m[2]!);
    }
    const { id, type: typeName, from, to, ...rest } = fields;
    if (typeof id !== 'number' || typeof typeName !== 'string') continue;
    entries.push({
      id,
      typeName,
      type: TYPE_NAMES[typeName] ?? null,
      fromMs: typeof from === 'string' ? utcMs(from) : null,
      toMs: typeof to === 'string' ? utcMs(to) : null,
      fields: rest,
    });
  }
  return { count: Number(header[1]), scheduleId: header[2]!, entries };
}

function fieldValue(text: string): number | boolean | string | null {
  if (text === '<max allowed>' || text === '<unset>') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function utcMs(text: string): number | null {
  const ms = Date.parse(`${text}Z`);
  return Number.isNaN(ms) ? null : ms;
}
