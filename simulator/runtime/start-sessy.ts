/**
 * Starts the Sessy emulator: options checked strictly and frozen, the model, its clock and runner, the Fastify
 * app, and listen(). The CLI and other projects' tests both come through here.
 */
import type { SiteOptions } from '../core/index.ts';
import { createSessyDevice, FIRMWARE_PROFILES, type FirmwareVersion, type SessyDevice } from '../devices/sessy/index.ts';
import { buildSessyApp } from '../http/sessy/index.ts';
import { isSpeed, normaliseSeed, SPEED_RANGE } from '../core/index.ts';
import type { Credentials, RunningEmulator, SpeedOption } from './emulator.ts';
import { RuntimeError } from './errors.ts';
import { checkLogEntries, checkLogOptions, loggerOf, type LogDestination, type LogFormat, type LogLevel } from './logging.ts';
import { createSimulationHost } from './simulation-host.ts';
import { sleep } from './sleep.ts';
import { sessyAdvertisement } from '../devices/sessy/discovery.ts';
import { serveEmulator } from './serve-emulator.ts';
import { resolveStartMs, type StartOption } from './start-time.ts';

export interface SessyStartOptions {
  /** TCP port; default 0 (any free port). */
  readonly port?: number;
  /** Bind address; default 127.0.0.1. */
  readonly host?: string;
  /** Master seed, a number or a word; default 42. */
  readonly seed?: number | string;
  /** Simulated seconds per wall second, or 'manual'; default 'manual'. */
  readonly speed?: SpeedOption;
  /** The dongle serial, which is the Basic-auth user (as on the sticker) and `system/info.self_serial`; default from the seed. */
  readonly user?: string;
  /** Basic-auth password; default the sticker code derived from the seed. */
  readonly password?: string;
  /** No stored credentials: nothing is protected. */
  readonly noAuth?: boolean;
  /** Firmware profile; default 1.11.11. */
  readonly firmware?: FirmwareVersion;
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
  /**
   * Advertise over mDNS as `sessy-XXXX` on `_http._tcp` with TXT `serial` and `device` (--mdns); default false.
   * The serial is the Basic-auth user. See docs/discovery-and-https.md.
   */
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

const KEYS = ['port', 'host', 'seed', 'speed', 'user', 'password', 'noAuth', 'firmware', 'start', 'startMs', 'site', 'control', 'controlToken', 'mdns', 'logLevel', 'logFormat', 'logDestination', 'logEntries', 'recvTimeoutMs'];

export async function startSessy(options: SessyStartOptions = {}): Promise<RunningEmulator<SessyDevice>> {
  const o = checkOptions(options);
  const createDevice = (): SessyDevice =>
    createSessyDevice({
      site: { ...o.site, seed: o.seed, startMs: o.startMs },
      firmware: o.firmware,
      ...(o.user !== undefined ? { serial: o.user } : {}),
    });
  const sim = createSimulationHost({
    createDevice,
    speed: o.speed,
    host: o.host,
    ...(options.control !== undefined ? { control: options.control } : {}),
    ...(options.controlToken !== undefined ? { controlToken: options.controlToken } : {}),
    ...(options.logEntries !== undefined ? { logEntries: options.logEntries } : {}),
  });
  const { runner, control, access } = sim;
  const first = runner.device as SessyDevice;
  const credentials: Credentials | null = o.noAuth ? null : { user: first.identity.dongleSerial, password: o.password ?? first.identity.password };
  const app = await buildSessyApp({ runner, credentials, control, access, sleep, logger: loggerOf(options), ...(options.recvTimeoutMs !== undefined ? { recvTimeoutMs: positiveMs(options.recvTimeoutMs) } : {}) });
  // mDNS: on a real dongle the Basic-auth user is the sticker serial; without credentials the identity's serial.
  return serveEmulator<SessyDevice>(app, sim, { port: o.port, host: o.host, credentials, startMs: o.startMs, seed: first.site.streams.seed, ...(o.mdns ? { advertise: (port: number) => sessyAdvertisement(credentials?.user ?? first.identity.dongleSerial, port) } : {}) });
}

/** One line each for URL and credentials, for the CLI to print. */
export function describeSessy(emulator: RunningEmulator<SessyDevice>): string {
  const auth = emulator.credentials ? `user ${emulator.credentials.user}, password ${emulator.credentials.password}` : 'no authentication';
  const device = emulator.device;
  const text = `Sessy (firmware ${device.profile.version}, seed ${emulator.seed}, clock ${emulator.clock.mode} from ${new Date(emulator.startMs).toISOString()}) at ${emulator.url}\n  credentials: ${auth}`;
  return emulator.mdns ? `${text}\n  mDNS: ${emulator.mdns.fqdn} on host ${emulator.mdns.hostname}` : text;
}

interface CheckedOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly speed: SpeedOption;

  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly noAuth: boolean;
  readonly firmware: FirmwareVersion;
  readonly startMs: number;
  readonly site: Omit<SiteOptions, 'seed' | 'startMs'>;
  readonly mdns: boolean;
}

function checkOptions(options: SessyStartOptions): CheckedOptions {
  const bad = (name: string, why: string): never => {
    throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to start the Sessy emulator: option "${name}" ${why}.`);
  };
  if (typeof options !== 'object' || options === null) bad('options', 'must be an object');
  for (const key of Object.keys(options)) if (!KEYS.includes(key)) bad(key, `is unknown. Known options: ${KEYS.join(', ')}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) bad('port', `must be an integer 0..65535, got ${String(port)}`);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') bad('host', 'must be a non-empty string');
  const rawSeed = options.seed ?? 42;
  if (!(Number.isInteger(rawSeed) || (typeof rawSeed === 'string' && rawSeed !== ''))) bad('seed', `must be an integer or a non-empty word, got ${String(rawSeed)}`);
  const seed = normaliseSeed(rawSeed);
  if (options.control !== undefined && typeof options.control !== 'boolean') bad('control', 'must be a boolean');
  if (options.controlToken !== undefined && typeof options.controlToken !== 'string') bad('controlToken', 'must be a string');
  if (options.mdns !== undefined && typeof options.mdns !== 'boolean') bad('mdns', 'must be a boolean');
  const speed = options.speed ?? 'manual';
  if (speed !== 'manual' && !isSpeed(speed)) bad('speed', `must be ${SPEED_RANGE} or "manual", got ${String(speed)}`);
  const firmware = options.firmware ?? '1.11.11';
  if (!(firmware in FIRMWARE_PROFILES)) bad('firmware', `must be one of ${Object.keys(FIRMWARE_PROFILES).join(', ')}, got ${String(firmware)}`);
  const noAuth = options.noAuth ?? false;
  if (typeof noAuth !== 'boolean') bad('noAuth', 'must be a boolean');
  for (const name of ['user', 'password'] as const) {
    const v = options[name];
    if (v !== undefined && (typeof v !== 'string' || v === '' || (name === 'user' && !/^[\x21-\x39\x3b-\x7e]+$/.test(v)))) bad(name, 'must be a non-empty string (the user, a serial, printable ASCII without spaces or ":")');
    if (v !== undefined && noAuth) bad(name, 'cannot be combined with noAuth');
  }
  checkLogOptions('Sessy emulator', options.logLevel, options.logFormat);
  checkLogEntries('Sessy emulator', options.logEntries);
  if (options.startMs !== undefined && !Number.isFinite(options.startMs)) bad('startMs', 'must be a finite epoch time in ms');
  if (options.startMs !== undefined && options.start !== undefined) bad('start', 'cannot be combined with startMs: give one');
  const startMs = options.startMs ?? resolveStartMs(options.start, speed);
  if (typeof startMs !== 'number') return bad('start', startMs.error);
  if (options.site !== undefined && (typeof options.site !== 'object' || options.site === null)) bad('site', 'must be an object of site options');
  if (options.site && ('seed' in options.site || 'startMs' in options.site)) bad('site', 'must not set seed or startMs; use the top-level options');
  return Object.freeze({
    port,
    host,
    seed,
    speed,
    user: options.user,
    password: options.password,
    noAuth,
    firmware,
    startMs,
    site: options.site ?? {},
    mdns: options.mdns ?? false,
  });
}

function positiveMs(value: number): number {
  if (!(Number.isInteger(value) && value > 0)) throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to start the Sessy emulator: option "recvTimeoutMs" must be a whole number of ms > 0, got ${String(value)}.`);
  return value;
}
