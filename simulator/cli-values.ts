/**
 * The values of the command line's options, each parsed once and checked: seeds, speeds, ports, sizes, the
 * control-plane and log options every emulator takes. Usage errors name the option. Used by cli-args.ts and the
 * per-command parsers beside it.
 */
import { parseArgs } from 'node:util';
import type { SpeedOption } from './runtime/emulator.ts';
import { parseStartText } from './runtime/start-time.ts';
import { LOG_LEVELS, type LogLevel } from './runtime/logging.ts';
import { MAX_LOG_ENTRIES } from './control/request-log.ts';
import { CliUsageError, type ControlCliOptions, type LogCliOptions } from './cli-args.ts';

export type OptionTypes = Record<string, 'string' | 'boolean' | 'strings'>;

export const CONTROL_OPTIONS = { 'no-control': 'boolean', 'control-token': 'string', scenario: 'string', 'from-recording': 'string', 'ready-json': 'boolean', 'log-level': 'string', 'log-format': 'string', 'log-entries': 'string' } as const;

export function controlOf(v: Record<string, string | boolean | string[] | undefined>): ControlCliOptions {
  if (v['no-control'] && (v['control-token'] !== undefined || v.scenario !== undefined)) {
    throw new CliUsageError('--no-control cannot be combined with --control-token or --scenario: a scenario needs the control plane.');
  }
  return { noControl: v['no-control'] === true, controlToken: stringOf(v['control-token']), scenario: stringOf(v.scenario), readyJson: v['ready-json'] === true, ...logOf(v) };
}

export function logOf(v: Record<string, string | boolean | string[] | undefined>): LogCliOptions {
  const level = stringOf(v['log-level']);
  if (level !== undefined && !LOG_LEVELS.includes(level as LogLevel)) throw new CliUsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}".`);
  const format = stringOf(v['log-format']) ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') throw new CliUsageError(`--log-format must be "pretty" or "json", got "${format}".`);
  const entries = v['log-entries'] === undefined ? undefined : integerOf('--log-entries', v['log-entries'], 0, 1, MAX_LOG_ENTRIES);
  return { logLevel: level as LogLevel | undefined, logFormat: format, logEntries: entries };
}

export function recordingOf(v: Record<string, string | boolean | string[] | undefined>): { fromRecording: string | undefined; start: string | undefined } {
  if (v['from-recording'] !== undefined && v.start !== undefined) throw new CliUsageError('--start cannot be combined with --from-recording: the recording sets the start.');
  return { fromRecording: stringOf(v['from-recording']), start: startOf(v.start) };
}

export function startOf(v: string | boolean | string[] | undefined): string | undefined {
  if (typeof v !== 'string') return undefined;
  const parsed = parseStartText(v);
  if (typeof parsed === 'object') throw new CliUsageError(`--start: ${parsed.error}.`);
  return v;
}

export function parseOptions(args: readonly string[], types: OptionTypes): Record<string, string | boolean | string[] | undefined> {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: Object.fromEntries(Object.entries(types).map(([name, type]) => [name, type === 'strings' ? { type: 'string', multiple: true } : { type }])),
      strict: true,
      allowPositionals: false,
    });
    return values as Record<string, string | boolean | string[] | undefined>;
  } catch (e) {
    throw new CliUsageError(`${(e as Error).message}. Run battsim --help for the options.`);
  }
}

export function stringOf(v: string | boolean | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function seedOf(v: string | boolean | string[] | undefined): number | string {
  if (typeof v !== 'string') return 42;
  if (v.trim() === '') throw new CliUsageError('--seed needs a value: a number or a word.');
  return /^\d+$/.test(v) ? Number(v) : v;
}

export function speedOf(v: string | boolean | string[] | undefined, fallback: SpeedOption): SpeedOption {
  if (typeof v !== 'string') return fallback;
  if (v === 'manual') return 'manual';
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1_000_000) throw new CliUsageError(`--speed must be "manual" or a number from 0.001 to 1000000, got "${v}".`);
  return n;
}

export function hostOf(v: string | boolean | string[] | undefined): string {
  return typeof v === 'string' && v !== '' ? v : '127.0.0.1';
}

export function portOf(v: string | boolean | string[] | undefined, fallback: number): number {
  return integerOf('--port', v, fallback, 0, 65535);
}

/** A size in bytes: `4096`, `512k` (KiB) or `4M` (MiB), up to 1 GiB. */
export function bytesOf(name: string, v: string | boolean | string[] | undefined, fallback: number): number {
  if (typeof v !== 'string') return fallback;
  const m = /^(\d+)([kKmM]?)$/.exec(v);
  const n = m ? Number(m[1]) * (m[2] === '' ? 1 : /k/i.test(m[2] ?? '') ? 1024 : 1024 * 1024) : NaN;
  if (!(n >= 0 && n <= 1024 ** 3)) throw new CliUsageError(`${name} must be a size in bytes such as 1048576, 512k or 4M (at most 1024M), got "${v}".`);
  return n;
}

export function integerOf(name: string, v: string | boolean | string[] | undefined, fallback: number, min: number, max: number): number {
  if (typeof v !== 'string') return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new CliUsageError(`${name} must be a whole number from ${min} to ${max}, got "${v}".`);
  return n;
}
