/**
 * The simulator's one error catalogue (Fastify's pattern): every typed error has a stable code, used for exactly
 * one kind of failure and never reused, and the HTTP status an HTTP layer answers it with. The HTTP layers read
 * `error.statusCode`; nothing maps classes to statuses. docs/errors.md lists the same codes for users, and
 * test/core/error-catalogue.test.ts holds code, catalogue and doc together.
 *
 * What the emulated devices send on the wire (their own texts and statuses) is not here: that copies the device
 * (docs/http-errors.md). A status here is what the emulator's own planes (/_sim/, /_replay/) answer; codes that
 * only fail a start or a command line carry the status they would have if they ever reached HTTP.
 */
export const ERROR_CATALOGUE = {
  // The physics core's model errors.
  SIM_ERR_INVALID_PARAMETER: { statusCode: 400, meaning: 'A model parameter is out of range or not a finite number' },
  SIM_ERR_UNKNOWN_OPTION: { statusCode: 400, meaning: 'An options object holds a key the model does not know' },
  SIM_ERR_TIME_BACKWARDS: { statusCode: 400, meaning: 'A step was asked for a time before the model’s current time' },
  SIM_ERR_INVALID_COMMAND: { statusCode: 400, meaning: 'A power command is not a finite number' },
  SIM_ERR_INVALID_PRICE_FILE: { statusCode: 400, meaning: 'A price file could not be parsed' },
  SIM_ERR_INVALID_EVENT: { statusCode: 400, meaning: 'A scripted grid event is malformed' },
  // The sim plane (/_sim/ and the Node API's `control`).
  SIM_ERR_INVALID_STATE: { statusCode: 400, meaning: 'A state patch names an unknown field or a value out of range' },
  SIM_ERR_INVALID_FAULT: { statusCode: 400, meaning: 'A fault is malformed: unknown type, bad scope or out-of-range value' },
  SIM_ERR_INVALID_SCENARIO: { statusCode: 400, meaning: 'A scenario is malformed: not YAML/JSON, bad event or too many events' },
  SIM_ERR_INPUT_LIMIT: { statusCode: 400, meaning: 'A control request body nests too deep or holds a string, list or object beyond its limit' },
  SIM_ERR_BAD_REQUEST: { statusCode: 400, meaning: 'A control request could not be read (e.g. malformed JSON)' },
  SIM_ERR_UNAUTHORIZED: { statusCode: 401, meaning: 'A control request lacks the control token or sends a wrong one' },
  SIM_ERR_NOT_FOUND: { statusCode: 404, meaning: 'A control request names a fault (or other item) that does not exist' },
  SIM_ERR_NOT_SUPPORTED: { statusCode: 409, meaning: 'A control operation the device model or this emulator does not support' },
  SIM_ERR_CONFLICT: { statusCode: 409, meaning: 'A control operation was overtaken by another (a reset while a scenario loaded)' },
  SIM_ERR_BODY_TOO_LARGE: { statusCode: 413, meaning: 'A control request body is over the control plane’s size limit' },
  SIM_ERR_UNSUPPORTED_MEDIA_TYPE: { statusCode: 415, meaning: 'A control request body declares a type other than JSON, YAML or text' },
  SIM_ERR_INTERNAL: { statusCode: 500, meaning: 'A control request failed on an internal error (logged); a bug to report' },
  // Starting and running an emulator.
  RUNTIME_ERR_BAD_OPTION: { statusCode: 400, meaning: 'A start option is missing, unknown or out of range' },
  RUNTIME_ERR_CLOCK_MODE: { statusCode: 409, meaning: 'A clock operation does not fit the clock’s mode' },
  RUNTIME_ERR_UNSAFE_BIND: { statusCode: 400, meaning: 'The control plane would be exposed beyond loopback without a token' },
  RUNTIME_ERR_MDNS: { statusCode: 500, meaning: 'The mDNS advertisement could not be started on the address the emulator listens on' },
  RUNTIME_ERR_BAD_SITE: { statusCode: 400, meaning: 'A site file is not valid: a field is missing, unknown, out of range or clashes with another' },
  CLI_ERR_USAGE: { statusCode: 400, meaning: 'A command line names an unknown command or option, or a bad value' },
  // The Sessy model.
  SESSY_ERR_UNKNOWN_FIRMWARE: { statusCode: 400, meaning: 'A firmware profile was asked for that the emulator does not have' },
  SESSY_ERR_BAD_CONTROL: { statusCode: 400, meaning: 'A simulation-control value for the Sessy model is out of range' },
  SESSY_ERR_BAD_OPTION: { statusCode: 400, meaning: 'A Sessy device option is unknown or out of range' },
  // The Homevolt model (the statuses are also the device's own for the SPIFFS and booting cases).
  HOMEVOLT_ERR_BAD_OPTION: { statusCode: 400, meaning: 'A device option is unknown or out of range' },
  HOMEVOLT_ERR_UNKNOWN_PARAM: { statusCode: 400, meaning: 'A parameter name is not in the firmware’s table' },
  HOMEVOLT_ERR_BAD_PARAM_VALUE: { statusCode: 400, meaning: 'A parameter value has the wrong type, size or range' },
  HOMEVOLT_ERR_LOCAL_DISABLED: { statusCode: 409, meaning: 'A local schedule change was refused because settings_local is false' },
  HOMEVOLT_ERR_BAD_SCHEDULE: { statusCode: 400, meaning: 'A schedule entry is malformed (type, times, setpoint)' },
  HOMEVOLT_ERR_SPIFFS_FULL: { statusCode: 507, meaning: 'A file does not fit in the SPIFFS quota' },
  HOMEVOLT_ERR_SPIFFS_NOT_FOUND: { statusCode: 404, meaning: 'A SPIFFS path does not exist' },
  HOMEVOLT_ERR_SPIFFS_BAD_PATH: { statusCode: 400, meaning: 'A SPIFFS path is empty, too long or escapes the file system' },
  HOMEVOLT_ERR_UNAVAILABLE: { statusCode: 503, meaning: 'The device is booting or installing firmware' },
  // Record and replay.
  REPLAY_ERR_BAD_OPTION: { statusCode: 400, meaning: 'A recorder or replay option is missing, unknown or out of range' },
  REPLAY_ERR_INVALID_HAR: { statusCode: 400, meaning: 'A recording is not a HAR 1.2 document this tool can serve' },
  REPLAY_ERR_EMPTY_HAR: { statusCode: 400, meaning: 'A recording holds no entries to serve or to read telemetry from' },
  REPLAY_ERR_WRITE_FAILED: { statusCode: 500, meaning: 'The HAR file could not be created or extended on disk' },
  REPLAY_ERR_OUT_EXISTS: { statusCode: 409, meaning: 'The HAR file to record into exists and neither appending nor replacing it was asked for' },
  REPLAY_ERR_READ_FAILED: { statusCode: 500, meaning: 'A recording to replay could not be read from disk' },
  REPLAY_ERR_CLOCK_MODE: { statusCode: 409, meaning: 'A replay clock operation does not fit the clock’s mode' },
  REPLAY_ERR_NO_MATCH: { statusCode: 404, meaning: 'A replayed request matches no recorded request' },
  REPLAY_ERR_BAD_REQUEST: { statusCode: 400, meaning: 'A request the recorder cannot forward, such as CONNECT (it tunnels nothing)' },
  REPLAY_ERR_NO_TELEMETRY: { statusCode: 404, meaning: 'A recording holds no telemetry response of a known device' },
} as const satisfies Record<string, { readonly statusCode: number; readonly meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The base of every typed error of the simulator: a stable `code` and the `statusCode` the catalogue gives it. */
export class BattsimError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name: string = 'BattsimError';
  readonly statusCode: number;
  constructor(
    readonly code: C,
    message: string,
  ) {
    super(message);
    this.statusCode = ERROR_CATALOGUE[code].statusCode;
  }
}

/** One area's codes with their meanings, e.g. `meaningsOf(['SIM_ERR_INVALID_PARAMETER', …])`. */
export function meaningsOf<const C extends ErrorCode>(codes: readonly C[]): { readonly [K in C]: string } {
  return Object.freeze(Object.fromEntries(codes.map((code) => [code, ERROR_CATALOGUE[code].meaning]))) as { readonly [K in C]: string };
}
