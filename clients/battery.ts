/**
 * Capabilities a battery offers to control code. Both device clients implement them (checked against the
 * emulators' device models in test/clients/capabilities.test.ts), and so does the in-process plant of the control
 * tests (test/control/core-plant.ts), so a controller cannot tell (and need not care) which one it drives.
 * Units are SI; power sign: + = discharge (to the house or grid), − = charge.
 */

/** Provides the state of charge as a fraction 0..1. */
export interface ReadsSoc {
  readSoc(): Promise<number>;
}

/** Provides the battery's actual AC power in W, + = discharge. */
export interface ReadsPower {
  readPowerW(): Promise<number>;
}

/** The most power the battery may charge and discharge with right now, both in W and ≥ 0. */
export interface PowerLimits {
  readonly chargeW: number;
  readonly dischargeW: number;
}

/** Provides the current charge and discharge limits. */
export interface ReadsLimits {
  readLimits(): Promise<PowerLimits>;
}

/** Accepts an AC power command in W, + = discharge; the device clamps it to its limits. */
export interface AcceptsPowerSetpoint {
  commandPowerW(powerW: number): Promise<void>;
}

/** Hands control back to the device's own strategy (Sessy: NOM; Homevolt: its remote or idle schedule). */
export interface ReleasesControl {
  releaseControl(): Promise<void>;
}

/** Provides the net power at the grid connection in W, + = import (a P1 meter or a grid CT). */
export interface ReadsGridPower {
  readGridPowerW(): Promise<number>;
}

/** Everything control code needs from a battery. */
export interface Battery extends ReadsSoc, ReadsPower, ReadsLimits, AcceptsPowerSetpoint, ReleasesControl {}
