/**
 * The dongle's side of zero on the meter with a Sessy meter (docs/sessy.md §4.1, §6): in NOM the dongle posts its
 * state to the meter (`POST /api/v1/nom/power`) and follows the `power_target_w` it gets back. The meter, not the
 * dongle, closes the loop over the grid reading and shares the target among the dongles it knows.
 * Pure: the runtime posts and hands the answer in; the HTTP layer renders the report.
 */

/** What the dongle tells the meter, in SI units (the wire names in brackets; docs/sessy.md §6). */
export interface NomReport {
  /** [unique_id] the dongle's serial. */
  readonly uniqueId: string;
  /** [state_of_charge] fraction 0..1. */
  readonly socFraction: number;
  /** [sessy_power_w] AC power now [W], + = discharge. */
  readonly powerW: number;
  /** [safety_state] the AC board's system state. */
  readonly safetyState: string;
  /** [min_power_w] below this |power| the dongle stays in standby [W]. */
  readonly minPowerW: number;
  /** [max_charge_power_w] what it can charge now [W, ≥ 0]: the pack's limit within max_power. */
  readonly maxChargeW: number;
  /** [max_discharge_power_w] what it can discharge now [W, ≥ 0], 0 at or below min_soc. */
  readonly maxDischargeW: number;
  /** [overridden] an external party overrides the strategy. */
  readonly overridden: boolean;
  /** [override_power_w] the override's power [W], 0 without one. */
  readonly overridePowerW: number;
  /** [ac_voltage_mv] the voltage of the phase it feeds [V]. */
  readonly acVoltageV: number;
  /** [gcl_data] the grid-code state the AC board works under (e.g. "GCL_NORMAL"). */
  readonly gridCodeState: string;
}

/** What the meter answered, in SI units. */
export interface NomAnswer {
  /** [power_target_w] this dongle's share [W], + = discharge. */
  readonly targetW: number;
  /** [baseline_power_w] the meter's baseline [W]; kept for display. */
  readonly baselineW: number;
  /** [current_limit] the main-fuse current the meter protects [A]; kept for display. */
  readonly currentLimitA: number;
}

export interface NomLinkState {
  /** The last answer, or null before the first one. */
  readonly answer: NomAnswer | null;
  /** When it came [epoch ms]. */
  readonly atMs: number;
  /** Posts that failed in a row (meter unreachable, refused, no answer). */
  readonly failures: number;
}

export const INITIAL_NOM_LINK: NomLinkState = Object.freeze({ answer: null, atMs: -Infinity, failures: 0 });

/**
 * How long a target holds without a fresh answer [s]. The firmware's figure is not known (docs/sessy.md §6.1);
 * ten missed 1 s exchanges is our assumption. Past it the dongle raises bit 58 (no meter data) and idles.
 */
export const NOM_TARGET_HOLD_S = 10;

/** How often a NOM dongle posts to the meter [s]: once per DSMR 5 telegram (docs/physics.md §4.4). */
export const NOM_POST_PERIOD_S = 1;

export function withAnswer(_state: NomLinkState, answer: NomAnswer, nowMs: number): NomLinkState {
  return { answer, atMs: nowMs, failures: 0 };
}

export function withFailure(state: NomLinkState): NomLinkState {
  return { ...state, failures: state.failures + 1 };
}

/** The NOM wish from the meter's last answer [W], or 0 with `noMeterData` once the answer is stale. */
export function nomWish(state: NomLinkState, nowMs: number): { readonly wishW: number; readonly noMeterData: boolean } {
  if (state.answer === null || nowMs - state.atMs > NOM_TARGET_HOLD_S * 1000) return { wishW: 0, noMeterData: true };
  return { wishW: state.answer.targetW, noMeterData: false };
}
