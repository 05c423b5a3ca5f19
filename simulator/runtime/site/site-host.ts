/**
 * One device of a site on its own port (a real device has its own address): its runner on the site's clock, its
 * simulation control, its vendor app with `/_sim/` and `/_sim/site`, and listen(). A reset of one device alone would
 * put its battery back in time on a grid that has moved on, so a reset from any device resets the whole site.
 */
import { resolveControlAccess, type ControlAccess } from '../../control/control-access.ts';
import { SimControlError, createSimControl, type ClockView, type SimControl } from '../../control/sim-control.ts';
import type { SimulatedDevice } from '../../devices/simulated-device.ts';
import type { SiteRoutesOptions } from '../../http/control/site-routes.ts';
import type { ListeningServer } from '../../http/shared/device-server.ts';
import { createDeviceRunner, type DeviceRunner } from '../../engine/device-runner.ts';
import type { Credentials } from '../emulator.ts';
import type { SimClock } from '../../engine/sim-clock.ts';

export type SiteDeviceKind = 'sessy-meter' | 'sessy' | 'homevolt';

/** A running device of a site. */
export interface SiteDevice {
  readonly name: string;
  readonly kind: SiteDeviceKind;
  /** Base URL, e.g. http://127.0.0.1:8080 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** What a client must send; null when authentication is off. */
  readonly credentials: Credentials | null;
  readonly runner: DeviceRunner;
  /** This device's simulation control: its state, SOC and faults; `advance` moves the whole site. */
  readonly control: SimControl;
  readonly device: SimulatedDevice;
  /** Puts this device back to its start with the model `createDevice` gives now (the site's reset, device by device). */
  resetOwn(): void;
  close(): Promise<void>;
}

export interface HostDeviceOptions {
  readonly name: string;
  readonly kind: SiteDeviceKind;
  /** The device's model now: the first one at start, a fresh one after a reset of the site. */
  readonly createDevice: () => SimulatedDevice;
  readonly clock: SimClock;
  readonly host: string;
  readonly port: number;
  readonly startMs: number;
  readonly credentials: Credentials | null;
  readonly control?: boolean;
  readonly controlToken?: string;
  readonly logEntries?: number;
  /** Serves the device's vendor API with `/_sim/` and `/_sim/site` around the runner and control, listening on host:port. */
  readonly serve: (parts: { readonly runner: DeviceRunner; readonly control: SimControl; readonly access: ControlAccess; readonly site: SiteRoutesOptions; readonly port: number; readonly host: string }) => Promise<ListeningServer>;
  /** The site's side: its state, and its advance with the exchanges between devices. */
  readonly site: {
    readonly state: () => Record<string, unknown>;
    readonly advance: (seconds: number) => Promise<Record<string, unknown>>;
    readonly reset: () => void;
    /** The control of the site's device of that name (for /_sim/site/devices/{name}/faults). */
    readonly control: (name: string) => SimControl | undefined;
  };
}

export async function hostSiteDevice(o: HostDeviceOptions): Promise<SiteDevice> {
  const access = resolveControlAccess(o.host, { ...(o.control === undefined ? {} : { control: o.control }), ...(o.controlToken === undefined ? {} : { controlToken: o.controlToken }) });
  const runner = createDeviceRunner(o.createDevice(), o.clock);
  const own = createSimControl({ runner, startMs: o.startMs, createDevice: o.createDevice, ...(o.logEntries !== undefined ? { logEntries: o.logEntries } : {}) });
  const clockView = (): ClockView => own.clock();
  // The device's control with the site's clock: an advance moves every device, with the dongles' posts on the way.
  // Its state says it is part of a site (the dashboard then shows the site), and under which name.
  const control: SimControl = Object.assign(Object.create(own) as SimControl, {
    state(): Record<string, unknown> {
      return { ...own.state(), site: { name: o.name } };
    },
    advance(): ClockView {
      throw new SimControlError('SIM_ERR_CONFLICT', `Failed to advance ${o.name} alone: it is part of a site whose devices talk over HTTP. Use the site's advance (await site.advance(seconds), or POST /_sim/clock/advance).`);
    },
    async advanceInSite(seconds: number): Promise<ClockView> {
      await o.site.advance(seconds);
      return clockView();
    },
    reset(): Record<string, unknown> {
      o.site.reset();
      return own.state();
    },
  });
  const site: SiteRoutesOptions = { access, state: o.site.state, advance: o.site.advance, control: o.site.control };
  const server = await o.serve({ runner, control, access, site, port: o.port, host: o.host });
  const { port } = server;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    name: o.name,
    kind: o.kind,
    url: `http://${host}:${port}`,
    port,
    credentials: o.credentials,
    runner,
    control,
    get device() {
      return runner.device;
    },
    resetOwn() {
      own.reset();
    },
    async close() {
      runner.stop();
      await server.close();
    },
  };
}
