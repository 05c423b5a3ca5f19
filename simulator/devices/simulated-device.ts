/**
 * What every device model offers the layers above it (HTTP adapters, the simulation control, the runtime).
 * A device model owns a core Site and its own logic (strategies, state machines, schedules); it never builds
 * wire JSON.
 */
import type { DeviceKind, Site } from '../core/index.ts';

export interface SimulatedDevice {
  readonly kind: DeviceKind;
  readonly site: Site;
  /** Brings the model to `tMs`, running the device's own logic (control loops, timers, state machine) on the way. */
  stepTo(tMs: number): void;
  /** The full model state in SI units (W, Wh, Hz, fraction), for `GET /_sim/state`. */
  simState(): Record<string, unknown>;
  /** Sets the state of charge [fraction 0..1]. */
  setSoc(socFraction: number): void;
  /**
   * Reboots now: uptime restarts, volatile counters roll back to their last persisted values, and the
   * device passes through its boot states (answering as it does while booting).
   */
  reboot?(): void;
  /** The device's own network connection is lost now (a network-loss fault on every path), e.g. Sessy's setpoint falls to 0. */
  loseNetwork?(): void;
  /** Sets the setpoint an external party commands [W], + = discharge (Sessy's SESSY_CONNECT strategy). */
  setExternalSetpoint?(powerW: number): void;
}
