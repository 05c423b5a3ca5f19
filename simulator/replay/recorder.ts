/**
 * The recorder: a reverse proxy that forwards every request to the device and writes each exchange to a HAR
 * file before the client gets its answer, so whatever a client has seen is already on disk (adapter).
 * Bodies stream through; the recording keeps at most `maxBodyBytes` of each (docs/recording-and-redaction.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { failureAnswer, HOP_BY_HOP } from './failure-answer.ts';
import { forward, type ForwardResult } from './forward.ts';
import { serveInOrder } from './in-order.ts';
import { buildHarEntry } from './har-entry.ts';
import { openHarWriter } from './har-writer.ts';
import { checkRecorderOptions, type RecorderOptions } from './recorder-options.ts';
import { createRedactor } from './redact.ts';

export interface RunningRecorder {
  /** Where clients connect instead of the device, e.g. http://127.0.0.1:8090. */
  readonly url: string;
  /** The HAR file. */
  readonly out: string;
  /** Exchanges written so far. */
  entries(): number;
  close(): Promise<void>;
}

/** The number after the highest secret stand-in a recording already uses, so appended entries do not reuse one. */
export function nextSecretNumber(harText: string): number {
  let max = 0;
  for (const m of harText.matchAll(/REDACTED-SECRET-(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max + 1;
}

/** `close`: end the client's connection after this answer (its request body was not all read). */
function answer(res: ServerResponse, result: ForwardResult, close: boolean): void {
  if (result.response === null) {
    const a = failureAnswer(result.error ?? 'ECONNRESET');
    if (a.kind === 'reset') {
      res.socket?.resetAndDestroy();
      return;
    }
    res.writeHead(a.status, a.statusText, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(a.body), ...(close ? { connection: 'close' } : {}) });
    res.end(a.body);
    return;
  }
  const raw = result.response.rawHeaders;
  const headers: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    const lower = name.toLowerCase();
    // The device closing its socket after an error (docs/sessy.md §1.1) is passed on; other framing is ours.
    if (lower === 'connection' && /close/i.test(raw[i + 1] ?? '')) headers.push(name, 'close');
    else if (!HOP_BY_HOP.has(lower)) headers.push(name, raw[i + 1] ?? '');
  }
  if (close && !headers.some((h, i) => i % 2 === 0 && h.toLowerCase() === 'connection')) headers.push('Connection', 'close');
  res.writeHead(result.response.status, result.response.statusText, headers);
  if (result.responseStream === undefined) {
    res.end(result.response.body);
    return;
  }
  // Longer than the recording keeps: what was read, then the rest straight from the device.
  for (const chunk of result.responseStream.head) res.write(chunk);
  const rest = result.responseStream.rest;
  rest.on('error', () => res.destroy());
  rest.on('aborted', () => res.destroy());
  // A client that leaves mid-body: the device's stream is dropped, not left paused holding its socket.
  res.on('close', () => {
    if (!res.writableFinished) rest.destroy();
  });
  rest.pipe(res);
}

/**
 * The URL a request reached the device at. A path is appended to the origin as it was sent: resolving it against
 * the target would read `//ems.json` as a host (and `//` alone as no URL at all), though the device sees a path.
 */
function recordedUrl(path: string, target: URL): string {
  if (path.startsWith('/')) return target.origin + path;
  try {
    return new URL(path, target).href;
  } catch {
    return `${target.origin}/${path}`;
  }
}

export async function startRecorder(options: RecorderOptions): Promise<RunningRecorder> {
  const o = checkRecorderOptions(options);
  const firstSecretNumber = o.ifExists === 'append' && existsSync(o.out) ? nextSecretNumber(readFileSync(o.out, 'utf8')) : 1;
  const writer = openHarWriter(o.out, { sync: o.sync, ifExists: o.ifExists, comment: `Recorded from ${o.redactIdentity ? '(redacted)' : o.target.origin} by battsim record` });
  const redactor = createRedactor({ identity: o.redactIdentity, firstSecretNumber, ...(o.redactKey !== undefined ? { key: o.redactKey } : {}) });
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedMs = o.nowMs();
    const path = req.url ?? '/';
    const result = await forward({ target: o.target, agent, method: req.method ?? 'GET', path, rawHeaders: req.rawHeaders, body: req, maxBodyBytes: o.maxBodyBytes, timeoutMs: o.timeoutMs });
    const body = result.requestBody.kept();
    const entry = buildHarEntry({
      startedMs,
      // The Host header as the device received it, not as the client addressed the proxy.
      request: { method: req.method ?? 'GET', url: recordedUrl(path, o.target), httpVersion: req.httpVersion, rawHeaders: req.rawHeaders.map((v, i) => (i % 2 === 1 && req.rawHeaders[i - 1]?.toLowerCase() === 'host' ? o.target.host : v)), body, totalBytes: result.requestBody.totalBytes },
      response: result.response,
      ...(result.error !== undefined ? { error: result.error } : {}),
      timings: result.timings,
      ...(result.serverIPAddress !== undefined ? { serverIPAddress: result.serverIPAddress } : {}),
    });
    writer.append(redactor.redactEntry(entry));
    // The device answered before the body ended (it refused it, or did not need it): the rest is read and dropped,
    // not kept, and the connection closes after the answer, since where the next request would start is unknown.
    // A client that stopped sending mid-body is so never left waiting (issue 19: the fuzzer's hangs).
    answer(res, result, !req.complete);
    if (!req.complete) {
      req.unpipe();
      req.resume();
    }
  };

  // A client that stops sending its request head is answered 408 and closed after timeoutMs, as the device would
  // (its receive timeout); a stalled body is the device's to time out, since the body streams through to it.
  const serverOptions = { headersTimeout: o.timeoutMs, requestTimeout: 0, connectionsCheckingInterval: Math.min(1000, o.timeoutMs) };
  const server = createServer(serverOptions);
  serveInOrder(server, (req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'REPLAY_ERR_WRITE_FAILED', message: err.message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}`,
    out: o.out,
    entries: () => writer.count,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
      writer.close();
    },
  };
}
