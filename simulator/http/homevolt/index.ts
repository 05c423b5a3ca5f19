/** The Homevolt HTTP adapter. */
export { buildHomevoltApp, FORM_BODY_LIMIT, HOMEVOLT_ROUTES, type HomevoltAppOptions } from './app.ts';
export { HOMEVOLT_USER } from './auth.ts';
export { HOMEVOLT_OPERATION_IDS, type OperationId } from './operations.ts';
