/** The Sessy device model: what the HTTP layer, the runtime and tests may use. */
export { SYSTEM_STATES, type SystemState } from './ac-board.ts';
export { SESSY_ERROR_CODES, SessyError, type SessyErrorCode } from './errors.ts';
export { compareVersions, FIRMWARE_PROFILES, firmwareProfile, LATEST_FIRMWARE, servesOperation, type FirmwareProfile, type FirmwareVersion, type PowerStatusKey, type SettingKey } from './firmware.ts';
export { createSessyIdentity, type SessyIdentity } from './identity.ts';
export { OTA_STATES, OTA_TARGETS, type OtaState, type OtaTarget, type OtaUnit } from './ota.ts';
export { createSessySchedule, planDay, PRICES_PUBLISHED_HOUR, type DaySchedule, type PriceWindow, type ScheduleWindow } from './schedule.ts';
export { createSessyDevice } from './sessy-device.ts';
export { applySettingsPatch, DEFAULT_SETTINGS, SETTING_FIELDS, type SessySettings, type SettingsResult } from './settings.ts';
export { isPowerStrategy, POWER_STRATEGIES, type PowerStrategy } from './strategies.ts';
export { STATE_BIT } from './supervisor.ts';
export type { EnergyView, PowerView, SessyDevice, SessyDeviceOptions } from './types.ts';
export { INITIAL_NOM_LINK, NOM_POST_PERIOD_S, NOM_TARGET_HOLD_S, nomWish, type NomAnswer, type NomLinkState, type NomReport } from './nom-link.ts';
