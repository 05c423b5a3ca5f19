/** What a started emulator hands back to the CLI and to other projects' tests. */
import type { SimControl } from '../control/sim-control.ts';
import type { SimulatedDevice } from '../devices/simulated-device.ts';
import type { DeviceRunner } from '../engine/device-runner.ts';
import type { SimClock } from '../engine/sim-clock.ts';
import type { Credentials } from '../http/shared/credentials.ts';

export type { Credentials } from '../http/shared/credentials.ts';

export interface RunningEmulator<D extends SimulatedDevice = SimulatedDevice> {
  /** Base URL, e.g. http://127.0.0.1:8080, or https://… for Homevolt's `https: true` (no trailing slash). */
  readonly url: string;
  /** What a client must send; null when authentication is off. */
  readonly credentials: Credentials | null;
  readonly clock: SimClock;
  /** The device model now (a reset replaces it: read it again after one). */
  readonly device: D;
  readonly runner: DeviceRunner;
  /**
   * The simulation control without HTTP: `advance(seconds)`, `setState({ soc, frequencyHz, loadW, … })`,
   * `addFault(...)`, `clearFaults()`, `loadScenario(yaml)`, `reset()`, `state()`, `log`.
   */
  readonly control: SimControl;
  /** The simulated start [epoch ms]: where the clock began and where /_sim/reset returns to. */
  readonly startMs: number;
  /** The master seed, as logged at start. */
  readonly seed: number;
  /**
   * The mDNS advertisement as announced (`mdns: true`), e.g. `{ fqdn: 'sessy-DVMX._http._tcp.local.',
   * hostname: 'sessy-DVMX.local.' }`; null without it.
   */
  readonly mdns: { readonly fqdn: string; readonly hostname: string } | null;
  /** Whether /_sim/ is served, and whether it needs a token. */
  readonly controlPlane: 'open' | 'token' | 'off';
  close(): Promise<void>;
}

/** `--speed`: a number (simulated seconds per wall second) or 'manual'. */
export type SpeedOption = number | 'manual';
