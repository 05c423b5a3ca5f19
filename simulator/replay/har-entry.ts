/**
 * Builds HAR entries from what the proxy saw. Pure: the adapter hands in bytes, headers and times.
 */
import { contentFromBytes, headerBlockSize, pairsFromRaw, postDataFromBytes } from './content.ts';
import type { ExchangeError, HarContent, HarCreator, HarEntry, HarPostData, HarResponse, HarTimings, HarTruncation } from './har-types.ts';

export interface CapturedRequest {
  readonly method: string;
  /** Absolute URL of the device, e.g. http://192.168.1.50/api/v1/power/status. */
  readonly url: string;
  /** e.g. '1.1'. */
  readonly httpVersion: string;
  /** Node's flat rawHeaders. */
  readonly rawHeaders: readonly string[];
  /** The body, or its first bytes when it was longer than the recorder keeps. */
  readonly body: Uint8Array;
  /** Bytes of the whole body when `body` holds only the first of them; default body.length. */
  readonly totalBytes?: number;
}

export interface CapturedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  readonly rawHeaders: readonly string[];
  /** The body, or its first bytes when it was longer than the recorder keeps. */
  readonly body: Uint8Array;
  /** Bytes of the whole body when `body` holds only the first of them; default body.length. */
  readonly totalBytes?: number;
}

/** Phase durations [ms]; undefined where the phase did not happen. */
export interface CapturedTimings {
  readonly connectMs?: number;
  readonly sendMs?: number;
  readonly waitMs?: number;
  readonly receiveMs?: number;
}

export interface Exchange {
  /** When the request arrived [epoch ms]. */
  readonly startedMs: number;
  readonly request: CapturedRequest;
  /** null when the device failed to answer; then `error` says how. */
  readonly response: CapturedResponse | null;
  readonly error?: ExchangeError;
  readonly timings: CapturedTimings;
  readonly serverIPAddress?: string;
}

const round = (ms: number | undefined): number => (ms === undefined ? -1 : Math.round(ms * 1000) / 1000);

function buildTimings(t: CapturedTimings): HarTimings {
  return { blocked: -1, dns: -1, connect: round(t.connectMs), send: round(t.sendMs ?? 0), wait: round(t.waitMs ?? 0), receive: round(t.receiveMs ?? 0), ssl: -1 };
}

/** The note on a body cut at the recorder's limit, or undefined when it is whole. */
function truncation(kept: number, total: number | undefined): HarTruncation | undefined {
  return total !== undefined && total > kept ? { keptBytes: kept, totalBytes: total } : undefined;
}

const truncationNote = (t: HarTruncation): string => `battsim: only the first ${t.keptBytes} of ${t.totalBytes} bytes recorded (the recorder's body limit, --max-body); the rest passed through unrecorded`;

function truncatedPostData(postData: HarPostData | undefined, t: HarTruncation | undefined): HarPostData | undefined {
  return postData && t ? { ...postData, _truncated: t, comment: truncationNote(t) } : postData;
}

function truncatedContent(content: HarContent, t: HarTruncation | undefined): HarContent {
  return t ? { ...content, size: t.totalBytes, _truncated: t, comment: truncationNote(t) } : content;
}

const NO_RESPONSE: HarResponse = {
  status: 0,
  statusText: '',
  httpVersion: '',
  cookies: [],
  headers: [],
  content: { size: 0, mimeType: '' },
  redirectURL: '',
  headersSize: -1,
  bodySize: -1,
};

export function buildHarEntry(x: Exchange): HarEntry {
  const reqHeaders = pairsFromRaw(x.request.rawHeaders);
  const url = new URL(x.request.url);
  const requestCut = truncation(x.request.body.length, x.request.totalBytes);
  const postData = truncatedPostData(postDataFromBytes(x.request.body, reqHeaders), requestCut);
  const path = url.pathname + url.search;
  const timings = buildTimings(x.timings);
  let response = NO_RESPONSE;
  if (x.response !== null) {
    const headers = pairsFromRaw(x.response.rawHeaders);
    const statusLine = `HTTP/${x.response.httpVersion} ${x.response.status} ${x.response.statusText}`;
    const responseCut = truncation(x.response.body.length, x.response.totalBytes);
    response = {
      status: x.response.status,
      statusText: x.response.statusText,
      httpVersion: `HTTP/${x.response.httpVersion}`,
      cookies: [],
      headers,
      content: truncatedContent(contentFromBytes(x.response.body, headers), responseCut),
      redirectURL: headers.find((h) => h.name.toLowerCase() === 'location')?.value ?? '',
      headersSize: headerBlockSize(statusLine, headers),
      bodySize: responseCut?.totalBytes ?? x.response.body.length,
    };
  }
  const total = [timings.connect, timings.send, timings.wait, timings.receive].filter((v) => v > 0).reduce((a, b) => a + b, 0);
  return {
    startedDateTime: new Date(x.startedMs).toISOString(),
    time: Math.round(total * 1000) / 1000,
    request: {
      method: x.request.method,
      url: url.href,
      httpVersion: `HTTP/${x.request.httpVersion}`,
      cookies: [],
      headers: reqHeaders,
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(postData ? { postData } : {}),
      headersSize: headerBlockSize(`${x.request.method} ${path} HTTP/${x.request.httpVersion}`, reqHeaders),
      bodySize: requestCut?.totalBytes ?? x.request.body.length,
    },
    response,
    cache: {},
    timings,
    ...(x.serverIPAddress !== undefined ? { serverIPAddress: x.serverIPAddress } : {}),
    ...(x.error !== undefined ? { _error: x.error } : {}),
  };
}

export const BATTSIM_CREATOR: HarCreator = { name: 'battsim', version: '0.1.0' };

