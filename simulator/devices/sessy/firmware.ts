/**
 * Firmware profiles: what each dongle firmware serves and emits (docs/sessy.md §7, "Suggested emulator firmware
 * profiles"). The HTTP layer serves an operation only when the profile's version lies inside the operation's
 * `x-sessy-since` / `x-sessy-removed` range in openapi/sessy.yaml; the fields below shape the bodies. Which
 * `power/status` keys a firmware sends is declared there too, once (`x-sessy-since` on the schema's properties).
 */
import { SessyError } from './errors.ts';

export type FirmwareVersion = '1.11.11' | '1.9.2' | '1.8.6' | '1.7.2';

export interface FirmwareProfile {
  readonly version: FirmwareVersion;
  /** `system/info.version`: the ESP-IDF version, not Sessy's (docs/sessy.md §1.1). */
  readonly idfVersion: string;
  /** AC board (battery) firmware shown in `ota/status.serial`. */
  readonly acBoardVersion: string;
  /** `system/settings` keys in firmware order (docs/sessy.md §3.7). */
  readonly settingsKeys: readonly SettingKey[];
  /** Whether `system/info` carries the largest-block, revision and self-serial keys (absent in the older capture). */
  readonly fullSystemInfo: boolean;
  /** Whether `network/status` carries `mac` (fw 1.11.11). */
  readonly networkMacs: boolean;
  /** Length of a schedule and price slot [s]: 15 minutes since the EPEX 15-minute day-ahead (fw ~1.11.5). */
  readonly slotS: number;
}

/** Every `power/status.sessy` key the model can show; which of them a firmware sends is the spec's to say. */
export type PowerStatusKey =
  | 'state_of_charge'
  | 'power'
  | 'external_power'
  | 'pack_voltage'
  | 'power_setpoint'
  | 'system_state'
  | 'system_state_details'
  | 'frequency'
  | 'inverter_current_ma'
  | 'strategy_overridden';

export type SettingKey =
  | 'p1_hostname'
  | 'pv_hostname'
  | 'group_current'
  | 'phase_current'
  | 'group_sessys'
  | 'phase_sessys'
  | 'total_sessys'
  | 'active_phase'
  | 'grid_phase'
  | 'min_power'
  | 'max_power'
  | 'min_soc'
  | 'disable_noise_level'
  | 'allowed_noise_level'
  | 'pack_temp_limit_enabled'
  | 'enabled_time'
  | 'sessy_enabled'
  | 'cloud_enabled'
  | 'pv_divider'
  | 'meter_limiting_enabled'
  | 'eco_charge_hours'
  | 'eco_charge_power'
  | 'eco_nom_charge';

const without = <T>(all: readonly T[], drop: readonly T[]): readonly T[] => all.filter((k) => !drop.includes(k));

const ALL_SETTINGS: readonly SettingKey[] = ['p1_hostname', 'pv_hostname', 'group_current', 'phase_current', 'group_sessys', 'phase_sessys', 'total_sessys', 'active_phase', 'grid_phase', 'min_power', 'max_power', 'min_soc', 'disable_noise_level', 'allowed_noise_level', 'pack_temp_limit_enabled', 'enabled_time', 'sessy_enabled', 'cloud_enabled', 'pv_divider', 'meter_limiting_enabled', 'eco_charge_hours', 'eco_charge_power', 'eco_nom_charge'];
/** The Homey capture's key set (fw ~1.8): docs/sessy.md §3.7. */
const OLD_SETTINGS: readonly SettingKey[] = ['p1_hostname', 'pv_hostname', 'group_current', 'phase_current', 'group_sessys', 'phase_sessys', 'total_sessys', 'active_phase', 'min_power', 'max_power', 'disable_noise_level', 'allowed_noise_level', 'enabled_time', 'sessy_enabled', 'cloud_enabled', 'eco_charge_hours', 'eco_charge_power', 'eco_nom_charge'];

export const FIRMWARE_PROFILES: Readonly<Record<FirmwareVersion, FirmwareProfile>> = Object.freeze({
  '1.11.11': { version: '1.11.11', idfVersion: 'v5.3.1', acBoardVersion: '1.11.11', settingsKeys: ALL_SETTINGS, fullSystemInfo: true, networkMacs: true, slotS: 900 },
  '1.9.2': { version: '1.9.2', idfVersion: 'v5.1.1', acBoardVersion: '1.9.2', settingsKeys: without<SettingKey>(ALL_SETTINGS, ['min_soc']), fullSystemInfo: true, networkMacs: false, slotS: 3600 },
  '1.8.6': { version: '1.8.6', idfVersion: 'v5.1.1', acBoardVersion: '1.8.6', settingsKeys: OLD_SETTINGS, fullSystemInfo: false, networkMacs: false, slotS: 3600 },
  '1.7.2': { version: '1.7.2', idfVersion: 'v5.1.1', acBoardVersion: '1.7.2', settingsKeys: OLD_SETTINGS, fullSystemInfo: false, networkMacs: false, slotS: 3600 },
});

/** The newest profile: what `ota/check` offers older ones. */
export const LATEST_FIRMWARE: FirmwareVersion = '1.11.11';

export function firmwareProfile(version: string): FirmwareProfile {
  const profile = (FIRMWARE_PROFILES as Record<string, FirmwareProfile>)[version];
  if (!profile) {
    throw new SessyError('SESSY_ERR_UNKNOWN_FIRMWARE', `Failed to select firmware "${version}": no such profile. Use one of ${Object.keys(FIRMWARE_PROFILES).join(', ')}.`);
  }
  return profile;
}

/** Compares dotted versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether a firmware serves an operation whose range is [since, removed). */
export function servesOperation(version: string, since: string | undefined, removed: string | undefined): boolean {
  return (since === undefined || compareVersions(version, since) >= 0) && (removed === undefined || compareVersions(version, removed) < 0);
}
