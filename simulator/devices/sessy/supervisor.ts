/**
 * The dongle's strategy supervisor (docs/sessy.md §3.3, §4.3): it takes the strategy's wish and applies the settings
 * (sessy_enabled, enabled_time, max_power, min_soc, the min_power deadzone). It reports the system-state bits it
 * raised, numbered as in the firmware's system_state_enum.h.
 */
import type { SessySettings } from './settings.ts';

/** Bits of `system/info.system_state` (docs/sessy.md §4.3). */
export const STATE_BIT = Object.freeze({
  DISABLED_IN_NVS: 50,
  TIME_DISALLOWED: 52,
  MIN_THROTTLE: 55,
  MAX_THROTTLE: 56,
  NO_METER_DATA: 58,
  ROI_NO_TIMESLOT: 60,
  IS_OVERWRITTEN: 62,
  ECO_NO_ENERGY_PRICE: 63,
  AC_BOARD_DEADZONE: 109,
  MIN_SOC: 149,
});

export interface SupervisorInputs {
  readonly wishW: number;
  readonly settings: SessySettings;
  /** Minutes since local midnight. */
  readonly localMinute: number;
  /** Parsed enabled_time. */
  readonly window: { readonly startMin: number; readonly endMin: number };
  readonly socFraction: number;
}

export interface SupervisorResult {
  /** What the AC board is asked for [W], + = discharge. */
  readonly requestW: number;
  readonly bits: readonly number[];
}

export function supervise(inputs: SupervisorInputs): SupervisorResult {
  const { settings: s, wishW } = inputs;
  const bits: number[] = [];
  if (!s.sessyEnabled) return { requestW: 0, bits: [STATE_BIT.DISABLED_IN_NVS] };
  if (inputs.localMinute < inputs.window.startMin || inputs.localMinute > inputs.window.endMin) return { requestW: 0, bits: [STATE_BIT.TIME_DISALLOWED] };
  let w = wishW;
  if (Math.abs(w) > s.maxPowerW) {
    w = Math.sign(w) * s.maxPowerW;
    bits.push(STATE_BIT.MAX_THROTTLE);
  }
  if (w > 0 && inputs.socFraction * 100 <= s.minSocPercent) {
    w = 0;
    bits.push(STATE_BIT.MIN_SOC);
  }
  if (w !== 0 && Math.abs(w) < s.minPowerW) {
    w = 0;
    bits.push(STATE_BIT.MIN_THROTTLE);
  }
  return { requestW: w, bits };
}
