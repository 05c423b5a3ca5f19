/**
 * The request log as `/_sim/log` and the dashboard show it: each entry with its bodies redacted by the
 * recorder's own redactor (simulator/replay/redact.ts), so whatever the recorder keeps off disk — Basic
 * credentials, Homevolt parameter passwords, Wi-Fi keys — never reaches a log reader either, and an
 * improvement to the recorder's redaction applies here without a change. This is the one place that calls it.
 */
import type { CapturedExchange, RequestLogEntry } from '../../control/request-log.ts';
import { buildHarEntry, createRedactor } from '../../replay/index.ts';

/** A log entry as readers see it: the record's fields, its URL and bodies redacted. */
export interface RequestLogView extends Pick<RequestLogEntry, 'seq' | 'simTimeMs' | 'wallTimeMs' | 'method' | 'status' | 'durationMs' | 'faults'> {
  /** Path and query, redacted (a secret in a query parameter is replaced too). */
  readonly url: string;
  readonly request: BodyView | null;
  readonly response: BodyView | null;
}

export interface BodyView {
  readonly contentType: string;
  /** UTF-8 text, or base64 when `encoding` says so (a firmware image). */
  readonly body: string;
  readonly encoding?: 'base64';
}

/** A host for the HAR entry's absolute URL; the redactor needs one, the view drops it. */
const ORIGIN = 'http://device.invalid';

/** Redacts one entry. A fresh redactor per entry: stand-ins are numbered within the entry. */
export function redactEntryView(entry: RequestLogEntry): RequestLogView {
  const base = { seq: entry.seq, simTimeMs: entry.simTimeMs, wallTimeMs: entry.wallTimeMs, method: entry.method, status: entry.status, durationMs: entry.durationMs, faults: entry.faults };
  const x = entry.exchange;
  if (x === undefined) return { ...base, url: entry.url, request: null, response: null };
  const har = createRedactor({ identity: false }).redactEntry(
    buildHarEntry({
      startedMs: entry.wallTimeMs,
      request: { method: entry.method, url: ORIGIN + entry.url, httpVersion: '1.1', rawHeaders: x.requestHeaders, body: x.requestBody ?? new Uint8Array() },
      response: responseOf(entry, x),
      timings: {},
    }),
  );
  const url = har.request.url.startsWith(ORIGIN) ? har.request.url.slice(ORIGIN.length) : entry.url;
  const post = har.request.postData;
  const request: BodyView | null = post === undefined ? null : { contentType: post.mimeType, body: post.text, ...(post._encoding === 'base64' ? { encoding: 'base64' as const } : {}) };
  const content = har.response.content;
  const response: BodyView | null =
    x.responseBody === null || content.text === undefined ? null : { contentType: content.mimeType, body: content.text, ...(content.encoding === 'base64' ? { encoding: 'base64' as const } : {}) };
  return { ...base, url, request, response };
}

function responseOf(entry: RequestLogEntry, x: CapturedExchange): Parameters<typeof buildHarEntry>[0]['response'] {
  if (entry.status === null) return null;
  const body = x.responseBody ?? new Uint8Array();
  return { status: entry.status, statusText: '', httpVersion: '1.1', rawHeaders: x.responseContentType === null ? [] : ['content-type', x.responseContentType], body };
}

/**
 * Views of log entries, each redacted once and remembered by its sequence number while it may still be read: a
 * dashboard polling the log redacts only what is new. The log builds new entry objects at every read, so the
 * number, which is never reused, is the key; the oldest views are forgotten beyond `keep` (the log's capacity, twice).
 */
export function createLogViewer(keep: number): (entries: readonly RequestLogEntry[]) => RequestLogView[] {
  const memo = new Map<number, RequestLogView>();
  return (entries) =>
    entries.map((e) => {
      let view = memo.get(e.seq);
      if (view === undefined) {
        view = redactEntryView(e);
        memo.set(e.seq, view);
        if (memo.size > keep) memo.delete(memo.keys().next().value!);
      }
      return view;
    });
}
