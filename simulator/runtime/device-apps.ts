/**
 * The apps that serve this process's Sessy dongles and meters: one per kind of device (firmware or variant, control
 * plane on or off, alone or in a site) and logger, built on first use and kept for the process's life. Each device
 * listens on a server of its own in front of its kind's app (http/shared/device-server.ts): a thousand devices pay
 * Fastify's floor once, not a thousand times (bench/emulator-memory.ts, bench/site-scale.ts).
 */
import type { FastifyServerOptions } from 'fastify';
import type { FirmwareVersion } from '../devices/sessy/index.ts';
import type { MeterVariant } from '../devices/sessy-meter/index.ts';
import type { FirmwareBinding } from '../http/sessy/firmware-app.ts';
import type { DeviceApp } from '../http/shared/device-server.ts';
import { sleep } from './sleep.ts';

type Logger = FastifyServerOptions['logger'];
type FirmwareApp = DeviceApp<FirmwareBinding>;

/** What the devices an app serves share besides the logger. */
interface Kind {
  readonly controlPlane: boolean;
  readonly inSite: boolean;
}

/**
 * The apps of one logger, by kind; the apps of a logger nobody holds any more go with it. Module state, as the
 * process's other shared caches (README, "What one emulator holds"): an app is a function of its key, and what it
 * keeps of a device (its control plane, its printed answers) is keyed by that device, so no test sees another's.
 */
const unconfigured = new Map<string, Promise<FirmwareApp>>();
const byLogger = new WeakMap<object, Map<string, Promise<FirmwareApp>>>();

/** The apps of a logger given as a configuration object, or of false/true/undefined (the key then says which). */
function appsOf(logger: Logger): Map<string, Promise<FirmwareApp>> {
  if (typeof logger !== 'object' || logger === null) return unconfigured;
  let apps = byLogger.get(logger);
  if (apps === undefined) byLogger.set(logger, (apps = new Map()));
  return apps;
}

/** The app of a key, built by `create` and made ready to route requests the first time the key is asked for. */
function appFor(kindKey: string, logger: Logger, create: () => Promise<FirmwareApp>): Promise<FirmwareApp> {
  const apps = appsOf(logger);
  const key = typeof logger === 'object' && logger !== null ? kindKey : `${kindKey} logger ${String(logger)}`;
  let app = apps.get(key);
  if (app === undefined) {
    app = create().then(async (shared) => {
      await shared.app.ready();
      return shared;
    });
    apps.set(key, app);
    // A failed build is not kept: the next device tries again.
    app.catch(() => apps.delete(key));
  }
  return app;
}

/** The app serving dongles of this firmware and kind, ready to route requests. */
export function sessyAppFor(firmware: FirmwareVersion, kind: Kind, logger: Logger = false): Promise<FirmwareApp> {
  return appFor(`sessy ${firmware} ${kind.controlPlane} ${kind.inSite}`, logger, async () => {
    // Loaded when a dongle first starts: a process of Homevolts alone never reads the Sessy code (cold start).
    const { createSessyApp } = await import('../http/sessy/app.ts');
    return createSessyApp({ firmware, ...kind, sleep, logger });
  });
}

/** The app serving meters of this variant and kind, ready to route requests. */
export function sessyMeterAppFor(variant: MeterVariant, kind: Kind, logger: Logger = false): Promise<FirmwareApp> {
  return appFor(`meter ${variant} ${kind.controlPlane} ${kind.inSite}`, logger, async () => {
    const { createSessyMeterApp } = await import('../http/sessy-meter/app.ts');
    return createSessyMeterApp({ variant, ...kind, sleep, logger });
  });
}
