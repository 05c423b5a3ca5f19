/**
 * The Sessy client's error catalogue. Codes are stable and never reused; test/clients/errors.test.ts checks the set.
 * Classification follows the clients that work (docs/sessy.md §5): 401 → authentication; the 400 "open mode" text →
 * not in the API strategy (sessypy shows it as "Not supported by device"); other non-2xx → the device's own error.
 */
import { DeviceClientError, type ClientErrorKind } from '../shared/client-error.ts';

export const SESSY_CLIENT_ERROR_KINDS = {
  SESSY_CLIENT_ERR_AUTH_FAILED: 'auth',
  SESSY_CLIENT_ERR_DEVICE: 'device',
  SESSY_CLIENT_ERR_NOT_API_STRATEGY: 'not-in-control',
  SESSY_CLIENT_ERR_TIMEOUT: 'timeout',
  SESSY_CLIENT_ERR_CONNECTION_DROPPED: 'connection',
  SESSY_CLIENT_ERR_PROTOCOL: 'protocol',
  SESSY_CLIENT_ERR_BAD_ARGUMENT: 'bad-argument',
} as const satisfies Record<string, ClientErrorKind>;

export type SessyClientErrorCode = keyof typeof SESSY_CLIENT_ERROR_KINDS;

export const SESSY_CLIENT_ERROR_CODES = Object.freeze(Object.keys(SESSY_CLIENT_ERROR_KINDS) as SessyClientErrorCode[]);

export class SessyClientError extends DeviceClientError<SessyClientErrorCode> {
  override readonly name = 'SessyClientError';
  get kind(): ClientErrorKind {
    return SESSY_CLIENT_ERROR_KINDS[this.code];
  }
}

/** The firmware's 400 text for a setpoint outside POWER_STRATEGY_API (docs/sessy.md §0.5). */
export const NOT_API_STRATEGY_TEXT = "The 'open mode' is not set as the active power strategy";
