/**
 * The Homevolt emulator's error catalogue. Each code is stable and names one kind of failure; messages say
 * what failed, why, and what to do. These are our errors (options, programming mistakes); what the device
 * answers on the wire is rendered by the HTTP layer and copies the device, not this catalogue.
 */
export const HOMEVOLT_ERROR_CODES = {
  HOMEVOLT_ERR_BAD_OPTION: 'A device option is unknown or out of range',
  HOMEVOLT_ERR_UNKNOWN_PARAM: 'A parameter name is not in the firmware’s table',
  HOMEVOLT_ERR_BAD_PARAM_VALUE: 'A parameter value has the wrong type, size or range',
  HOMEVOLT_ERR_LOCAL_DISABLED: 'A local schedule change was refused because settings_local is false',
  HOMEVOLT_ERR_BAD_SCHEDULE: 'A schedule entry is malformed (type, times, setpoint)',
  HOMEVOLT_ERR_SPIFFS_FULL: 'A file does not fit in the SPIFFS quota',
  HOMEVOLT_ERR_SPIFFS_NOT_FOUND: 'A SPIFFS path does not exist',
  HOMEVOLT_ERR_SPIFFS_BAD_PATH: 'A SPIFFS path is empty, too long or escapes the file system',
  HOMEVOLT_ERR_UNAVAILABLE: 'The device is booting or installing firmware',
} as const;

export type HomevoltErrorCode = keyof typeof HOMEVOLT_ERROR_CODES;

export class HomevoltError extends Error {
  override readonly name = 'HomevoltError';
  constructor(
    readonly code: HomevoltErrorCode,
    message: string,
  ) {
    super(message);
  }
}
