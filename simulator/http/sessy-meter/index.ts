/** The Sessy P1/CT meter's HTTP adapter. */
export { buildSessyMeterApp } from './app.ts';
export { GRID_TARGET_ERROR } from './handlers.ts';
export { METER_OPERATION_IDS } from './operations.ts';
export { loadMeterSpec, meterSpecForVariant } from './spec.ts';
