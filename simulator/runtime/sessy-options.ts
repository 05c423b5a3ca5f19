/**
 * The start options the dongle and the meter share (the same firmware family behind the same server), checked once
 * for both: startSessy and startSessyMeter add only their own (the firmware; the variant, grid source and NOM
 * settings). Every check throws RUNTIME_ERR_BAD_OPTION naming the option and what it must be.
 */
import { isSpeed, normaliseSeed, SPEED_RANGE, type SiteOptions } from '../core/index.ts';
import type { SpeedOption } from './emulator.ts';
import { RuntimeError } from './errors.ts';
import { checkLogEntries, checkLogOptions, type LogDestination, type LogFormat, type LogLevel } from './logging.ts';
import { resolveStartMs, type StartOption } from './start-time.ts';

/** The shared options as a caller gives them; SessyStartOptions and SessyMeterStartOptions extend it. */
export interface SessyFamilyOptions {
  /** TCP port; default 0 (any free port). */
  readonly port?: number;
  /** Bind address; default 127.0.0.1. */
  readonly host?: string;
  /** Master seed, a number or a word; default 42. */
  readonly seed?: number | string;
  /** Simulated seconds per wall second, or 'manual'; default 'manual'. */
  readonly speed?: SpeedOption;
  /** The device's serial, which is the Basic-auth user; default from the seed. */
  readonly user?: string;
  /** Basic-auth password; default the sticker code derived from the seed. */
  readonly password?: string;
  /** No stored credentials: nothing is protected. */
  readonly noAuth?: boolean;
  /**
   * Simulated start: 'now' or ISO 8601 (a date is local midnight). Default: the host's now for a numeric speed,
   * 2026-06-01T00:00Z (DEFAULT_START_MS) for a manual clock, so that tests get the same day every run.
   */
  readonly start?: StartOption;
  /** Simulated start as epoch ms (instead of `start`). */
  readonly startMs?: number;
  /** Physics overrides (battery, household, PV, frequency, initial SOC …); seed and startMs come from above. */
  readonly site?: Omit<SiteOptions, 'seed' | 'startMs'>;
  /** Receive timeout of the HTTP server while a request is read [ms]; default ESP-IDF's 5000 (docs/http-errors.md). */
  readonly recvTimeoutMs?: number;
  /** false: no /_sim/ control plane at all (--no-control). */
  readonly control?: boolean;
  /** Required to serve /_sim/ on a non-loopback address (--control-token); at least 8 characters. */
  readonly controlToken?: string;
  /** Advertise over mDNS (--mdns); default false. See docs/discovery-and-https.md. */
  readonly mdns?: boolean;
  /** Log level of Fastify's logger (pino); default 'silent'. At 'info', one line per vendor request. */
  readonly logLevel?: LogLevel;
  /** 'json' (pino's lines, the default) or 'pretty' (one short line each). */
  readonly logFormat?: LogFormat;
  /** Where log lines go; default process.stdout. */
  readonly logDestination?: LogDestination;
  /** Vendor requests `/_sim/log` keeps, with their redacted bodies; default 500. */
  readonly logEntries?: number;
}

/** The shared options checked, with their defaults. */
export interface CheckedSessyFamilyOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly speed: SpeedOption;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly noAuth: boolean;
  readonly startMs: number;
  readonly site: Omit<SiteOptions, 'seed' | 'startMs'>;
  readonly mdns: boolean;
}

/** A thrower for option errors of `emulator` ("Sessy emulator", "Sessy meter emulator"). */
export function badOptionOf(emulator: string): (name: string, why: string) => never {
  return (name, why) => {
    throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to start the ${emulator}: option "${name}" ${why}.`);
  };
}

/** Checks the shared options of `options` (an object with no key outside `keys`) for `emulator`. */
export function checkSessyFamilyOptions(emulator: string, options: SessyFamilyOptions, keys: readonly string[]): CheckedSessyFamilyOptions {
  const bad = badOptionOf(emulator);
  if (typeof options !== 'object' || options === null) bad('options', 'must be an object');
  for (const key of Object.keys(options)) if (!keys.includes(key)) bad(key, `is unknown. Known options: ${keys.join(', ')}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) bad('port', `must be an integer 0..65535, got ${String(port)}`);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') bad('host', 'must be a non-empty string');
  const rawSeed = options.seed ?? 42;
  if (!(Number.isInteger(rawSeed) || (typeof rawSeed === 'string' && rawSeed !== ''))) bad('seed', `must be an integer or a non-empty word, got ${String(rawSeed)}`);
  if (options.control !== undefined && typeof options.control !== 'boolean') bad('control', 'must be a boolean');
  if (options.controlToken !== undefined && typeof options.controlToken !== 'string') bad('controlToken', 'must be a string');
  if (options.mdns !== undefined && typeof options.mdns !== 'boolean') bad('mdns', 'must be a boolean');
  const speed = options.speed ?? 'manual';
  if (speed !== 'manual' && !isSpeed(speed)) bad('speed', `must be ${SPEED_RANGE} or "manual", got ${String(speed)}`);
  const noAuth = options.noAuth ?? false;
  if (typeof noAuth !== 'boolean') bad('noAuth', 'must be a boolean');
  for (const name of ['user', 'password'] as const) {
    const v = options[name];
    if (v !== undefined && (typeof v !== 'string' || v === '' || (name === 'user' && !/^[\x21-\x39\x3b-\x7e]+$/.test(v)))) bad(name, 'must be a non-empty string (the user, a serial, printable ASCII without spaces or ":")');
    if (v !== undefined && noAuth) bad(name, 'cannot be combined with noAuth');
  }
  if (options.recvTimeoutMs !== undefined && !(Number.isInteger(options.recvTimeoutMs) && options.recvTimeoutMs > 0)) bad('recvTimeoutMs', `must be a whole number of ms > 0, got ${String(options.recvTimeoutMs)}`);
  checkLogOptions(emulator, options.logLevel, options.logFormat);
  checkLogEntries(emulator, options.logEntries);
  if (options.startMs !== undefined && !Number.isFinite(options.startMs)) bad('startMs', 'must be a finite epoch time in ms');
  if (options.startMs !== undefined && options.start !== undefined) bad('start', 'cannot be combined with startMs: give one');
  const startMs = options.startMs ?? resolveStartMs(options.start, speed);
  if (typeof startMs !== 'number') return bad('start', startMs.error);
  if (options.site !== undefined && (typeof options.site !== 'object' || options.site === null)) bad('site', 'must be an object of site options');
  if (options.site && ('seed' in options.site || 'startMs' in options.site)) bad('site', 'must not set seed or startMs; use the top-level options');
  return { port, host, seed: normaliseSeed(rawSeed), speed, user: options.user, password: options.password, noAuth, startMs, site: options.site ?? {}, mdns: options.mdns ?? false };
}
