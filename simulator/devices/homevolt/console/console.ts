/**
 * The ECU's serial console as POST /console.json exposes it (docs/homevolt.md §3.5): the answer is text, the
 * echo `ecu-hub-esp32>  <cmd>` (two spaces), the command's output, then `Command '<cmd>' executed
 * successfully` or `Command '<cmd>' returned non-zero error code: 0x<n> (ERROR)`; failures are still HTTP 200.
 * An unknown command gets ESP-IDF's "Unrecognized command" [INFER: esp_console's stock answer].
 * The console is the device's own text interface, so it lives with the model rather than the render layer.
 */
import { readFileSync } from 'node:fs';
import type { HomevoltDevice } from '../device.ts';
import { ArgError, tokenize } from './args.ts';
import { paramGet, paramList, paramReset, paramSet, paramStore } from './param-commands.ts';
import { CommandFailure, schedAddOrSet, schedDel, schedList } from './schedule-commands.ts';
import { diagnostics } from './system-commands.ts';

export const PROMPT = 'ecu-hub-esp32> ';
/** The captured `help` output (2026-08-11, the console help document of github.com/lovethyresson/com.homevolt.local). */
const HELP_TEXT = readFileSync(new URL('./help.txt', import.meta.url), 'utf8');
const HELP_SECTIONS = new Map(HELP_TEXT.split('\n\n').filter((s) => s.trim() !== '').map((s) => [s.split(/\s/)[0]!, s] as const));
const SCHEDULE_MUTATIONS = new Set(['sched_set', 'sched_add', 'sched_del', 'sched_clear']);

export interface ConsoleResult {
  readonly text: string;
  readonly ok: boolean;
}

export function runConsoleCommand(device: HomevoltDevice, cmd: string): ConsoleResult {
  const line = cmd.replace(/[\r\n]+$/, '');
  const echo = `${PROMPT} ${line}`;
  const [name, ...args] = tokenize(line);
  if (name === undefined) return { text: echo, ok: true };
  if (!HELP_SECTIONS.has(name)) return { text: [echo, 'Unrecognized command'].join('\n'), ok: false };
  try {
    const out = execute(device, name, args);
    return { text: [echo, ...out, `Command '${line}' executed successfully`].join('\n'), ok: true };
  } catch (e) {
    const failure = e instanceof CommandFailure ? e : e instanceof ArgError ? new CommandFailure([e.message], 1) : null;
    if (!failure) throw e;
    return { text: [echo, ...failure.lines, `Command '${line}' returned non-zero error code: 0x${failure.code.toString(16)} (ERROR)`].join('\n'), ok: false };
  }
}

function execute(device: HomevoltDevice, name: string, args: readonly string[]): readonly string[] {
  const nowMs = device.site.now();
  if (SCHEDULE_MUTATIONS.has(name) && !device.params.getBool('settings_local')) {
    // Local control needs settings_local (docs/homevolt.md §4.1; HEL saw local commands refused without it).
    throw new CommandFailure(['Local mode disabled: set settings_local to true to change the schedule']);
  }
  switch (name) {
    case 'help':
      return help(args);
    case 'sched_set':
    case 'sched_add': {
      const out = schedAddOrSet(device.schedule, name === 'sched_set', name, args, nowMs);
      device.event('info', 'schedule', `${name}: schedule '${device.schedule.scheduleId}' now has ${device.schedule.entries.length} item(s)`);
      return out;
    }
    case 'sched_del': {
      const out = schedDel(device.schedule, args);
      device.event('info', 'schedule', `sched_del ${args[0]}`);
      return out;
    }
    case 'sched_clear':
      device.schedule.clear();
      device.event('info', 'schedule', 'Schedule cleared');
      return [];
    case 'sched_list':
      return schedList(device.schedule);
    case 'param_get':
      return paramGet(device, args);
    case 'param_set':
      return paramSet(device, args);
    case 'param_list':
      return paramList(device, args);
    case 'param_store':
      return paramStore(device, args);
    case 'param_load':
      device.params.load();
      return [];
    case 'param_reset':
      return paramReset(device, args);
    default:
      return diagnostics(device, name, args);
  }
}

function help(args: readonly string[]): readonly string[] {
  const topic = args.find((a) => !a.startsWith('-'));
  if (topic === undefined) return [HELP_TEXT.replace(/\n+$/, '')];
  const section = HELP_SECTIONS.get(topic);
  if (!section) throw new CommandFailure([`help: command '${topic}' not found`], 1);
  return [section];
}
