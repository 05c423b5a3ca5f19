/** The Sessy device model: what the HTTP layer, the runtime and tests may use. */
export { SESSY_ERROR_CODES, SessyError } from './errors.ts';
export { FIRMWARE_PROFILES, servesOperation, type FirmwareProfile, type FirmwareVersion, type PowerStatusKey } from './firmware.ts';
export { OTA_TARGETS, type OtaTarget, type OtaUnit } from './ota.ts';
export type { DaySchedule } from './schedule.ts';
export { createSessyDevice } from './sessy-device.ts';
export { SETTING_FIELDS, type SessySettings } from './settings.ts';
export { isPowerStrategy, type PowerStrategy } from './strategies.ts';
export { STATE_BIT } from './supervisor.ts';
export type { EnergyView, PowerView, SessyDevice } from './types.ts';
export { NOM_POST_PERIOD_S, NOM_TARGET_HOLD_S, type NomAnswer, type NomReport } from './nom-link.ts';
