/**
 * The Sessy emulator's error catalogue: stable codes, one kind of failure each. These are the emulator's own
 * errors (bad options, bad control input); what the device sends on the wire is in settings.ts / the HTTP layer,
 * copied from the firmware byte for byte.
 */
export const SESSY_ERROR_CODES = {
  SESSY_ERR_UNKNOWN_FIRMWARE: 'A firmware profile was asked for that the emulator does not have',
  SESSY_ERR_BAD_CONTROL: 'A simulation-control value for the Sessy model is out of range',
  SESSY_ERR_BAD_OPTION: 'A Sessy device option is unknown or out of range',
} as const;

export type SessyErrorCode = keyof typeof SESSY_ERROR_CODES;

export class SessyError extends Error {
  override readonly name = 'SessyError';
  constructor(
    readonly code: SessyErrorCode,
    message: string,
  ) {
    super(message);
  }
}
