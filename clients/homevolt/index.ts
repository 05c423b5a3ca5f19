/** The Homevolt (Tibber ECU) client: typed methods, SI readings, the console, typed errors, and a `Battery`. */
export { createHomevoltClient, type HomevoltClient, type HomevoltClientOptions } from './client.ts';
export { createHomevoltBattery, type HomevoltBattery, type HomevoltBatteryOptions } from './battery.ts';
export {
  buildParamGet,
  buildParamSet,
  buildParamStore,
  buildSchedClear,
  buildSchedDel,
  buildScheduleCommand,
  buildSchedList,
  consoleTime,
  ConsoleArgumentError,
  parseConsoleAnswer,
  parseSchedList,
  type ConsoleAnswer,
  type ScheduleEntrySpec,
  type ScheduleType,
  type SchedList,
  type SchedListEntry,
} from './console.ts';
export { disableLocalMode, enableLocalMode, scheduleMismatch, setScheduleVerified } from './schedule-control.ts';
export { HOMEVOLT_CLIENT_ERROR_CODES, HOMEVOLT_CLIENT_ERROR_KINDS, HomevoltClientError, type HomevoltClientErrorCode } from './errors.ts';
export { centiPercentToFraction, deciToUnit, kWhToWh, milliToUnit, toEmsReading, toSensorReading, type HomevoltEmsReading, type HomevoltSensorReading } from './units.ts';
export * from './wire.ts';
