
import { createSessyDevice, FIRMWARE_PROFILES, type FirmwareVersion, type SessyDevice } from '../devices/sessy/index.ts';
import type { FirmwareBinding } from '../http/sessy/firmware-app.ts';
import { createBasicAuthCheck } from '../http/shared/credentials.ts';
import { listenAsDevice } from '../http/shared/device-server.ts';
import { sessyAppFor } from './device-apps.ts';
import type { Credentials, RunningEmulator } from './emulator.ts';
import { loggerOf } from './logging.ts';
import { badOptionOf, checkSessyFamilyOptions, type CheckedSessyFamilyOptions, type SessyFamilyOptions } from './sessy-options.ts';
import { createSimulationHost } from './simulation-host.ts';
import { sessyAdvertisement } from '../devices/sessy/discovery.ts';
import { serveEmulator, type Listen } from './serve-emulator.ts';

/** The options of startSessy: those it shares with the meter (sessy-options.ts) and the dongle's own. */
export interface SessyStartOptions extends SessyFamilyOptions {
  /** The dongle serial, which is the Basic-auth user (as on the sticker) and `system/info.self_serial`; default from the seed. */
  readonly user?: string;
  /** Firmware profile; default 1.11.11. */
  readonly firmware?: FirmwareVersion;
  /**
   * Advertise over mDNS as `sessy-XXXX` on `_http._tcp` with TXT `serial` and `device` (--mdns); default false.
   * The serial is the Basic-auth user. See docs/discovery-and-https.md.
   */
  readonly mdns?: boolean;
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
  const binding: FirmwareBinding = { runner, control, access, authorized: createBasicAuthCheck(credentials) };
  const shared = await sessyAppFor(first.profile.version, { controlPlane: access.enabled, inSite: false }, loggerOf(options));
  const listen: Listen = (port, host) => listenAsDevice(shared, binding, { port, host, ...(options.recvTimeoutMs !== undefined ? { recvTimeoutMs: options.recvTimeoutMs } : {}) });
  // mDNS: on a real dongle the Basic-auth user is the sticker serial; without credentials the identity's serial.
  return serveEmulator<SessyDevice>(listen, sim, { port: o.port, host: o.host, credentials, startMs: o.startMs, seed: first.site.streams.seed, ...(o.mdns ? { advertise: (port: number) => sessyAdvertisement(credentials?.user ?? first.identity.dongleSerial, port) } : {}) });
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
