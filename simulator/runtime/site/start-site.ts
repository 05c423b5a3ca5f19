/**
 * Starts a site: one household (load, PV, grid) with a Sessy meter, Sessy dongles and Homevolt units on the same
 * grid, each device on its own port, all on one simulated clock (docs/sessy.md §6). Dongles in NOM post to the
 * meter over HTTP once per simulated second and follow its answer; a Homevolt sees the same grid through its CTs.
 * With a manual clock `advance()` steps from post to post and awaits every post, in the site's order, so that a
 * run is the same every time.
 */
import { normaliseSeed, type SharedGrid } from '../../core/index.ts';
import type { SessyMeterDevice } from '../../devices/sessy-meter/index.ts';
import { NOM_POST_PERIOD_S, type SessyDevice } from '../../devices/sessy/index.ts';
import type { SpeedOption } from '../emulator.ts';
import { RuntimeError } from '../errors.ts';
import { createManualSimClock, createScaledClock, type SimClock } from '../../engine/sim-clock.ts';
import { resolveStartMs } from '../start-time.ts';
import { loggerOf, type LogDestination, type LogFormat, type LogLevel } from '../logging.ts';
import { sleep } from '../sleep.ts';
import { registerSiteRoutes } from '../../http/control/site-routes.ts';
import { createBasicAuthCheck } from '../../http/shared/credentials.ts';
import { listenAsDevice } from '../../http/shared/device-server.ts';
import { sessyAppFor, sessyMeterAppFor } from '../device-apps.ts';
import { listenOwnServer } from '../serve-emulator.ts';
import { createNomExchange, type NomExchange } from './nom-exchange.ts';
import { buildSiteModels } from './site-models.ts';
import { hostSiteDevice, type HostDeviceOptions, type SiteDevice } from './site-host.ts';
import { parseSiteSpec, type SiteSpec } from './site-spec.ts';
import { siteState } from './site-state.ts';

export interface SiteStartOptions {
  /** Overrides the file's speed; default the file's, else 'manual'. */
  readonly speed?: SpeedOption;
  /** Overrides the file's start ('now' or ISO 8601). */
  readonly start?: string;
  /** Overrides the file's bind address (a container listens on 0.0.0.0). */
  readonly host?: string;
  /** false: no /_sim/ on any device. */
  readonly control?: boolean;
  /** Required to serve /_sim/ on a non-loopback address. */
  readonly controlToken?: string;
  readonly logLevel?: LogLevel;
  readonly logFormat?: LogFormat;
  readonly logDestination?: LogDestination;
  readonly logEntries?: number;
}

export interface RunningSite {
  readonly clock: SimClock;
  /** The shared grid now (a reset of the site builds a fresh one). */
  readonly grid: SharedGrid;
  readonly startMs: number;
  readonly seed: number;
  /** The meter, or null for a site without one. */
  readonly meter: SiteDevice | null;
  /** Every device: the meter first, then the Sessys, then the Homevolts, in the file's order. */
  readonly devices: readonly SiteDevice[];
  /** The device of that name; throws for an unknown one. */
  device(name: string): SiteDevice;
  /** Manual clock: advances the whole site by `seconds`, the dongles posting to the meter at every period on the way. */
  advance(seconds: number): Promise<void>;
  /** Back to the seeded start: fresh models, every device's clock, faults and log as at start (as POST /_sim/reset on any device). */
  reset(): void;
  /** One round of posts now (what advance does at every period). */
  exchange(): Promise<void>;
  /** The site's state: the grid beside every device's power, SOC and faults (as GET /_sim/site). */
  state(): Record<string, unknown>;
  close(): Promise<void>;
}

/** Shortest wall interval between two rounds of posts on a scaled clock [ms]: at high speeds dongles post less often than once per simulated second. */
const MIN_ROUND_WALL_MS = 20;
/**
 * Wall interval of the site's ticker on a scaled clock [ms]. Requests sync their own device and every round of posts
 * syncs the dongles (so the grid), so the ticker only bounds the catch-up of devices nobody asks: once a second, not a
 * single runner's 5 Hz, which in a process of 250 homes was 5000 syncs a second (bench/site-scale.ts).
 */
const TICK_MS = 1000;

export async function startSite(input: SiteSpec | unknown, options: SiteStartOptions = {}): Promise<RunningSite> {
  const spec = parseSiteSpec(input);
  const speed = options.speed ?? spec.speed ?? 'manual';
  const startMs = resolveStartMs(options.start ?? spec.start, speed);
  if (typeof startMs !== 'number') throw new RuntimeError('RUNTIME_ERR_BAD_SITE', `Failed to read the site: start ${startMs.error}.`);
  const seed = normaliseSeed(spec.seed);
  let models = buildSiteModels(spec, seed, startMs);
  const clock = speed === 'manual' ? createManualSimClock(startMs) : createScaledClock({ startMs, speed });
  const logger = loggerOf(options);
  const common = { clock, host: options.host ?? spec.host, startMs, ...(options.control !== undefined ? { control: options.control } : {}), ...(options.controlToken !== undefined ? { controlToken: options.controlToken } : {}), ...(options.logEntries !== undefined ? { logEntries: options.logEntries } : {}) };

  const devices: SiteDevice[] = [];
  let exchange: NomExchange | null = null;
  let nextRoundMs = startMs + NOM_POST_PERIOD_S * 1000;
  let closed = false;
  const syncAll = (): void => {
    for (const d of devices) d.runner.sync();
  };
  const advance = async (seconds: number): Promise<void> => {
    if (!(typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0)) throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to advance the site: seconds must be a number ≥ 0, got ${String(seconds)}.`);
    if (clock.mode !== 'manual') throw new RuntimeError('RUNTIME_ERR_CLOCK_MODE', 'Failed to advance the site: its clock runs on wall time. Start it with speed "manual" to step time by hand.');
    const endMs = clock.now() + seconds * 1000;
    while (nextRoundMs <= endMs) {
      clock.advance(nextRoundMs - clock.now());
      syncAll();
      await exchange?.round('sequential');
      nextRoundMs += NOM_POST_PERIOD_S * 1000;
    }
    clock.advance(Math.max(0, endMs - clock.now()));
    syncAll();
  };
  const state = (): Record<string, unknown> => {
    syncAll();
    return siteState({ clock, grid: models.grid, devices, exchange });
  };
  /** Back to the seeded start: fresh models from the same seeds, every device's clock, faults and log as at start. */
  const reset = (): void => {
    models = buildSiteModels(spec, seed, startMs);
    for (const d of devices) d.resetOwn();
    nextRoundMs = startMs + NOM_POST_PERIOD_S * 1000;
  };
  const siteSide = {
    state,
    advance: async (seconds: number) => {
      await advance(seconds);
      return state();
    },
    reset,
    control: (name: string) => devices.find((d) => d.name === name)?.control,
  };
  const host = async (name: string, o: Omit<HostDeviceOptions, keyof typeof common | 'site' | 'name' | 'createDevice'>): Promise<SiteDevice> => {
    const d = await hostSiteDevice({ ...common, ...o, name, createDevice: () => models.devices.get(name)!, site: siteSide });
    devices.push(d);
    return d;
  };

  try {
    let meter: SiteDevice | null = null;
    const m = spec.meter;
    if (m) {
      const first = models.devices.get(m.name) as SessyMeterDevice;
      const credentials = m.noAuth ? null : { user: first.identity.serial, password: m.password ?? first.identity.password };
      const authorized = createBasicAuthCheck(credentials);
      meter = await host(m.name, {
        kind: 'sessy-meter',
        port: m.port,
        credentials,
        serve: async ({ port, host, ...p }) => listenAsDevice(await sessyMeterAppFor(first.variant, { controlPlane: p.access.enabled, inSite: true }, logger), { ...p, authorized }, { port, host }),
      });
    }
    const dongles: SiteDevice[] = [];
    for (const s of spec.sessys) {
      const first = models.devices.get(s.name) as SessyDevice;
      const credentials = s.noAuth ? null : { user: first.identity.dongleSerial, password: s.password ?? first.identity.password };
      const authorized = createBasicAuthCheck(credentials);
      dongles.push(
        await host(s.name, {
          kind: 'sessy',
          port: s.port,
          credentials,
          serve: async ({ port, host, ...p }) => listenAsDevice(await sessyAppFor(first.profile.version, { controlPlane: p.access.enabled, inSite: true }, logger), { ...p, authorized }, { port, host }),
        }),
      );
    }
    for (const h of spec.homevolts) {
      const credentials = h.password === null ? null : { user: 'admin', password: h.password };
      const { buildHomevoltApp } = await import('../../http/homevolt/index.ts');
      await host(h.name, {
        kind: 'homevolt',
        port: h.port,
        credentials,
        serve: async ({ port, host, site, ...p }) => {
          const app = await buildHomevoltApp({ runner: p.runner, password: h.password, logger, simulation: { control: p.control, access: p.access, sleep } });
          if (p.access.enabled) registerSiteRoutes(app, () => site);
          return listenOwnServer(app)(port, host);
        },
      });
    }
    if (meter) exchange = createNomExchange({ meterUrl: meter.url, meterControl: meter.control, dongles });
  } catch (e) {
    await Promise.all(devices.map((d) => d.close()));
    throw e;
  }

  // A scaled clock: one ticker brings every device along, and the dongles post once per simulated second.
  let ticker: NodeJS.Timeout | undefined;
  let roundTimer: NodeJS.Timeout | undefined;
  if (clock.mode === 'scaled') {
    ticker = setInterval(syncAll, TICK_MS);
    ticker.unref();
    const scheduleRound = (): void => {
      if (closed || !exchange) return;
      roundTimer = setTimeout(() => {
        const run = clock.paused ? Promise.resolve() : exchange!.round('concurrent');
        void run.catch(() => undefined).finally(scheduleRound);
      }, Math.max(MIN_ROUND_WALL_MS, (NOM_POST_PERIOD_S * 1000) / clock.speed));
      roundTimer.unref();
    };
    scheduleRound();
  }

  const byName = new Map(devices.map((d) => [d.name, d]));
  return {
    clock,
    get grid() {
      return models.grid;
    },
    startMs,
    seed,
    meter: devices.find((d) => d.kind === 'sessy-meter') ?? null,
    devices,
    device(name) {
      const d = byName.get(name);
      if (!d) throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to find device "${name}" in the site: it has ${devices.map((x) => x.name).join(', ')}.`);
      return d;
    },
    advance,
    reset,
    exchange: async () => {
      syncAll();
      await exchange?.round('sequential');
    },
    state,
    async close() {
      closed = true;
      if (ticker) clearInterval(ticker);
      if (roundTimer) clearTimeout(roundTimer);
      await exchange?.close();
      await Promise.all(devices.map((d) => d.close()));
    },
  };
}
