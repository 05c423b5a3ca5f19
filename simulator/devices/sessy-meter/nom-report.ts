/**
 * What a dongle in NOM posts to its meter (`POST /api/v1/nom/power`, docs/sessy.md §6), read into SI units.
 * The firmware's field names are known, their units and which are required are not: the choices below are
 * assumptions written down in docs/sessy.md §6 (W and mV as the names say, state_of_charge a fraction as in
 * power/status). Pure: no I/O.
 */

/** One dongle's last report, SI units. Power sign as everywhere in Sessy: + = discharge. */
export interface NomReport {
  /** `unique_id`: the dongle's identity (its serial on a real dongle). */
  readonly uniqueId: string;
  /** `state_of_charge` [fraction 0..1]. */
  readonly socFraction: number;
  /** `sessy_power_w`: the AC power the battery delivers now [W], + = discharge. */
  readonly powerW: number;
  /** `safety_state`: the AC board's state as the dongle sends it (a SYSTEM_STATE_* name or a number); kept, not interpreted. */
  readonly safetyState: string | number | null;
  /** `min_power_w`: the dongle's deadzone [W]; a share below it is 0. */
  readonly minPowerW: number;
  /** `max_charge_power_w`: what the battery can charge with now [W, ≥ 0]; 0 when full. */
  readonly maxChargePowerW: number;
  /** `max_discharge_power_w`: what it can deliver now [W, ≥ 0]; 0 when empty. */
  readonly maxDischargePowerW: number;
  /** `overridden`: an external party (cloud, supplier) sets this battery's power; the meter does not share with it. */
  readonly overridden: boolean;
  /** `override_power_w`: the power the override asks for [W], + = discharge. */
  readonly overridePowerW: number;
  /** `ac_voltage_mv` as volts [V]; 0 when not sent. */
  readonly acVoltageV: number;
  /** `gcl_data`: grid-code data, opaque; kept as sent. */
  readonly gclData: unknown;
}

/** Why a body is not a report, in the words the meter answers with (400). */
export type NomReportResult = { readonly ok: true; readonly report: NomReport } | { readonly ok: false; readonly error: string };

/** Fields the meter cannot share without [A: docs/sessy.md §6]. */
const REQUIRED_NUMBERS = ['state_of_charge', 'sessy_power_w', 'max_charge_power_w', 'max_discharge_power_w'] as const;
/** Numbers with a default when absent. */
const OPTIONAL_NUMBERS = { min_power_w: 50, override_power_w: 0, ac_voltage_mv: 0 } as const;
/** Largest |power| a dongle may report [W]: far beyond a Sessy (2.2 kW), short of nonsense. */
const MAX_ABS_W = 100_000;

/**
 * Reads a parsed JSON body. Error texts follow the dongle's own pattern for a missing or wrongly typed field,
 * "Failed to parse required <type> argument <name>, with error: ESP_ERR_NOT_FOUND | ESP_ERR_INVALID_ARG" [A].
 */
export function parseNomReport(body: unknown): NomReportResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: 'Failed to parse json' };
  const b = body as Record<string, unknown>;
  const missing = (type: string, name: string): NomReportResult => ({ ok: false, error: `Failed to parse required ${type} argument ${name}, with error: ${name in b ? 'ESP_ERR_INVALID_ARG' : 'ESP_ERR_NOT_FOUND'}` });
  const id = b.unique_id;
  if (typeof id !== 'string' || id === '' || id.length > 64) return missing('string', 'unique_id');
  const numbers: Record<string, number> = {};
  for (const name of REQUIRED_NUMBERS) {
    const v = b[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) return missing('number', name);
    numbers[name] = v;
  }
  for (const [name, fallback] of Object.entries(OPTIONAL_NUMBERS)) {
    const v = b[name];
    if (v === undefined) numbers[name] = fallback;
    else if (typeof v !== 'number' || !Number.isFinite(v)) return missing('number', name);
    else numbers[name] = v;
  }
  const soc = numbers.state_of_charge!;
  if (soc < 0 || soc > 1) return { ok: false, error: `state_of_charge out of range (0 to 1), with a value of ${soc}` };
  for (const name of ['sessy_power_w', 'override_power_w'] as const) {
    if (Math.abs(numbers[name]!) > MAX_ABS_W) return { ok: false, error: `${name} out of range (-${MAX_ABS_W} to ${MAX_ABS_W}), with a value of ${numbers[name]}` };
  }
  for (const name of ['max_charge_power_w', 'max_discharge_power_w', 'min_power_w', 'ac_voltage_mv'] as const) {
    const v = numbers[name]!;
    const max = name === 'ac_voltage_mv' ? 1_000_000 : MAX_ABS_W;
    if (v < 0 || v > max) return { ok: false, error: `${name} out of range (0 to ${max}), with a value of ${v}` };
  }
  const overridden = b.overridden;
  if (overridden !== undefined && typeof overridden !== 'boolean') return missing('bool', 'overridden');
  const safety = b.safety_state;
  if (safety !== undefined && safety !== null && typeof safety !== 'string' && typeof safety !== 'number') return missing('string', 'safety_state');
  return {
    ok: true,
    report: Object.freeze({
      uniqueId: id,
      socFraction: soc,
      powerW: numbers.sessy_power_w!,
      safetyState: (safety as string | number | undefined) ?? null,
      minPowerW: numbers.min_power_w!,
      maxChargePowerW: numbers.max_charge_power_w!,
      maxDischargePowerW: numbers.max_discharge_power_w!,
      overridden: overridden ?? false,
      overridePowerW: numbers.override_power_w!,
      acVoltageV: numbers.ac_voltage_mv! / 1000,
      gclData: b.gcl_data ?? null,
    }),
  };
}
