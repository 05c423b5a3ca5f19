/** The Homevolt device model: what the HTTP layer and the runtime may use. */
export { createHomevoltDevice, type EmsSample, type HomevoltDevice } from './device.ts';
export { runConsoleCommand } from './console/console.ts';
export { HOMEVOLT_ERROR_CODES, HomevoltError } from './errors.ts';
export { FIRMWARE_NAMES, FIRMWARE_PROFILES, type FirmwareName } from './firmware.ts';
export type { HomevoltDeviceOptions } from './options.ts';
export type { ParamDef, ParamValue } from './param-table.ts';
export { lockoutSeconds } from './lockout.ts';
export type { ScheduleEntry, ScheduleType } from './schedule.ts';
export type { LogEntry, LogLevel } from './logs.ts';
export type { HomevoltView, UnitView } from './view.ts';
export type { PidState } from './schedule-command.ts';
