/** The Sessy HTTP adapter. */
export { buildSessyApp, MAX_BODY_BYTES, type SessyAppOptions } from './app.ts';
export { cJsonPrint, cJsonNumber } from './cjson.ts';
export { NOT_API_TEXT } from './handlers/power.ts';
export { OPERATION_IDS, type OperationId } from './operations.ts';
export { loadSessySpec, operationIdsOf, specForFirmware } from './spec.ts';
export { METHOD_NOT_ALLOWED_TEXT, NOT_FOUND_TEXT } from './wire.ts';
