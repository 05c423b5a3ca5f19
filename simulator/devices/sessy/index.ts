/** The Sessy device model: what the HTTP layer, the runtime and tests may use. */
export { SESSY_ERROR_CODES, SessyError } from './errors.ts';
export { FIRMWARE_PROFILES, servesOperation, type FirmwareProfile, type FirmwareVersion, type PowerStatusKey } from './firmware.ts';
export { OTA_TARGETS, type OtaTarget, type OtaUnit } from './ota.ts';
export type { DaySchedule } from './schedule.ts';
export { createSessyDevice } from './sessy-device.ts';
export { SETTING_FIELDS, type SessySettings } from './settings.ts';
export { isPowerStrategy } from './strategies.ts';
export type { EnergyView, PowerView, SessyDevice } from './types.ts';
