/** The Sessy dongle's client: typed methods, SI readings, typed errors, and a `Battery`. */
export { createSessyClient, type SessyClient, type SessyClientOptions } from './client.ts';
export { createSessyBattery, type SessyBattery, type SessyBatteryOptions } from './battery.ts';
export { createSessyMeterGrid, type SessyMeterGridOptions } from './meter-grid.ts';
export { NOT_API_STRATEGY_TEXT, SESSY_CLIENT_ERROR_CODES, SESSY_CLIENT_ERROR_KINDS, SessyClientError, type SessyClientErrorCode } from './errors.ts';
export { toEnergyStatus, toPhaseReading, toPowerStatus, unwidenFloat32, type PhaseReading, type SessyEnergyStatus, type SessyPowerStatus } from './units.ts';
export * from './wire.ts';
