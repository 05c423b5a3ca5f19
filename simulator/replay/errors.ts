/** Errors of the record/replay layer: one catalogue of stable codes, never reused. */
export const REPLAY_ERROR_CODES = {
  REPLAY_ERR_BAD_OPTION: 'A recorder or replay option is missing, unknown or out of range',
  REPLAY_ERR_INVALID_HAR: 'A recording is not a HAR 1.2 document this tool can serve',
  REPLAY_ERR_EMPTY_HAR: 'A recording holds no entries to serve or to read telemetry from',
  REPLAY_ERR_WRITE_FAILED: 'The HAR file could not be created or extended on disk',
  REPLAY_ERR_OUT_EXISTS: 'The HAR file to record into exists and neither appending nor replacing it was asked for',
  REPLAY_ERR_READ_FAILED: 'A recording to replay could not be read from disk',
  REPLAY_ERR_CLOCK_MODE: 'A replay clock operation does not fit the clock’s mode',
  REPLAY_ERR_NO_MATCH: 'A replayed request matches no recorded request',
  REPLAY_ERR_NO_TELEMETRY: 'A recording holds no telemetry response of a known device',
} as const;

export type ReplayErrorCode = keyof typeof REPLAY_ERROR_CODES;

export class ReplayError extends Error {
  override readonly name = 'ReplayError';
  constructor(
    readonly code: ReplayErrorCode,
    message: string,
  ) {
    super(message);
  }
}
