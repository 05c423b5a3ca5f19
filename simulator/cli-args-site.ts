/** `battsim site FILE`: its options, parsed and checked once. The file itself is read by run-site.ts. */
import { CliUsageError, type ControlCliOptions } from './cli-args.ts';
import { controlOf, parseOptions, speedOf, startOf } from './cli-values.ts';
import type { SpeedOption } from './runtime/emulator.ts';

export interface SiteCliOptions extends ControlCliOptions {
  /** The site file (YAML or JSON), e.g. examples/sites/home-3-sessy.yaml. */
  readonly file: string;
  /** --speed; undefined: the file's speed, else 1 (real time). */
  readonly speed: SpeedOption | undefined;
  /** --start; undefined: the file's start, else now (or 2026-06-01T00:00Z with a manual clock). */
  readonly start: string | undefined;
  /** --host; undefined: the file's host, else 127.0.0.1 (a container gives 0.0.0.0). */
  readonly host: string | undefined;
}

export function parseSiteArgs(rest: readonly string[]): { readonly kind: 'site' } & SiteCliOptions {
  const [file, ...options] = rest;
  if (file === undefined || file.startsWith('--')) throw new CliUsageError('site needs the site file first: battsim site site.yaml [options] (examples in battsim\'s examples/sites/: node_modules/battsim/examples/sites/ when installed).');
  const v = parseOptions(options, { speed: 'string', start: 'string', host: 'string', 'no-control': 'boolean', 'control-token': 'string', 'ready-json': 'boolean', 'log-level': 'string', 'log-format': 'string', 'log-entries': 'string' });
  return { kind: 'site', file, speed: v.speed === undefined ? undefined : speedOf(v.speed, 1), start: startOf(v.start), host: typeof v.host === 'string' && v.host !== '' ? v.host : undefined, ...controlOf(v) };
}
