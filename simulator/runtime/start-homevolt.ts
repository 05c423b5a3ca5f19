/**
 * Starts the Homevolt emulator: device model, clock, runner, Fastify app, listen. The only place of the
 * Homevolt emulator with timers and sockets. Options are checked strictly; an unknown key is an error.
 */
import { createHomevoltDevice, FIRMWARE_NAMES, HomevoltError, type FirmwareName, type HomevoltDevice, type HomevoltDeviceOptions, type ScheduleType } from '../devices/homevolt/index.ts';
import { buildHomevoltApp, HOMEVOLT_USER } from '../http/homevolt/index.ts';
import { sleep } from './sleep.ts';
import { createSimulationHost } from './simulation-host.ts';
import type { RunningEmulator, SpeedOption } from './emulator.ts';
import { isSpeed, RuntimeError, SPEED_RANGE } from '../core/index.ts';
import { homevoltAdvertisement } from '../devices/homevolt/discovery.ts';
import { listenOwnServer, serveEmulator } from './serve-emulator.ts';
import { createSelfSignedCertificate, type TlsMaterial } from './self-signed-certificate.ts';
import { resolveStartMs, type StartOption } from './start-time.ts';
import { checkLogEntries, checkLogOptions, loggerOf, type LogDestination, type LogFormat, type LogLevel } from './logging.ts';

export interface HomevoltStartOptions {
  /** TCP port; default 0 (any free port). */
  readonly port?: number;
  /** Bind address; default 127.0.0.1. */
  readonly host?: string;
  /** Master seed; default 42. */
  readonly seed?: number;
  /** Simulated seconds per wall second, or 'manual'; default 'manual' (the CLI passes 1). */
  readonly speed?: SpeedOption;
  /** Web server password for user admin; default none, like the device out of the box. */
  readonly password?: string;
  /** Homevolt units; default 1. */
  readonly units?: number;
  /** Firmware profile; default '2512'. */
  readonly firmware?: FirmwareName;
  /**
   * Simulated start: 'now' or ISO 8601 (a date is local midnight). Default: the host's now for a numeric speed,
   * 2026-06-01T00:00Z (DEFAULT_START_MS) for a manual clock, so that tests get the same day every run.
   */
  readonly start?: StartOption;
  /** Simulated start [epoch ms] (instead of `start`). */
  readonly startMs?: number;
  /** SOC at the start [fraction]; default 0.5. */
  readonly initialSoc?: number;
  /** Schedule types the firmware keeps; default the profile's list. */
  readonly scheduleTypes?: readonly ScheduleType[];
  /** SPIFFS quota [bytes]; default 1 MiB. */
  readonly spiffsQuotaBytes?: number;
  /** Boot time at start [s]; default 0. */
  readonly bootS?: number;
  /** Boot time after a reboot [s]; default 20. */
  readonly rebootS?: number;
  /** OTA install window [s]; default 30. */
  readonly otaInstallS?: number;
  /** Fastify request logging; default false. true: logLevel 'info'. */
  readonly logger?: boolean;
  /** Receive timeout of the HTTP server while a request is read [ms]; default ESP-IDF's 5000 (docs/http-errors.md). */
  readonly recvTimeoutMs?: number;
  /** false: no /_sim/ control plane at all (--no-control). */
  readonly control?: boolean;
  /** Required to serve /_sim/ on a non-loopback address (--control-token). */
  readonly controlToken?: string;
  /**
   * Serve HTTPS with a self-signed certificate made at start, like the device's HTTPS option (--https);
   * default false. Clients connect without verifying it. See docs/discovery-and-https.md.
   */
  readonly https?: boolean;
  /** Advertise over mDNS as `Homevolt` on host `homevolt-<ecu_id>` (--mdns); default false. */
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

const KEYS = ['port', 'host', 'seed', 'speed', 'password', 'units', 'firmware', 'start', 'startMs', 'initialSoc', 'scheduleTypes', 'spiffsQuotaBytes', 'bootS', 'rebootS', 'otaInstallS', 'logger', 'control', 'controlToken', 'https', 'mdns', 'logLevel', 'logFormat', 'logDestination', 'logEntries', 'recvTimeoutMs'];

function badOption(why: string): never {
  throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to start the Homevolt emulator: ${why}.`);
}

export async function startHomevolt(options: HomevoltStartOptions = {}): Promise<RunningEmulator<HomevoltDevice>> {
  for (const key of Object.keys(options)) if (!KEYS.includes(key)) badOption(`unknown option "${key}". Known options: ${KEYS.join(', ')}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) badOption(`port must be an integer 0–65535, got ${String(port)}`);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') badOption('host must be a non-empty string');
  const seed = options.seed ?? 42;
  if (!Number.isInteger(seed)) badOption(`seed must be an integer, got ${String(seed)}`);
  const password = options.password ?? null;
  if (password !== null && (typeof password !== 'string' || password === '')) badOption('password must be a non-empty string (leave it out for no authentication)');
  const firmware = options.firmware ?? '2512';
  if (!FIRMWARE_NAMES.includes(firmware)) badOption(`firmware must be one of ${FIRMWARE_NAMES.join(', ')}, got ${String(firmware)}`);
  const speed = options.speed ?? 'manual';
  if (speed !== 'manual' && !isSpeed(speed)) badOption(`speed must be ${SPEED_RANGE} or 'manual', got ${String(speed)}`);
  if (options.startMs !== undefined && options.start !== undefined) badOption('start cannot be combined with startMs: give one');
  const startMs = options.startMs ?? resolveStartMs(options.start, speed);
  if (typeof startMs !== 'number') badOption(`start ${startMs.error}`);
  for (const flag of ['https', 'mdns'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') badOption(`${flag} must be a boolean, got ${String(options[flag])}`);
  }
  checkLogOptions('Homevolt emulator', options.logLevel, options.logFormat);
  checkLogEntries('Homevolt emulator', options.logEntries);

  const deviceOptions: HomevoltDeviceOptions = {
    seed,
    startMs,
    firmware,
    ...(options.units !== undefined ? { units: options.units } : {}),
    ...(options.initialSoc !== undefined ? { initialSoc: options.initialSoc } : {}),
    ...(options.scheduleTypes !== undefined ? { scheduleTypes: options.scheduleTypes } : {}),
    ...(options.spiffsQuotaBytes !== undefined ? { spiffsQuotaBytes: options.spiffsQuotaBytes } : {}),
    ...(options.bootS !== undefined ? { bootS: options.bootS } : {}),
    ...(options.rebootS !== undefined ? { rebootS: options.rebootS } : {}),
    ...(options.otaInstallS !== undefined ? { otaInstallS: options.otaInstallS } : {}),
  };
  try {
    createHomevoltDevice(deviceOptions);
  } catch (e) {
    if (e instanceof HomevoltError) badOption(e.message);
    throw e;
  }
  const sim = createSimulationHost({
    createDevice: () => createHomevoltDevice(deviceOptions),
    speed,
    host,
    ...(options.control !== undefined ? { control: options.control } : {}),
    ...(options.controlToken !== undefined ? { controlToken: options.controlToken } : {}),
    ...(options.logEntries !== undefined ? { logEntries: options.logEntries } : {}),
  });
  const { runner, control, access } = sim;
  const first = runner.device as HomevoltDevice;
  const tls: TlsMaterial | undefined = options.https === true ? await createSelfSignedCertificate(first.identity.hostname, host) : undefined;
  const logger = loggerOf({ ...options, ...(options.logger === true && options.logLevel === undefined ? { logLevel: 'info' as const } : {}) });
  const app = await buildHomevoltApp({ runner, password, logger, simulation: { control, access, sleep }, ...(tls ? { https: tls } : {}), ...(options.recvTimeoutMs !== undefined ? { recvTimeoutMs: positiveMs(options.recvTimeoutMs) } : {}) });
  const instanceName = String(first.params.get('ecu_mdns_instance_name')[0] ?? '');
  const advertise = (boundPort: number) => homevoltAdvertisement(first.identity.units[0]!.ecuId, boundPort, instanceName);
  return serveEmulator<HomevoltDevice>(listenOwnServer(app), sim, { port, host, credentials: password === null ? null : { user: HOMEVOLT_USER, password }, startMs, seed, ...(tls ? { scheme: 'https' as const } : {}), ...(options.mdns === true ? { advertise } : {}) });
}

/** A printable line for the CLI: where the emulator listens and how to log in. */
export function describeHomevolt(emulator: RunningEmulator<HomevoltDevice>): string {
  const auth = emulator.credentials ? `user ${emulator.credentials.user}, password ${emulator.credentials.password}` : 'no password (as the device ships)';
  const lines = [
    `Homevolt (firmware ${emulator.device.firmware.name}, ${emulator.device.units} unit${emulator.device.units === 1 ? '' : 's'}, seed ${emulator.seed}, clock ${emulator.clock.mode} from ${new Date(emulator.startMs).toISOString()}) at ${emulator.url}`,
    `  credentials: ${auth}`,
  ];
  if (emulator.url.startsWith('https:')) lines.push('  HTTPS: self-signed certificate made at start; clients connect without verifying it (verify_ssl off)');
  if (emulator.mdns) lines.push(`  mDNS: ${emulator.mdns.fqdn} on host ${emulator.mdns.hostname}`);
  return lines.join('\n');
}

function positiveMs(value: number): number {
  if (!(Number.isInteger(value) && value > 0)) throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to start the Homevolt emulator: option "recvTimeoutMs" must be a whole number of ms > 0, got ${String(value)}.`);
  return value;
}
