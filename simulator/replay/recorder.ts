/**
 * The recorder: a reverse proxy that forwards every request to the device and writes each exchange to a HAR
 * file before the client gets its answer, so whatever a client has seen is already on disk (adapter).
 */
import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { failureAnswer, HOP_BY_HOP } from './failure-answer.ts';
import { forward, type ForwardResult } from './forward.ts';
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

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, result: ForwardResult): void {
  if (result.response === null) {
    const a = failureAnswer(result.error ?? 'ECONNRESET');
    if (a.kind === 'reset') {
      res.socket?.resetAndDestroy();
      return;
    }
    res.writeHead(a.status, a.statusText, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(a.body) });
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
  res.writeHead(result.response.status, result.response.statusText, headers);
  res.end(result.response.body);
}

export async function startRecorder(options: RecorderOptions): Promise<RunningRecorder> {
  const o = checkRecorderOptions(options);
  const writer = openHarWriter(o.out, { sync: o.sync, comment: `Recorded from ${o.redactIdentity ? '(redacted)' : o.target.origin} by battsim record` });
  const redactor = createRedactor({ identity: o.redactIdentity, ...(o.redactKey !== undefined ? { key: o.redactKey } : {}) });
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedMs = o.nowMs();
    const body = await readBody(req);
    const path = req.url ?? '/';
    const result = await forward({ target: o.target, agent, method: req.method ?? 'GET', path, rawHeaders: req.rawHeaders, body, timeoutMs: o.timeoutMs });
    const entry = buildHarEntry({
      startedMs,
      // The Host header as the device received it, not as the client addressed the proxy.
      request: { method: req.method ?? 'GET', url: new URL(path, o.target).href, httpVersion: req.httpVersion, rawHeaders: req.rawHeaders.map((v, i) => (i % 2 === 1 && req.rawHeaders[i - 1]?.toLowerCase() === 'host' ? o.target.host : v)), body },
      response: result.response,
      ...(result.error !== undefined ? { error: result.error } : {}),
      timings: result.timings,
      ...(result.serverIPAddress !== undefined ? { serverIPAddress: result.serverIPAddress } : {}),
    });
    writer.append(redactor.redactEntry(entry));
    answer(res, result);
  };

  const server = createServer((req, res) => {
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
