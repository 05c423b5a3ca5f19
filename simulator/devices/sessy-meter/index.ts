/** The Sessy P1/CT meter model: what the HTTP layer, the runtime, a site and tests may use. */
export { METER_ERROR_CODES, MeterError, type MeterErrorCode } from './errors.ts';
export { createSiteGridSource, type GridPhaseReading, type GridReading, type GridSource } from './grid-source.ts';
export { createMeterIdentity, type MeterIdentity } from './identity.ts';
export { meterAdvertisement, meterDeviceName, METER_HOSTNAME } from './discovery.ts';
export { createSessyMeterDevice, METER_FIRMWARE } from './meter-device.ts';
export { parseNomReport, type NomReport, type NomReportResult } from './nom-report.ts';
export { DEFAULT_FORGET_AFTER_S, EMPTY_REGISTRY, forgetSilent, recordReport, type NomEntry, type NomRegistry } from './nom-registry.ts';
export { DEFAULT_NOM_SHARE, shareGridTarget, type NomShare, type NomShareInputs, type NomShareParams, type NomShareResult } from './nom-share.ts';
export { applyMeterSettingsPatch, DEFAULT_METER_SETTINGS, METER_SETTING_FIELDS, type MeterSettings, type MeterSettingsResult } from './settings.ts';
export { CAPTURE_REGISTERS, tariffAt, type Tariff, type TariffRegisters } from './tariffs.ts';
export { METER_VARIANTS, P1_STATES, type MeterPhaseView, type MeterReadingView, type MeterVariant, type NomDongleView, type P1State, type SessyMeterDevice, type SessyMeterDeviceOptions } from './types.ts';
