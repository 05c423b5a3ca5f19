/** Errors of the runtime layer: options, clocks, listening. */
export const RUNTIME_ERROR_CODES = {
  RUNTIME_ERR_BAD_OPTION: 'A start option is missing, unknown or out of range',
  RUNTIME_ERR_CLOCK_MODE: 'A clock operation does not fit the clock’s mode',
  RUNTIME_ERR_UNSAFE_BIND: 'The control plane would be exposed beyond loopback without a token',
  RUNTIME_ERR_MDNS: 'The mDNS advertisement could not be started on the address the emulator listens on',
  RUNTIME_ERR_BAD_SITE: 'A site file is not valid: a field is missing, unknown, out of range or clashes with another',
} as const;

export type RuntimeErrorCode = keyof typeof RUNTIME_ERROR_CODES;

export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
