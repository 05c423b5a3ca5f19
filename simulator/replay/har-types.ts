/**
 * HAR 1.2 as this tool writes and reads it. Custom fields start with `_`, as the spec allows.
 * @see http://www.softwareishard.com/blog/har-12-spec/
 */
export interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

export interface HarPostData {
  readonly mimeType: string;
  readonly text: string;
  /** Not in HAR 1.2 for postData, but what Chrome writes for binary request bodies. */
  readonly _encoding?: 'base64';
  /** Why the body is not in the file (then `text` is a placeholder saying so); see docs/recording-and-redaction.md. */
  readonly _withheld?: string;
  /** The body was longer than the recorder keeps (`--max-body`): `text` holds the first `keptBytes` of it. */
  readonly _truncated?: HarTruncation;
  readonly comment?: string;
}

/** A body cut at the recorder's limit. */
export interface HarTruncation {
  /** Bytes kept in the file. */
  readonly keptBytes: number;
  /** Bytes that passed through (a lower bound when the device answered before the client finished sending). */
  readonly totalBytes: number;
}

export interface HarRequest {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly cookies: readonly HarNameValue[];
  readonly headers: readonly HarNameValue[];
  readonly queryString: readonly HarNameValue[];
  readonly postData?: HarPostData;
  /** Bytes of the request line and headers; -1 when unknown. */
  readonly headersSize: number;
  /** Bytes of the body; 0 when there is none. */
  readonly bodySize: number;
}

export interface HarContent {
  /** Bytes of the decoded body. */
  readonly size: number;
  readonly mimeType: string;
  readonly text?: string;
  readonly encoding?: 'base64';
  /** Why the body is not in the file (then `text` is a placeholder saying so). */
  readonly _withheld?: string;
  /** The body was longer than the recorder keeps: `text` holds the first `keptBytes` of it. */
  readonly _truncated?: HarTruncation;
  readonly comment?: string;
}

export interface HarResponse {
  /** 0 when no response arrived (see the entry's `_error`). */
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  readonly cookies: readonly HarNameValue[];
  readonly headers: readonly HarNameValue[];
  readonly content: HarContent;
  readonly redirectURL: string;
  readonly headersSize: number;
  readonly bodySize: number;
}

/** Phases of one exchange [ms]; -1 where a phase does not apply. */
export interface HarTimings {
  readonly blocked: number;
  readonly dns: number;
  readonly connect: number;
  readonly send: number;
  readonly wait: number;
  readonly receive: number;
  readonly ssl: number;
}

/** Why the device gave no response: a socket error code (`ECONNRESET`, `ECONNREFUSED` …) or `timeout`. */
export type ExchangeError = string;

export interface HarEntry {
  /** ISO 8601 with milliseconds. */
  readonly startedDateTime: string;
  /** Total time of the exchange [ms]. */
  readonly time: number;
  readonly request: HarRequest;
  readonly response: HarResponse;
  readonly cache: Record<string, never>;
  readonly timings: HarTimings;
  readonly serverIPAddress?: string;
  readonly _error?: ExchangeError;
}

export interface HarCreator {
  readonly name: string;
  readonly version: string;
  readonly comment?: string;
}

export interface HarLog {
  readonly version: '1.2';
  readonly creator: HarCreator;
  readonly pages: readonly never[];
  readonly entries: readonly HarEntry[];
  readonly comment?: string;
}

export interface HarDocument {
  readonly log: HarLog;
}
