/** The Sessy HTTP adapter. */
export { buildSessyApp, MAX_BODY_BYTES } from './app.ts';
export { cJsonPrint, cJsonNumber } from './cjson.ts';
export { NOT_API_TEXT } from './handlers/power.ts';
export { OPERATION_IDS } from './operations.ts';
export { loadSessySpec, operationIdsOf, specForFirmware } from './spec.ts';
