/**
 * Device settings (docs/sessy.md §3.7): defaults, and the firmware's read-modify-write validation. Clients GET the
 * whole object, change one key and POST everything back, `"status":"ok"` included; so unknown keys are ignored
 * and booleans may arrive as strings ("true"), as the firmware's own web UI sends them. A patch is checked in
 * full before any of it is applied: a rejected POST changes nothing. Error texts are the firmware's.
 */
import type { FirmwareProfile, SettingKey } from './firmware.ts';

export interface SessySettings {
  readonly p1Hostname: string;
  readonly pvHostname: string;
  readonly groupCurrentA: number;
  readonly phaseCurrentA: number;
  readonly groupSessys: number;
  readonly phaseSessys: number;
  readonly totalSessys: number;
  /** Phase the Sessy feeds, 1..3. */
  readonly activePhase: number;
  /** Phase of the grid connection the meter sees, 0..3. */
  readonly gridPhase: number;
  /** Deadzone: below this |power| the AC board goes to standby [W]. */
  readonly minPowerW: number;
  /** Largest |power| the supervisor allows [W]. */
  readonly maxPowerW: number;
  /** Reserve: no discharge below this SOC [%] (fw ≥ 1.11.10). */
  readonly minSocPercent: number;
  readonly disableNoiseLevel: boolean;
  /** 1 (quietest) .. 5 (no reduction). */
  readonly allowedNoiseLevel: number;
  readonly packTempLimitEnabled: boolean;
  /** Local window in which the battery may run, "HH:MM-HH:MM". */
  readonly enabledTime: string;
  readonly sessyEnabled: boolean;
  readonly cloudEnabled: boolean;
  readonly pvDivider: boolean;
  readonly meterLimitingEnabled: boolean;
  readonly ecoChargeHours: number;
  readonly ecoChargePowerW: number;
  readonly ecoNomCharge: boolean;
}

/** Defaults: the Homey capture and the web UI's defaults (docs/sessy.md §3.7, §8). */
export const DEFAULT_SETTINGS: SessySettings = Object.freeze({
  p1Hostname: '',
  pvHostname: '',
  groupCurrentA: 16,
  phaseCurrentA: 35,
  groupSessys: 1,
  phaseSessys: 1,
  totalSessys: 1,
  activePhase: 1,
  gridPhase: 0,
  minPowerW: 50,
  maxPowerW: 2200,
  minSocPercent: 0,
  disableNoiseLevel: true,
  allowedNoiseLevel: 5,
  packTempLimitEnabled: true,
  enabledTime: '00:00-23:59',
  sessyEnabled: true,
  cloudEnabled: true,
  pvDivider: false,
  meterLimitingEnabled: false,
  ecoChargeHours: 4,
  ecoChargePowerW: 1500,
  ecoNomCharge: false,
});

/** Wire key → model key. */
export const SETTING_FIELDS: Readonly<Record<SettingKey, keyof SessySettings>> = Object.freeze({
  p1_hostname: 'p1Hostname',
  pv_hostname: 'pvHostname',
  group_current: 'groupCurrentA',
  phase_current: 'phaseCurrentA',
  group_sessys: 'groupSessys',
  phase_sessys: 'phaseSessys',
  total_sessys: 'totalSessys',
  active_phase: 'activePhase',
  grid_phase: 'gridPhase',
  min_power: 'minPowerW',
  max_power: 'maxPowerW',
  min_soc: 'minSocPercent',
  disable_noise_level: 'disableNoiseLevel',
  allowed_noise_level: 'allowedNoiseLevel',
  pack_temp_limit_enabled: 'packTempLimitEnabled',
  enabled_time: 'enabledTime',
  sessy_enabled: 'sessyEnabled',
  cloud_enabled: 'cloudEnabled',
  pv_divider: 'pvDivider',
  meter_limiting_enabled: 'meterLimitingEnabled',
  eco_charge_hours: 'ecoChargeHours',
  eco_charge_power: 'ecoChargePowerW',
  eco_nom_charge: 'ecoNomCharge',
});

export type SettingsResult = { readonly ok: true; readonly settings: SessySettings } | { readonly ok: false; readonly error: string };

/** The name esp_err_to_name gives a wrongly typed cJSON value; the firmware formats it into "with error: %s" [inferred]. */
const ESP_ERR_INVALID_ARG = 'ESP_ERR_INVALID_ARG';

/** Applies a posted settings object to the current settings, or returns the firmware's error text. */
export function applySettingsPatch(current: SessySettings, body: unknown, profile: FirmwareProfile): SettingsResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: 'Failed to parse json' };
  const input = body as Record<string, unknown>;
  const next: Record<string, unknown> = { ...current };
  for (const key of profile.settingsKeys) {
    if (!(key in input)) continue;
    const field = SETTING_FIELDS[key];
    const value = input[key];
    const kind = typeof DEFAULT_SETTINGS[field];
    if (kind === 'boolean') {
      const b = toBoolean(value);
      if (b !== undefined) next[field] = b;
    } else if (kind === 'number') {
      // Wrong-typed numbers are skipped, as a cJSON_IsNumber guard would [inferred]; cJSON's valueint saturates at
      // the int range; ranges are checked below.
      if (typeof value === 'number' && Number.isFinite(value)) next[field] = valueInt(value);
    } else if (typeof value === 'string') {
      if (value.length > MAX_HOSTNAME_LENGTH && (key === 'p1_hostname' || key === 'pv_hostname')) {
        return { ok: false, error: `Failed to parse ${key === 'p1_hostname' ? 'p1' : 'pv'} hostname, with error: ESP_ERR_INVALID_SIZE` };
      }
      next[field] = value;
    } else if (key === 'p1_hostname') {
      return { ok: false, error: `Failed to parse p1 hostname, with error: ${ESP_ERR_INVALID_ARG}` };
    } else if (key === 'enabled_time') {
      return { ok: false, error: `Tried to set an invalid time format, with error: ${ESP_ERR_INVALID_ARG}` };
    }
  }
  const s = next as unknown as SessySettings;
  const window = parseTimeWindow(s.enabledTime);
  if (!window) return { ok: false, error: `Tried to set an invalid time format, with error: ${ESP_ERR_INVALID_ARG}` };
  if (window.endMin < window.startMin) return { ok: false, error: 'Tried to set stop time before the start time' };
  if (s.activePhase < 1 || s.activePhase > 3) return { ok: false, error: `Erroneously set the active phase out of range (1, 2 or 3), with a value of ${s.activePhase}` };
  if (s.gridPhase < 0 || s.gridPhase > 3) return { ok: false, error: `Erroneously set the grid_phase out of range (0:3), with a value of ${s.gridPhase}` };
  if (s.minSocPercent < 0 || s.minSocPercent > 100) return { ok: false, error: 'min_soc out of bounds, only allowed to set 0-100' };
  for (const [key, [min, max]] of Object.entries(SETTING_RANGES) as [SettingKey, readonly [number, number]][]) {
    const value = s[SETTING_FIELDS[key]] as number;
    if (value < min || value > max) return { ok: false, error: `Erroneously set the ${key} out of range (${min}:${max}), with a value of ${value}` };
  }
  // While the noise limit is disabled the firmware reports 101; echoing that back is accepted here (a read-modify-write
  // would otherwise always fail; docs/sessy.md §3.7 marks the rejection as an unverified inference).
  if (!s.disableNoiseLevel && (s.allowedNoiseLevel < 1 || s.allowedNoiseLevel > 5)) {
    return { ok: false, error: `Erroneously set the allowed_noise_level out of range (1 to 5), with a value of ${s.allowedNoiseLevel}` };
  }
  if (s.disableNoiseLevel && (s.allowedNoiseLevel < 1 || s.allowedNoiseLevel > 5)) next.allowedNoiseLevel = current.allowedNoiseLevel;
  return { ok: true, settings: Object.freeze(next as unknown as SessySettings) };
}

/**
 * Ranges of the numeric settings the firmware has no dedicated text for: its web UI's slider ranges (docs/sessy.md §3.7),
 * refused with the text pattern of grid_phase's check [inferred; docs/http-errors.md].
 */
export const SETTING_RANGES: Readonly<Partial<Record<SettingKey, readonly [number, number]>>> = Object.freeze({
  group_current: [4, 40],
  phase_current: [10, 80],
  group_sessys: [1, 10],
  phase_sessys: [1, 20],
  total_sessys: [1, 60],
  min_power: [50, 2200],
  max_power: [50, 2200],
  eco_charge_hours: [0, 24],
  eco_charge_power: [0, 2200],
});

/** Longest p1_hostname/pv_hostname: a DNS name (RFC 1035, 253 characters). */
export const MAX_HOSTNAME_LENGTH = 253;

/** cJSON's valueint: the double truncated, saturated at INT_MIN..INT_MAX. */
function valueInt(value: number): number {
  if (value >= 2147483647) return 2147483647;
  if (value <= -2147483648) return -2147483648;
  return Math.trunc(value);
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** Parses "HH:MM-HH:MM" into minutes of the day; undefined when malformed. */
export function parseTimeWindow(text: string): { startMin: number; endMin: number } | undefined {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [h1, m1, h2, m2] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return undefined;
  return { startMin: h1 * 60 + m1, endMin: h2 * 60 + m2 };
}
