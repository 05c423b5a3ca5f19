/** `battsim sessy-meter`: its options, parsed and checked once (docs/sessy.md §6). */
import type { CommonServeOptions } from './cli-args.ts';
import { CliUsageError } from './cli-args.ts';
import { CONTROL_OPTIONS, controlOf, hostOf, integerOf, parseOptions, portOf, recordingOf, seedOf, speedOf, stringOf } from './cli-values.ts';

export interface SessyMeterCliOptions extends CommonServeOptions {
  readonly variant: 'p1' | 'ct';
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly noAuth: boolean;
  /** --forget-after-s: how long the meter keeps a silent dongle [s]; undefined: the default (30). */
  readonly forgetAfterS: number | undefined;
  /** --grid-target: grid_target at start [W], + = import; undefined: 0. */
  readonly gridTargetW: number | undefined;
}

export function parseSessyMeterArgs(rest: readonly string[]): { readonly kind: 'sessy-meter' } & SessyMeterCliOptions {
  const v = parseOptions(rest, { variant: 'string', port: 'string', host: 'string', seed: 'string', speed: 'string', start: 'string', user: 'string', password: 'string', 'no-auth': 'boolean', 'forget-after-s': 'string', 'grid-target': 'string', mdns: 'boolean', ...CONTROL_OPTIONS });
  if (v['no-auth'] && (v.user !== undefined || v.password !== undefined)) throw new CliUsageError('--no-auth cannot be combined with --user or --password: choose one.');
  if (v['from-recording'] !== undefined) throw new CliUsageError('--from-recording drives a battery emulator; the meter reads its own household.');
  const variant = v.variant ?? 'p1';
  if (variant !== 'p1' && variant !== 'ct') throw new CliUsageError(`--variant must be "p1" or "ct", got "${String(variant)}".`);
  const target = stringOf(v['grid-target']);
  if (target !== undefined && !(/^-?\d+$/.test(target) && Math.abs(Number(target)) <= 20_000)) throw new CliUsageError(`--grid-target must be a whole number of W from -20000 to 20000, got "${target}".`);
  return {
    kind: 'sessy-meter',
    variant,
    port: portOf(v.port, 8082),
    host: hostOf(v.host),
    seed: seedOf(v.seed),
    speed: speedOf(v.speed, 1),
    user: stringOf(v.user),
    password: stringOf(v.password),
    noAuth: v['no-auth'] === true,
    forgetAfterS: v['forget-after-s'] === undefined ? undefined : integerOf('--forget-after-s', v['forget-after-s'], 30, 1, 86_400),
    gridTargetW: target === undefined ? undefined : Number(target),
    mdns: v.mdns === true,
    ...controlOf(v),
    ...recordingOf(v),
  };
}
