/** The meter emulator's own errors (bad options, bad control input); wire errors live in the HTTP layer. */
export const METER_ERROR_CODES = {
  METER_ERR_BAD_OPTION: 'A meter device option is unknown or out of range',
  METER_ERR_BAD_CONTROL: 'A simulation-control value for the meter is out of range',
} as const;

export type MeterErrorCode = keyof typeof METER_ERROR_CODES;

export class MeterError extends Error {
  override readonly name = 'MeterError';
  constructor(
    readonly code: MeterErrorCode,
    message: string,
  ) {
    super(message);
  }
}
