/**
 * Forwards one request to the device and captures what came back, or how it failed (adapter over node:http).
 */
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import type { CapturedResponse, CapturedTimings } from './har-entry.ts';
import { HOP_BY_HOP } from './failure-answer.ts';

export interface ForwardInput {
  readonly target: URL;
  readonly agent: Agent;
  readonly method: string;
  /** Path and query, as the client sent it. */
  readonly path: string;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly timeoutMs: number;
}

export interface ForwardResult {
  readonly response: CapturedResponse | null;
  readonly error?: string;
  readonly timings: CapturedTimings;
  readonly serverIPAddress?: string;
}

function forwardedHeaders(rawHeaders: readonly string[], target: URL): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    if (HOP_BY_HOP.has(name.toLowerCase()) && name.toLowerCase() !== 'proxy-authorization') continue;
    out.push(name, name.toLowerCase() === 'host' ? target.host : (rawHeaders[i + 1] ?? ''));
  }
  return out;
}

export function forward(input: ForwardInput): Promise<ForwardResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let tConnect: number | undefined;
    let tSent = t0;
    let tFirstByte: number | undefined;
    let ip: string | undefined;
    let settled = false;
    const finish = (r: ForwardResult): void => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const timings = (): CapturedTimings => ({
      ...(tConnect !== undefined ? { connectMs: tConnect - t0 } : {}),
      sendMs: tSent - (tConnect ?? t0),
      waitMs: (tFirstByte ?? performance.now()) - tSent,
      receiveMs: tFirstByte === undefined ? 0 : performance.now() - tFirstByte,
    });
    const upstream = httpRequest({
      protocol: input.target.protocol,
      hostname: input.target.hostname.replace(/^\[|\]$/g, ''),
      port: input.target.port || 80,
      method: input.method,
      path: input.path,
      headers: forwardedHeaders(input.rawHeaders, input.target),
      agent: input.agent,
    });
    upstream.setTimeout(input.timeoutMs, () => upstream.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    upstream.on('socket', (socket) => {
      ip = socket.remoteAddress;
      if (socket.connecting) socket.once('connect', () => ((tConnect = performance.now()), (ip = socket.remoteAddress)));
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => finish({ response: null, error: err.code ?? err.message, timings: timings(), ...(ip ? { serverIPAddress: ip } : {}) }));
    upstream.on('response', (res: IncomingMessage) => {
      tFirstByte = performance.now();
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err: NodeJS.ErrnoException) => finish({ response: null, error: err.code ?? err.message, timings: timings() }));
      res.on('aborted', () => finish({ response: null, error: 'ECONNRESET', timings: timings() }));
      res.on('end', () => {
        if (!res.complete) return finish({ response: null, error: 'ECONNRESET', timings: timings() });
        finish({
          response: { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', httpVersion: res.httpVersion, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) },
          timings: timings(),
          ...(ip ? { serverIPAddress: ip } : {}),
        });
      });
    });
    upstream.end(input.body, () => (tSent = performance.now()));
  });
}
