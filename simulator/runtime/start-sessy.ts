/**
 * Starts the Sessy emulator: options checked strictly and frozen, the model, its clock and runner, the Fastify
 * app, and listen(). The CLI and other projects' tests both come through here.
 */
import type { SiteOptions } from '../core/index.ts';
import { createSessyDevice, FIRMWARE_PROFILES, type FirmwareVersion, type SessyDevice } from '../devices/sessy/index.ts';
import { buildSessyApp } from '../http/sessy/index.ts';
import { normaliseSeed } from '../core/index.ts';
import type { Credentials, RunningEmulator, SpeedOption } from './emulator.ts';
import { RuntimeError } from './errors.ts';
import { createSimulationHost } from './simulation-host.ts';
import { sleep } from './sleep.ts';

export interface SessyStartOptions {
  /** TCP port; default 0 (any free port). */
  readonly port?: number;
  /** Bind address; default 127.0.0.1. */
  readonly host?: string;
  /** Master seed, a number or a word; default 42. */
  readonly seed?: number | string;
  /** Simulated seconds per wall second, or 'manual'; default 'manual'. */
  readonly speed?: SpeedOption;
  /** Basic-auth user; default the dongle serial derived from the seed. */
  readonly user?: string;
  /** Basic-auth password; default the sticker code derived from the seed. */
  readonly password?: string;
  /** No stored credentials: nothing is protected. */
  readonly noAuth?: boolean;
  /** Firmware profile; default 1.11.11. */
  readonly firmware?: FirmwareVersion;
  /** Simulated start, epoch ms; default the core's (2026-06-01T00:00Z). */
  readonly startMs?: number;
  /** Physics overrides (battery, household, PV, frequency, initial SOC …); seed and startMs come from above. */
  readonly site?: Omit<SiteOptions, 'seed' | 'startMs'>;
  /** Time without client contact after which the API setpoint falls to 0 [s]; default 300. */
  readonly noContactTimeoutS?: number;
  /** Receive timeout of the HTTP server while a request is read [ms]; default ESP-IDF's 5000 (docs/http-errors.md). */
  readonly recvTimeoutMs?: number;
  /** false: no /_sim/ control plane at all (--no-control). */
  readonly control?: boolean;
  /** Required to serve /_sim/ on a non-loopback address (--control-token); at least 8 characters. */
  readonly controlToken?: string;
}

const KEYS = ['port', 'host', 'seed', 'speed', 'user', 'password', 'noAuth', 'firmware', 'startMs', 'site', 'noContactTimeoutS', 'control', 'controlToken', 'recvTimeoutMs'];

export async function startSessy(options: SessyStartOptions = {}): Promise<RunningEmulator<SessyDevice>> {
  const o = checkOptions(options);
  const createDevice = (): SessyDevice =>
    createSessyDevice({
      site: { ...o.site, seed: o.seed, ...(o.startMs !== undefined ? { startMs: o.startMs } : {}) },
      firmware: o.firmware,
      ...(o.noContactTimeoutS !== undefined ? { noContactTimeoutS: o.noContactTimeoutS } : {}),
    });
  const { clock, runner, control, access } = createSimulationHost({
    createDevice,
    speed: o.speed,
    host: o.host,
    ...(options.control !== undefined ? { control: options.control } : {}),
    ...(options.controlToken !== undefined ? { controlToken: options.controlToken } : {}),
  });
  const first = runner.device as SessyDevice;
  const credentials: Credentials | null = o.noAuth ? null : { user: o.user ?? first.identity.dongleSerial, password: o.password ?? first.identity.password };
  const app = await buildSessyApp({ runner, credentials, control, access, sleep, ...(options.recvTimeoutMs !== undefined ? { recvTimeoutMs: positiveMs(options.recvTimeoutMs) } : {}) });
  await app.listen({ port: o.port, host: o.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  runner.start();
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}`,
    credentials,
    clock,
    get device() {
      return runner.device as SessyDevice;
    },
    runner,
    control,
    controlPlane: !access.enabled ? 'off' : access.token === null ? 'open' : 'token',
    seed: first.site.streams.seed,
    async close() {
      runner.stop();
      await app.close();
    },
  };
}

/** One line each for URL and credentials, for the CLI to print. */
export function describeSessy(emulator: RunningEmulator<SessyDevice>): string {
  const auth = emulator.credentials ? `user ${emulator.credentials.user}, password ${emulator.credentials.password}` : 'no authentication';
  const device = emulator.device;
  return `Sessy (firmware ${device.profile.version}, seed ${emulator.seed}, clock ${emulator.clock.mode}) at ${emulator.url}\n  credentials: ${auth}`;
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
  readonly startMs: number | undefined;
  readonly site: Omit<SiteOptions, 'seed' | 'startMs'>;
  readonly noContactTimeoutS: number | undefined;
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
  const speed = options.speed ?? 'manual';
  if (speed !== 'manual' && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) bad('speed', `must be a number > 0 or "manual", got ${String(speed)}`);
  const firmware = options.firmware ?? '1.11.11';
  if (!(firmware in FIRMWARE_PROFILES)) bad('firmware', `must be one of ${Object.keys(FIRMWARE_PROFILES).join(', ')}, got ${String(firmware)}`);
  const noAuth = options.noAuth ?? false;
  if (typeof noAuth !== 'boolean') bad('noAuth', 'must be a boolean');
  for (const name of ['user', 'password'] as const) {
    const v = options[name];
    if (v !== undefined && (typeof v !== 'string' || v === '' || v.includes(':') && name === 'user')) bad(name, 'must be a non-empty string (a user without ":")');
    if (v !== undefined && noAuth) bad(name, 'cannot be combined with noAuth');
  }
  if (options.startMs !== undefined && !Number.isFinite(options.startMs)) bad('startMs', 'must be a finite epoch time in ms');
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
    startMs: options.startMs,
    site: options.site ?? {},
    noContactTimeoutS: options.noContactTimeoutS,
  });
}

function positiveMs(value: number): number {
  if (!(Number.isInteger(value) && value > 0)) throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to start the Sessy emulator: option "recvTimeoutMs" must be a whole number of ms > 0, got ${String(value)}.`);
  return value;
}
