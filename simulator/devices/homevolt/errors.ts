/**
 * The Homevolt emulator's error catalogue. Each code is stable and names one kind of failure; messages say
 * what failed, why, and what to do. These are our errors (options, programming mistakes); what the device
 * answers on the wire is rendered by the HTTP layer and copies the device, not this catalogue.
 */
import { BattsimError, meaningsOf } from '../../core/error-catalogue.ts';

export const HOMEVOLT_ERROR_CODES = meaningsOf([
  'HOMEVOLT_ERR_BAD_OPTION',
  'HOMEVOLT_ERR_UNKNOWN_PARAM',
  'HOMEVOLT_ERR_BAD_PARAM_VALUE',
  'HOMEVOLT_ERR_LOCAL_DISABLED',
  'HOMEVOLT_ERR_BAD_SCHEDULE',
  'HOMEVOLT_ERR_SPIFFS_FULL',
  'HOMEVOLT_ERR_SPIFFS_NOT_FOUND',
  'HOMEVOLT_ERR_SPIFFS_BAD_PATH',
  'HOMEVOLT_ERR_UNAVAILABLE',
]);

export type HomevoltErrorCode = keyof typeof HOMEVOLT_ERROR_CODES;

export class HomevoltError extends BattsimError<HomevoltErrorCode> {
  override readonly name = 'HomevoltError';
}
