/** The Homevolt device model: what the HTTP layer and the runtime may use. */
export { createHomevoltDevice, type Availability, type EmsSample, type HomevoltDevice } from './device.ts';
export { runConsoleCommand, PROMPT, type ConsoleResult } from './console/console.ts';
export { HOMEVOLT_ERROR_CODES, HomevoltError, type HomevoltErrorCode } from './errors.ts';
export { FIRMWARE_NAMES, FIRMWARE_PROFILES, type FirmwareName, type FirmwareProfile } from './firmware.ts';
export type { HomevoltDeviceOptions } from './options.ts';
export { findParam, PARAM_TABLE, type ParamDef, type ParamValue } from './param-table.ts';
export { lockoutSeconds, LOCKOUT_RESET_MS } from './lockout.ts';
export { MANUAL_SCHEDULE_ID, type ScheduleEntry, type ScheduleType } from './schedule.ts';
export type { LogEntry, LogLevel } from './logs.ts';
export type { HomevoltView, UnitView } from './view.ts';
export type { PidState } from './schedule-command.ts';
