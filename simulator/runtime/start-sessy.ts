/**
 * Starts the Sessy emulator: options checked strictly and frozen, the model, its clock and runner, the Fastify
 * app, and listen(). The CLI and other projects' tests both come through here.
 */
import type { SiteOptions } from '../core/index.ts';
import { createSessyDevice, FIRMWARE_PROFILES, type FirmwareVersion, type SessyDevice } from '../devices/sessy/index.ts';
import { buildSessyApp } from '../http/sessy/index.ts';
import type { Credentials, RunningEmulator, SpeedOption } from './emulator.ts';
import { loggerOf, type LogDestination, type LogFormat, type LogLevel } from './logging.ts';
import { badOptionOf, checkSessyFamilyOptions, type CheckedSessyFamilyOptions } from './sessy-options.ts';
import { createSimulationHost } from './simulation-host.ts';
import { sleep } from './sleep.ts';
import { sessyAdvertisement } from '../devices/sessy/discovery.ts';
import { serveEmulator } from './serve-emulator.ts';
import type { StartOption } from './start-time.ts';

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
  const app = await buildSessyApp({ runner, credentials, control, access, sleep, logger: loggerOf(options), ...(options.recvTimeoutMs !== undefined ? { recvTimeoutMs: options.recvTimeoutMs } : {}) });
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

interface CheckedOptions extends CheckedSessyFamilyOptions {
  readonly firmware: FirmwareVersion;
}

function checkOptions(options: SessyStartOptions): CheckedOptions {
  const checked = checkSessyFamilyOptions('Sessy emulator', options, KEYS);
  const firmware = options.firmware ?? '1.11.11';
  if (!(firmware in FIRMWARE_PROFILES)) badOptionOf('Sessy emulator')('firmware', `must be one of ${Object.keys(FIRMWARE_PROFILES).join(', ')}, got ${String(firmware)}`);
  return Object.freeze({ ...checked, firmware });
}
