/**
 * The Sessy emulator's error catalogue: stable codes, one kind of failure each. These are the emulator's own
 * errors (bad options, bad control input); what the device sends on the wire is in settings.ts / the HTTP layer,
 * copied from the firmware byte for byte.
 */
import { BattsimError, meaningsOf } from '../../core/error-catalogue.ts';

export const SESSY_ERROR_CODES = meaningsOf([
  'SESSY_ERR_UNKNOWN_FIRMWARE',
  'SESSY_ERR_BAD_CONTROL',
  'SESSY_ERR_BAD_OPTION',
]);

export type SessyErrorCode = keyof typeof SESSY_ERROR_CODES;

export class SessyError extends BattsimError<SessyErrorCode> {
  override readonly name = 'SessyError';
}
