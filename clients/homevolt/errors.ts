/**
 * The Homevolt client's error catalogue. Codes are stable and never reused; test/clients/errors.test.ts checks the set.
 * Console failures come back as HTTP 200 with "returned non-zero error code" (docs/homevolt.md §3.5), so they are
 * classified from the text; a lockout is 429 with Retry-After (docs/homevolt.md §2, steynovich).
 */
import { DeviceClientError, type ClientErrorKind } from '../shared/client-error.ts';

export const HOMEVOLT_CLIENT_ERROR_KINDS = {
  HOMEVOLT_CLIENT_ERR_AUTH_FAILED: 'auth',
  HOMEVOLT_CLIENT_ERR_LOCKED_OUT: 'lockout',
  HOMEVOLT_CLIENT_ERR_DEVICE: 'device',
  HOMEVOLT_CLIENT_ERR_COMMAND_FAILED: 'device',
  HOMEVOLT_CLIENT_ERR_NOT_LOCAL_MODE: 'not-in-control',
  HOMEVOLT_CLIENT_ERR_VERIFY_FAILED: 'verify',
  HOMEVOLT_CLIENT_ERR_TIMEOUT: 'timeout',
  HOMEVOLT_CLIENT_ERR_CONNECTION_DROPPED: 'connection',
  HOMEVOLT_CLIENT_ERR_PROTOCOL: 'protocol',
  HOMEVOLT_CLIENT_ERR_BAD_ARGUMENT: 'bad-argument',
} as const satisfies Record<string, ClientErrorKind>;

export type HomevoltClientErrorCode = keyof typeof HOMEVOLT_CLIENT_ERROR_KINDS;

export const HOMEVOLT_CLIENT_ERROR_CODES = Object.freeze(Object.keys(HOMEVOLT_CLIENT_ERROR_KINDS) as HomevoltClientErrorCode[]);

export class HomevoltClientError extends DeviceClientError<HomevoltClientErrorCode> {
  override readonly name = 'HomevoltClientError';
  /** For a lockout: how long the device said to wait [s] (Retry-After), when it said. */
  retryAfterS: number | undefined;
  get kind(): ClientErrorKind {
    return HOMEVOLT_CLIENT_ERROR_KINDS[this.code];
  }
}
