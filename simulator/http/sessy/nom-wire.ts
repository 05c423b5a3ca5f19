/**
 * The dongle's side of `POST /api/v1/nom/power` on the wire (docs/sessy.md §6): its report rendered with the
 * firmware's field names and units (W, mV, SOC as a fraction as in power/status), and the meter's answer read back.
 */
import type { NomAnswer, NomReport } from '../../devices/sessy/index.ts';

/** The body a dongle posts, keys in the order docs/sessy.md §6 lists them. */
export function renderNomReport(r: NomReport): Record<string, unknown> {
  return {
    unique_id: r.uniqueId,
    state_of_charge: Math.fround(r.socFraction),
    sessy_power_w: Math.round(r.powerW),
    safety_state: r.safetyState,
    min_power_w: Math.round(r.minPowerW),
    max_charge_power_w: Math.max(0, Math.round(r.maxChargeW)),
    max_discharge_power_w: Math.max(0, Math.round(r.maxDischargeW)),
    overridden: r.overridden,
    gcl_data: r.gridCodeState,
    ac_voltage_mv: Math.round(r.acVoltageV * 1000),
    override_power_w: Math.round(r.overridePowerW),
  };
}

/** The meter's answer in SI units, or null when it is not `{status: ok, power_target_w: <number>, …}`. */
export function parseNomAnswer(body: unknown): NomAnswer | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (b.status !== 'ok' || typeof b.power_target_w !== 'number' || !Number.isFinite(b.power_target_w)) return null;
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return { targetW: b.power_target_w, baselineW: num(b.baseline_power_w), currentLimitA: num(b.current_limit) };
}
