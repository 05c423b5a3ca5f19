/**
 * The contract harness's error catalogue: problems with the run itself, never a device's failure (a failing case
 * is a result, not an exception). Codes are stable and never reused; test/contracts/errors.test.ts checks the set.
 * Messages say what failed, why, and what to do.
 */
export const CONTRACT_ERROR_CODES = Object.freeze([
  /** An option of runContracts is missing, unknown or out of range. */
  'CONTRACT_ERR_BAD_OPTION',
  /** A target is malformed (URL, credentials, pacing), or a live target lacks consent for what was asked. */
  'CONTRACT_ERR_BAD_TARGET',
  /** `--case` named an ID that no case of the suite has. */
  'CONTRACT_ERR_UNKNOWN_CASE',
  /** openapi/*.yaml could not be read or has no operation for a path the suite uses. */
  'CONTRACT_ERR_SPEC',
  /** The run was interrupted (the signal aborted); restoring still ran. */
  'CONTRACT_ERR_ABORTED',
  /** Restoring what the suite changed on the target failed; the summary lists what to put back by hand. */
  'CONTRACT_ERR_RESTORE_FAILED',
] as const);

export type ContractErrorCode = (typeof CONTRACT_ERROR_CODES)[number];

export class ContractError extends Error {
  override readonly name = 'ContractError';
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
