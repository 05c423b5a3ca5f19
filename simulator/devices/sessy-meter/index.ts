/** The Sessy P1/CT meter model: what the HTTP layer, the runtime, a site and tests may use. */
export { METER_ERROR_CODES, MeterError } from './errors.ts';
export { createSiteGridSource, type GridPhaseReading, type GridReading, type GridSource } from './grid-source.ts';
export { meterAdvertisement } from './discovery.ts';
export { createSessyMeterDevice } from './meter-device.ts';
export { parseNomReport, type NomReport } from './nom-report.ts';
export { DEFAULT_FORGET_AFTER_S, EMPTY_REGISTRY, forgetSilent, recordReport, type NomEntry } from './nom-registry.ts';
export { DEFAULT_NOM_SHARE, shareGridTarget, type NomShare } from './nom-share.ts';
export { METER_SETTING_FIELDS, type MeterSettings } from './settings.ts';
export { tariffAt } from './tariffs.ts';
export type { MeterReadingView, MeterVariant, SessyMeterDevice } from './types.ts';
