/** Errors of the record/replay layer: one catalogue of stable codes, never reused. */
import { BattsimError, meaningsOf } from '../core/error-catalogue.ts';

export const REPLAY_ERROR_CODES = meaningsOf([
  'REPLAY_ERR_BAD_OPTION',
  'REPLAY_ERR_INVALID_HAR',
  'REPLAY_ERR_EMPTY_HAR',
  'REPLAY_ERR_WRITE_FAILED',
  'REPLAY_ERR_OUT_EXISTS',
  'REPLAY_ERR_READ_FAILED',
  'REPLAY_ERR_CLOCK_MODE',
  'REPLAY_ERR_NO_MATCH',
  'REPLAY_ERR_NO_TELEMETRY',
]);

export type ReplayErrorCode = keyof typeof REPLAY_ERROR_CODES;

export class ReplayError extends BattsimError<ReplayErrorCode> {
  override readonly name = 'ReplayError';
}
