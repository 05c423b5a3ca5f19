/**
 * Starts the Sessy P1/CT meter emulator: options checked strictly and frozen, the model, its clock and runner, the
 * Fastify app, and listen(). The CLI, a site and other projects' tests all come through here.
 */
import type { SiteOptions } from '../core/index.ts';
import { createSessyMeterDevice, meterAdvertisement, type GridSource, type MeterVariant, type SessyMeterDevice } from '../devices/sessy-meter/index.ts';
import type { FirmwareBinding } from '../http/sessy/firmware-app.ts';
import { createBasicAuthCheck } from '../http/shared/credentials.ts';
import { listenAsDevice } from '../http/shared/device-server.ts';
import { sessyMeterAppFor } from './device-apps.ts';
import type { Credentials, RunningEmulator } from './emulator.ts';
import { loggerOf } from './logging.ts';
import { badOptionOf, checkSessyFamilyOptions, type CheckedSessyFamilyOptions, type SessyFamilyOptions } from './sessy-options.ts';
import { serveEmulator, type Listen } from './serve-emulator.ts';
import { createSimulationHost } from './simulation-host.ts';

/** The options of startSessyMeter: those it shares with the dongle (sessy-options.ts) and the meter's own. */
export interface SessyMeterStartOptions extends SessyFamilyOptions {
  /** 'p1' (default) or 'ct'. */
  readonly variant?: MeterVariant;
  /** The meter serial (P… / C…), the Basic-auth user; default from the seed. */
  readonly user?: string;
  /** The meter's own household (standalone): household, PV … (core SiteOptions without seed and startMs). */
  readonly site?: Omit<SiteOptions, 'seed' | 'startMs'>;
  /** The grid of a site of several devices; without it the meter reads its own household. */
  readonly gridSource?: GridSource;
  /** How long a silent dongle is kept [s]; default 30 (an assumption: docs/sessy.md §6). */
  readonly forgetAfterS?: number;
  /** Demand per recruited battery [W]; default 1200. */
  readonly optimalPowerW?: number;
  /** `grid_target` at start [W]; default 0. */
  readonly gridTargetW?: number;
  /** Advertise over mDNS as `sessy-meter` on `_http._tcp` (--mdns); default false. */
  readonly mdns?: boolean;
}

const KEYS = ['variant', 'port', 'host', 'seed', 'speed', 'user', 'password', 'noAuth', 'start', 'startMs', 'site', 'gridSource', 'forgetAfterS', 'optimalPowerW', 'gridTargetW', 'recvTimeoutMs', 'control', 'controlToken', 'mdns', 'logLevel', 'logFormat', 'logDestination', 'logEntries'];

export async function startSessyMeter(options: SessyMeterStartOptions = {}): Promise<RunningEmulator<SessyMeterDevice>> {
  const o = checkOptions(options);
  const createDevice = (): SessyMeterDevice =>
    createSessyMeterDevice({
      variant: o.variant,
      site: { ...o.site, seed: o.seed, startMs: o.startMs },
      ...(options.gridSource !== undefined ? { gridSource: options.gridSource } : {}),
      ...(o.user !== undefined ? { serial: o.user } : {}),
      ...(options.forgetAfterS !== undefined ? { forgetAfterS: options.forgetAfterS } : {}),
      ...(options.optimalPowerW !== undefined ? { optimalPowerW: options.optimalPowerW } : {}),
      ...(options.gridTargetW !== undefined ? { gridTargetW: options.gridTargetW } : {}),
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
  const first = runner.device as SessyMeterDevice;
  const credentials: Credentials | null = o.noAuth ? null : { user: first.identity.serial, password: o.password ?? first.identity.password };
  const binding: FirmwareBinding = { runner, control, access, authorized: createBasicAuthCheck(credentials) };
  const shared = await sessyMeterAppFor(first.variant, { controlPlane: access.enabled, inSite: false }, loggerOf(options));
  const listen: Listen = (port, host) => listenAsDevice(shared, binding, { port, host, ...(options.recvTimeoutMs !== undefined ? { recvTimeoutMs: options.recvTimeoutMs } : {}) });
  return serveEmulator<SessyMeterDevice>(listen, sim, { port: o.port, host: o.host, credentials, startMs: o.startMs, seed: first.site.streams.seed, ...(o.mdns ? { advertise: (port: number) => meterAdvertisement(o.variant, first.identity.serial, port) } : {}) });
}

/** One line each for URL and credentials, for the CLI to print. */
export function describeSessyMeter(emulator: RunningEmulator<SessyMeterDevice>): string {
  const auth = emulator.credentials ? `user ${emulator.credentials.user}, password ${emulator.credentials.password}` : 'no authentication';
  const d = emulator.device;
  const text = `Sessy ${d.variant === 'ct' ? 'CT' : 'P1'} meter (firmware ${d.firmware}, seed ${emulator.seed}, clock ${emulator.clock.mode} from ${new Date(emulator.startMs).toISOString()}) at ${emulator.url}\n  credentials: ${auth}`;
  return emulator.mdns ? `${text}\n  mDNS: ${emulator.mdns.fqdn} on host ${emulator.mdns.hostname}` : text;
}

interface CheckedOptions extends CheckedSessyFamilyOptions {
  readonly variant: MeterVariant;
}

function checkOptions(options: SessyMeterStartOptions): CheckedOptions {
  const bad = badOptionOf('Sessy meter emulator');
  if (typeof options === 'object' && options !== null) {
    const variant = options.variant ?? 'p1';
    if (variant !== 'p1' && variant !== 'ct') bad('variant', `must be "p1" or "ct", got ${String(variant)}`);
    if (options.gridSource !== undefined && typeof options.gridSource?.readGrid !== 'function') bad('gridSource', 'must be an object with readGrid(tMs)');
  }
  return Object.freeze({ ...checkSessyFamilyOptions('Sessy meter emulator', options, KEYS), variant: options.variant ?? 'p1' });
}
