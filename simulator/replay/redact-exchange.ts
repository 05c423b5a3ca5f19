/**
 * One request/response pair redacted exactly as the recorder redacts it, for anything that shows traffic
 * (a dashboard, a log): `redactExchange({ request: { method, url, headers, body }, response: { status, headers,
 * body } })`. Pure. Pass the same `redactor` (createRedactor) to a series of calls to keep stand-ins consistent
 * across them, as within one recording. @see docs/recording-and-redaction.md
 */
import { bytesFromContent, bytesFromPostData } from './content.ts';
import { buildHarEntry } from './har-entry.ts';
import type { HarNameValue } from './har-types.ts';
import { createRedactor, type Redactor } from './redact.ts';

/** Headers as Node (`req.headers`), fetch (`[...headers]`) or a HAR give them. */
export type HeadersLike = Readonly<Record<string, string | readonly string[] | number | undefined>> | ReadonlyArray<readonly [string, string]> | readonly HarNameValue[];

export interface ExchangeToRedact {
  readonly request: {
    readonly method: string;
    /** Absolute, or a path with query (`/params.json?x=1`). */
    readonly url: string;
    readonly headers?: HeadersLike;
    readonly body?: string | Uint8Array;
  };
  readonly response?: {
    readonly status: number;
    readonly statusText?: string;
    readonly headers?: HeadersLike;
    readonly body?: string | Uint8Array;
  };
}

export interface RedactedMessage {
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The body as text; base64 when `bodyEncoding` says so (bytes that are not UTF-8). '' when there is none. */
  readonly body: string;
  readonly bodyEncoding: 'utf8' | 'base64';
  /** Set when the body was withheld: `body` is then a placeholder and this says why. */
  readonly withheld?: string;
}

export interface RedactedExchange {
  readonly request: RedactedMessage & { readonly method: string; readonly url: string };
  readonly response: (RedactedMessage & { readonly status: number }) | null;
}

export interface RedactExchangeOptions {
  /** Also replace serials, MACs, hostnames, IPs and SSIDs; default false. Ignored when `redactor` is given. */
  readonly identity?: boolean;
  /** A redactor shared by several calls, for consistent stand-ins; default a fresh one per call. */
  readonly redactor?: Redactor;
}

function rawHeaders(headers: HeadersLike | undefined): string[] {
  if (headers === undefined) return [];
  if (Array.isArray(headers)) return headers.flatMap((h: readonly [string, string] | HarNameValue) => ('name' in h ? [h.name, h.value] : [h[0], h[1]]));
  return Object.entries(headers as Record<string, string | readonly string[] | number | undefined>).flatMap(([name, v]) => (v === undefined ? [] : Array.isArray(v) ? v.flatMap((one) => [name, String(one)]) : [name, String(v)]));
}

const bytes = (body: string | Uint8Array | undefined): Buffer => (body === undefined ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body));
const pairs = (hs: readonly HarNameValue[]): Array<readonly [string, string]> => hs.map((h) => [h.name, h.value] as const);
const BASE = 'http://device.invalid';

export function redactExchange(x: ExchangeToRedact, options: RedactExchangeOptions = {}): RedactedExchange {
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(x.request.url);
  const entry = buildHarEntry({
    startedMs: 0,
    request: { method: x.request.method, url: new URL(x.request.url, BASE).href, httpVersion: '1.1', rawHeaders: rawHeaders(x.request.headers), body: bytes(x.request.body) },
    response: x.response ? { status: x.response.status, statusText: x.response.statusText ?? '', httpVersion: '1.1', rawHeaders: rawHeaders(x.response.headers), body: bytes(x.response.body) } : null,
    timings: {},
  });
  const redacted = (options.redactor ?? createRedactor({ identity: options.identity ?? false })).redactEntry(entry);
  const req = redacted.request;
  const res = redacted.response;
  const url = relative ? req.url.slice(BASE.length) : req.url;
  const reqBody = req.postData;
  return {
    request: {
      method: req.method,
      url,
      headers: pairs(req.headers),
      body: reqBody === undefined ? '' : reqBody._encoding === 'base64' ? bytesFromPostData(reqBody).toString('base64') : reqBody.text,
      bodyEncoding: reqBody?._encoding === 'base64' ? 'base64' : 'utf8',
      ...(reqBody?._withheld !== undefined ? { withheld: reqBody._withheld } : {}),
    },
    response: x.response
      ? {
          status: res.status,
          headers: pairs(res.headers),
          body: res.content.text === undefined ? '' : res.content.encoding === 'base64' ? bytesFromContent(res.content).toString('base64') : res.content.text,
          bodyEncoding: res.content.encoding === 'base64' ? 'base64' : 'utf8',
          ...(res.content._withheld !== undefined ? { withheld: res.content._withheld } : {}),
        }
      : null,
  };
}
