/** The Homevolt HTTP adapter. */
export { buildHomevoltApp } from './app.ts';
export { HOMEVOLT_USER } from './auth.ts';
export { HOMEVOLT_OPERATION_IDS } from './operations.ts';
