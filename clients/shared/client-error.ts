/**
 * The shape both clients' error catalogues share (clients/sessy/errors.ts, clients/homevolt/errors.ts): a stable
 * `code` per area, and a `kind` that is the same across devices so control code can react without knowing which
 * battery it drives (re-authenticate, back off, take control again, retry later).
 */
export type ClientErrorKind =
  /** The device refused the credentials (401). */
  | 'auth'
  /** The device answered with its own error; `deviceMessage` holds its text. */
  | 'device'
  /** The device is not in a mode that accepts commands (Sessy: strategy not API; Homevolt: settings_local off). */
  | 'not-in-control'
  /** Too many failed logins: the device refuses all requests for a while (Homevolt). */
  | 'lockout'
  /** No complete answer within the timeout. */
  | 'timeout'
  /** The connection was refused, reset or closed before the whole answer arrived. */
  | 'connection'
  /** An answer that does not match the spec; `jsonPath` names where. */
  | 'protocol'
  /** A command was accepted but reading it back shows something else (Homevolt). */
  | 'verify'
  /** The caller passed an option or argument the client cannot use. */
  | 'bad-argument';

export interface ClientErrorDetails {
  readonly status?: number;
  readonly deviceMessage?: string;
  readonly jsonPath?: string;
  readonly attempts?: number;
  readonly cause?: unknown;
}

export abstract class DeviceClientError<Code extends string> extends Error {
  abstract readonly kind: ClientErrorKind;
  /** HTTP status of the answer, when there was one. */
  readonly status: number | undefined;
  /** The device's own error text, verbatim. */
  readonly deviceMessage: string | undefined;
  /** JSON path of a protocol mismatch, e.g. `$.sessy.power`. */
  readonly jsonPath: string | undefined;
  /** Attempts made (reads are retried). */
  readonly attempts: number | undefined;

  constructor(
    readonly code: Code,
    message: string,
    details: ClientErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.deviceMessage = details.deviceMessage;
    this.jsonPath = details.jsonPath;
    this.attempts = details.attempts;
  }
}
