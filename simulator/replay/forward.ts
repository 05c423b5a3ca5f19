/**
 * Forwards one request to the device and captures what came back, or how it failed (adapter over node:http).
 * Both bodies stream through: the request is piped to the device as it arrives, and only the first
 * `maxBodyBytes` of each body are kept for the recording, so a 50 MB upload costs the recorder ~1 MB.
 */
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBodyTap, type BodyTap } from './body-tap.ts';
import type { CapturedResponse, CapturedTimings } from './har-entry.ts';
import { HOP_BY_HOP } from './failure-answer.ts';

export interface ForwardInput {
  readonly target: URL;
  readonly agent: Agent;
  readonly method: string;
  /** Path and query, as the client sent it. */
  readonly path: string;
  readonly rawHeaders: readonly string[];
  /** The client's request body, streamed to the device as it arrives. */
  readonly body: Readable;
  /** Bytes of each body kept for the recording; the rest passes through. */
  readonly maxBodyBytes: number;
  readonly timeoutMs: number;
}

export interface ForwardResult {
  readonly response: CapturedResponse | null;
  readonly error?: string;
  readonly timings: CapturedTimings;
  readonly serverIPAddress?: string;
  /** The request body as far as the recording keeps it. */
  readonly requestBody: BodyTap;
  /**
   * When the response body is longer than the recording keeps: the chunks read so far (all to be sent to the
   * client) and the device's stream, paused, with the rest.
   */
  readonly responseStream?: { readonly head: readonly Buffer[]; readonly rest: IncomingMessage };
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
    const requestBody = createBodyTap(input.maxBodyBytes);
    const finish = (r: Omit<ForwardResult, 'requestBody'>): void => {
      if (settled) return;
      settled = true;
      resolve({ ...r, requestBody });
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
    let responded = false;
    upstream.setTimeout(input.timeoutMs, () => upstream.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    upstream.on('socket', (socket) => {
      ip = socket.remoteAddress;
      if (socket.connecting) {
        socket.once('connect', () => {
          tConnect = performance.now();
          ip = socket.remoteAddress;
        });
      }
    });
    // A device that answers before the upload ends (413 after 16 kB) makes the rest of the upload fail: its
    // answer is what counts.
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (!responded) finish({ response: null, error: err.code ?? err.message, timings: timings(), ...(ip ? { serverIPAddress: ip } : {}) });
    });
    upstream.on('response', (res: IncomingMessage) => {
      responded = true;
      tFirstByte = performance.now();
      const chunks: Buffer[] = [];
      const tap = createBodyTap(input.maxBodyBytes);
      const captured = (): CapturedResponse => ({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', httpVersion: res.httpVersion, rawHeaders: res.rawHeaders, body: tap.kept(), totalBytes: tap.totalBytes });
      const onData = (c: Buffer): void => {
        chunks.push(c);
        tap.push(c);
        if (!tap.truncated) return;
        // Longer than the recording keeps: hand the stream over, to be passed on without being kept.
        res.pause();
        res.off('data', onData);
        const declared = Number(res.headers['content-length']);
        finish({
          response: { ...captured(), ...(Number.isSafeInteger(declared) && declared > tap.totalBytes ? { totalBytes: declared } : {}) },
          timings: timings(),
          ...(ip ? { serverIPAddress: ip } : {}),
          responseStream: { head: chunks, rest: res },
        });
      };
      res.on('data', onData);
      res.on('error', (err: NodeJS.ErrnoException) => finish({ response: null, error: err.code ?? err.message, timings: timings() }));
      res.on('aborted', () => finish({ response: null, error: 'ECONNRESET', timings: timings() }));
      res.on('end', () => {
        // The device answered before the upload ended (it refused it): stop sending it the rest.
        if (!(input.body as IncomingMessage).complete) {
          input.body.unpipe(upstream);
          upstream.destroy();
        }
        if (!res.complete) return finish({ response: null, error: 'ECONNRESET', timings: timings() });
        finish({ response: captured(), timings: timings(), ...(ip ? { serverIPAddress: ip } : {}) });
      });
    });
    input.body.on('data', (c: Buffer) => requestBody.push(c));
    // A client that gives up mid-upload: the device must not wait for the rest.
    input.body.on('close', () => {
      if (!(input.body as IncomingMessage).complete && !responded) upstream.destroy(Object.assign(new Error('client aborted'), { code: 'ECONNRESET' }));
    });
    input.body.on('end', () => (tSent = performance.now()));
    // A request that declares its body length goes out at once, head first, as the device would see it from the
    // client: the device answers what it refuses before the body (404, 405, 401), and times out a body that never
    // comes (408). Node would otherwise hold the head until the first body byte, and the exchange would hang.
    if ((input.body as IncomingMessage).headers?.['content-length'] !== undefined) upstream.flushHeaders();
    input.body.pipe(upstream);
  });
}
