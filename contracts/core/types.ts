/**
 * The harness's vocabulary. Targets are a discriminated union, so "writes on a live battery without consent" or
 * "simulation control on hardware" cannot be written down: an emulator always has its control plane and takes
 * writes; a device takes writes only with `allowWrites`, and is paced.
 */
export type DeviceKind = 'sessy' | 'homevolt' | 'sessy-meter';

export interface TargetCredentials {
  readonly user: string;
  readonly password: string;
}

/** A battsim emulator: writes allowed, time passes through its /_sim/ control plane. */
export interface EmulatorTarget {
  readonly kind: 'emulator';
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** null: the emulator runs without authentication. */
  readonly credentials: TargetCredentials | null;
  /** Base URL of the simulation control, usually the same as `url` (it serves /_sim/). */
  readonly control: string;
  /** Shown in the summary and JUnit, e.g. "sessy 1.11.11 emulator". */
  readonly label?: string;
  /** Bearer token for /_sim/ when the control plane needs one (not on loopback). */
  readonly controlToken?: string;
  /** The home's Sessy P1/CT meter, when the target is a dongle on one: zero-on-the-meter cases read the grid from it. */
  readonly meter?: MeterTarget;
}

/** A Sessy P1/CT meter (docs/sessy.md §6): where a Sessy home reads its grid power. */
export interface MeterTarget {
  readonly url: string;
  /** The meter's serial and sticker password; null for a meter without authentication. */
  readonly credentials: TargetCredentials | null;
}

/** A real battery on the network: read-only unless `allowWrites`; requests at least `paceMs` apart. */
export interface DeviceTarget {
  readonly kind: 'device';
  readonly url: string;
  readonly credentials: TargetCredentials | null;
  /** Consent to change the device (strategy, setpoint, settings, schedules, parameters, lockout); restored after. */
  readonly allowWrites: boolean;
  /** Minimum gap between two requests [ms]; 1000 by default in the CLI; below 200 needs `allowFastPacing`. */
  readonly paceMs: number;
  /** Lets `paceMs` go below 200 ms: for an emulator addressed as a device in tests, never for hardware. */
  readonly allowFastPacing?: boolean;
  readonly label?: string;
  /** The home's Sessy P1/CT meter, when the target is a dongle on one: zero-on-the-meter cases read the grid from it. */
  readonly meter?: MeterTarget;
}

export type Target = EmulatorTarget | DeviceTarget;

/**
 * How strictly a case matches (Prism's harness): `exact` compares with the emulator's own model and runs only
 * against an emulator; `tolerance` checks numbers within stated bounds; `shape` checks keys, types and statuses,
 * the default against real hardware.
 */
export type Strictness = 'exact' | 'tolerance' | 'shape';
export const STRICTNESS_LEVELS: readonly Strictness[] = ['shape', 'tolerance', 'exact'];

/**
 * What a case needs beyond reading:
 * - `writes`: it changes the target (restored after); on a device only with allowWrites;
 * - `lockout`: it provokes the auth lockout, which locks every client out for seconds; needs writes-level consent;
 * - `sim`: it drives the simulation control (/_sim/), so only an emulator can serve it;
 * - `credentials`: the target must have a password to check authentication against.
 */
export type Need = 'writes' | 'lockout' | 'sim' | 'credentials';

export type CaseStatus = 'pass' | 'fail' | 'skip' | 'error';
