/** The Homevolt HTTP adapter. */
export { buildHomevoltApp, HOMEVOLT_ROUTES } from './app.ts';
export { HOMEVOLT_USER } from './auth.ts';
export { HOMEVOLT_OPERATION_IDS, type OperationId } from './operations.ts';
