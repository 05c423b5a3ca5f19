/** The Sessy P1/CT meter's HTTP adapter. */
export { buildSessyMeterApp, type SessyMeterAppOptions } from './app.ts';
export { GRID_TARGET_ERROR, GRID_TARGET_LIMIT_W, METER_OPERATIONS } from './handlers.ts';
export { METER_OPERATION_IDS, type MeterOperationId } from './operations.ts';
export { loadMeterSpec, meterSpecForVariant, METER_SPEC_URL } from './spec.ts';
