/**
 * Issue 19 item 6: the recorder keeps at most `maxBodyBytes` of a body and streams the rest through; an
 * existing --out is refused unless appending or overwriting was asked for.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import diagnostics_channel from 'node:diagnostics_channel';
import { type ClientRequest, createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHar, ReplayError, startRecorder } from '../../simulator/replay/index.ts';
import { fixtureEntry } from './support/har-fixtures.ts';

const closers: Array<() => Promise<void>> = [];
/** Listens on one of Node's diagnostics channels until the test ends. */
const watch = (channel: string, listener: diagnostics_channel.ChannelListener): void => {
  diagnostics_channel.subscribe(channel, listener);
  closers.push(async () => void diagnostics_channel.unsubscribe(channel, listener));
};
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
const outFile = (): string => join(mkdtempSync(join(tmpdir(), 'battsim-limits-')), 'trace.har');

/**
 * A device on loopback: POST answers with the number of body bytes it read; POST /reject answers 413 after
 * 16 kB (Homevolt's form limit) and reads the rest without keeping it; GET /big sends `bigBytes` bytes.
 */
async function startDevice(bigBytes = 0): Promise<string> {
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bigBytes });
      res.end(Buffer.alloc(bigBytes, 0x61));
      return;
    }
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (req.url === '/reject' && n > 16 * 1024 && !res.headersSent) {
        res.writeHead(413, { 'content-type': 'text/plain' });
        res.end('Payload Too Large');
      }
    });
    req.on('end', () => {
      if (!res.headersSent) res.end(JSON.stringify({ receivedBytes: n }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  server.on('connection', (s) => closers.push(async () => void s.destroy()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('issue 19: the recorder body limit', () => {
  it('passes a body longer than the limit through whole, and keeps only its first bytes, noting the cut', async () => {
    const out = outFile();
    const recorder = await startRecorder({ target: await startDevice(), out, maxBodyBytes: 64 * 1024 });
    closers.push(() => recorder.close());
    const body = Buffer.alloc(1024 * 1024, 0x62);
    const res = await fetch(`${recorder.url}/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
    expect(await res.json()).toEqual({ receivedBytes: 1024 * 1024 });
    const entry = parseHar(readFileSync(out, 'utf8')).log.entries[0]!;
    expect(entry.request.bodySize).toBe(1024 * 1024);
    expect(entry.request.postData?._truncated).toEqual({ keptBytes: 64 * 1024, totalBytes: 1024 * 1024 });
    expect(Buffer.from(entry.request.postData?.text ?? '', 'base64')).toHaveLength(64 * 1024);
    expect(entry.request.postData?.comment).toMatch(/first 65536 of 1048576 bytes/);
  });

  it('streams a response longer than the limit to the client whole, and keeps only its first bytes', async () => {
    const out = outFile();
    const recorder = await startRecorder({ target: await startDevice(300 * 1024), out, maxBodyBytes: 64 * 1024 });
    closers.push(() => recorder.close());
    const res = await fetch(`${recorder.url}/big`);
    expect((await res.arrayBuffer()).byteLength).toBe(300 * 1024);
    const entry = parseHar(readFileSync(out, 'utf8')).log.entries[0]!;
    expect(entry.response.content._truncated).toEqual({ keptBytes: 64 * 1024, totalBytes: 300 * 1024 });
    expect(Buffer.from(entry.response.content.text ?? '', 'base64')).toHaveLength(64 * 1024);
    expect(entry.response.bodySize).toBe(300 * 1024);
  });

  it('passes on the answer of a device that refuses an upload part-way, and keeps serving', async () => {
    const out = outFile();
    const recorder = await startRecorder({ target: await startDevice(), out, maxBodyBytes: 64 * 1024 });
    closers.push(() => recorder.close());
    const res = await fetch(`${recorder.url}/reject`, { method: 'POST', body: Buffer.alloc(4 * 1024 * 1024, 0x63) });
    expect(res.status).toBe(413);
    const entry = parseHar(readFileSync(out, 'utf8')).log.entries[0]!;
    expect(entry.response.status).toBe(413);
    expect((await fetch(`${recorder.url}/small`, { method: 'POST', body: 'x=1' }).then((r) => r.json())) as unknown).toEqual({ receivedBytes: 3 });
  });

  it('withholds a cut-off body sent to an endpoint that takes secrets, rather than keep half a password', async () => {
    const out = outFile();
    const recorder = await startRecorder({ target: await startDevice(), out, maxBodyBytes: 1024 });
    closers.push(() => recorder.close());
    const body = JSON.stringify({ ssid: 'x'.repeat(1010), pass: 'hunter2-password-long' });
    await fetch(`${recorder.url}/api/v1/wifi_sta/credentials`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const raw = readFileSync(out, 'utf8');
    expect(raw).not.toContain('hunter2');
    expect(parseHar(raw).log.entries[0]!.request.postData?._withheld).toMatch(/could not be read/);
  });
});

describe('issue 19: a body streams through the recorder at the pace of its slower side', () => {
  /**
   * A device that reads a POST body slowly: after each chunk it pauses for `turns` turns of the event loop (not
   * wall time), then answers with the number of bytes it read. `onChunk` runs at each chunk it reads.
   */
  async function startSlowDevice(turns: number, onChunk: () => void): Promise<string> {
    const server: Server = createServer((req, res) => {
      let n = 0;
      req.on('data', (c: Buffer) => {
        n += c.length;
        onChunk();
        req.pause();
        let left = turns;
        const turn = (): void => void (--left > 0 ? setImmediate(turn) : req.resume());
        setImmediate(turn);
      });
      req.on('end', () => res.end(JSON.stringify({ receivedBytes: n })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('holds at most a few stream buffers of an upload the device reads more slowly than the client sends it', async () => {
    const total = 32 * 1024 * 1024;
    // The recorder's two sides of the exchange, seen through Node's diagnostics channels (read only): its request
    // from the client, and its request to the device (the one the test client did not make).
    let fromClient: IncomingMessage | undefined;
    let toDevice: ClientRequest | undefined;
    let client: ClientRequest | undefined;
    let recorderPort = -1;
    const onServerRequest = (m: unknown): void => {
      const { request } = m as { request: IncomingMessage };
      if (request.socket.localPort === recorderPort) fromClient = request;
    };
    const onClientRequest = (m: unknown): void => {
      const { request } = m as { request: ClientRequest };
      if (request !== client) toDevice = request;
    };
    // What the recorder has read from the client and not yet passed to the device's socket: its request's
    // readable queue and its upstream request's writable queue. Sampled whenever the client sends or the device reads.
    let held = 0;
    let clientBlocked = false;
    const sample = (): void => {
      held = Math.max(held, (fromClient?.readableLength ?? 0) + (toDevice?.writableLength ?? 0));
      if (client?.writableNeedDrain === true) clientBlocked = true;
    };
    watch('http.server.request.start', onServerRequest);
    watch('http.client.request.start', onClientRequest);
    const recorder = await startRecorder({ target: await startSlowDevice(8, sample), out: outFile(), maxBodyBytes: 64 * 1024 });
    closers.push(() => recorder.close());
    recorderPort = Number(new URL(recorder.url).port);

    const chunk = Buffer.alloc(64 * 1024, 0x64);
    const chunks = function* (): Generator<Buffer> {
      for (let sent = 0; sent < total; sent += chunk.length) {
        sample();
        yield chunk;
      }
    };
    const received = await new Promise<number>((resolve, reject) => {
      client = httpRequest(`${recorder.url}/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'content-length': total } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve((JSON.parse(text) as { receivedBytes: number }).receivedBytes));
      });
      client.on('error', reject);
      pipeline(Readable.from(chunks()), client).catch(reject);
    });
    expect(received).toBe(total);
    // The device was the bottleneck: the client had to wait for it...
    expect(clientBlocked).toBe(true);
    // ...and the recorder waited with it instead of reading ahead into its own memory.
    expect(fromClient).toBeDefined();
    expect(toDevice).toBeDefined();
    expect(held).toBeLessThan(1024 * 1024);
  });

  it('holds at most a few stream buffers of an answer the client reads more slowly than the device sends it', async () => {
    const total = 32 * 1024 * 1024;
    let toClient: ServerResponse | undefined;
    let fromDevice: IncomingMessage | undefined;
    let recorderPort = -1;
    const onServerRequest = (m: unknown): void => {
      const { request, response } = m as { request: IncomingMessage; response: ServerResponse };
      if (request.socket.localPort === recorderPort) toClient = response;
    };
    // Only the recorder asks the device: the test client's answer comes from the recorder.
    const onClientResponse = (m: unknown): void => {
      const { response } = m as { response: IncomingMessage };
      if (response.socket?.remotePort !== recorderPort) fromDevice = response;
    };
    let held = 0;
    let deviceBlocked = false;
    let deviceAnswer: ServerResponse | undefined;
    const sample = (): void => {
      held = Math.max(held, (fromDevice?.readableLength ?? 0) + (toClient?.writableLength ?? 0));
      if (deviceAnswer?.writableNeedDrain === true) deviceBlocked = true;
    };
    watch('http.server.request.start', onServerRequest);
    watch('http.client.response.finish', onClientResponse);
    const chunk = Buffer.alloc(64 * 1024, 0x65);
    const device: Server = createServer((_req, res) => {
      deviceAnswer = res;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': total });
      const chunks = function* (): Generator<Buffer> {
        for (let sent = 0; sent < total; sent += chunk.length) {
          sample();
          yield chunk;
        }
      };
      pipeline(Readable.from(chunks()), res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => device.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => device.close(() => resolve())));
    const recorder = await startRecorder({ target: `http://127.0.0.1:${(device.address() as AddressInfo).port}`, out: outFile(), maxBodyBytes: 64 * 1024 });
    closers.push(() => recorder.close());
    recorderPort = Number(new URL(recorder.url).port);

    // A client that reads slowly: after each chunk it pauses for 8 turns of the event loop.
    const received = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${recorder.url}/big`, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => {
          n += c.length;
          sample();
          res.pause();
          let left = 8;
          const turn = (): void => void (--left > 0 ? setImmediate(turn) : res.resume());
          setImmediate(turn);
        });
        res.on('end', () => resolve(n));
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toBe(total);
    expect(deviceBlocked).toBe(true);
    expect(toClient).toBeDefined();
    expect(fromDevice).toBeDefined();
    expect(held).toBeLessThan(1024 * 1024);
  });
});

describe('issue 19: paths the device sees as paths', () => {
  it.each(['//ems.json', '//', '//x//y?q=1'])('passes %s to the device as a path and records it, never a 500', async (path) => {
    const out = outFile();
    const recorder = await startRecorder({ target: await startDevice(4), out });
    closers.push(() => recorder.close());
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const r = request(`${recorder.url}/`, { path, method: 'GET' }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      r.on('error', reject);
      r.end();
    });
    expect(status).toBe(200);
    const har = parseHar(readFileSync(out, 'utf8'));
    expect(new URL(har.log.entries[0]!.request.url).pathname + new URL(har.log.entries[0]!.request.url).search).toBe(path);
  });
});

describe('issue 19: a client that stops sending', () => {
  it('is answered 408 and closed once its request head has stalled for timeoutMs, not held open', async () => {
    const recorder = await startRecorder({ target: await startDevice(), out: outFile(), timeoutMs: 300 });
    closers.push(() => recorder.close());
    const { connect } = await import('node:net');
    const socket = connect(Number(new URL(recorder.url).port), '127.0.0.1');
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.write('GET /ems.json HTTP/1.1\r\nHost: x\r\n');
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('issue 19: record --out an existing file', () => {
  const existing = (): string => {
    const path = outFile();
    const entries = [
      fixtureEntry({ atS: 0, path: '/a', auth: 'Basic REDACTED-SECRET-1' }),
      fixtureEntry({ atS: 1, path: '/b', auth: 'Basic REDACTED-SECRET-2' }),
    ];
    writeFileSync(path, JSON.stringify({ log: { version: '1.2', creator: { name: 'battsim', version: '0' }, pages: [], comment: 'first session', entries } }, null, 2));
    return path;
  };

  it('is refused by default, and the recording is left as it was', async () => {
    const out = existing();
    const before = readFileSync(out, 'utf8');
    const error = await startRecorder({ target: 'http://127.0.0.1:9', out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayError);
    expect((error as ReplayError).code).toBe('REPLAY_ERR_OUT_EXISTS');
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('is added to with ifExists "append": a valid HAR holding old and new entries, with fresh secret stand-ins', async () => {
    const out = existing();
    const recorder = await startRecorder({ target: await startDevice(), out, ifExists: 'append' });
    closers.push(() => recorder.close());
    await fetch(`${recorder.url}/c`, { headers: { authorization: 'Bearer new-session-token' } });
    const har = parseHar(readFileSync(out, 'utf8'));
    expect(har.log.comment).toBe('first session');
    expect(har.log.entries.map((e) => new URL(e.request.url).pathname)).toEqual(['/a', '/b', '/c']);
    expect(har.log.entries[2]!.request.headers.find((h) => h.name === 'authorization')?.value).toBe('Bearer REDACTED-SECRET-3');
  });

  it('is replaced with ifExists "overwrite"', async () => {
    const out = existing();
    const recorder = await startRecorder({ target: await startDevice(), out, ifExists: 'overwrite' });
    closers.push(() => recorder.close());
    await fetch(`${recorder.url}/c`);
    expect(parseHar(readFileSync(out, 'utf8')).log.entries).toHaveLength(1);
  });

  it('refuses to append to a file that is not a HAR, and leaves it alone', async () => {
    const out = outFile();
    writeFileSync(out, 'my notes');
    const error = await startRecorder({ target: 'http://127.0.0.1:9', out, ifExists: 'append' }).catch((e: unknown) => e);
    expect((error as ReplayError).code).toBe('REPLAY_ERR_INVALID_HAR');
    expect(readFileSync(out, 'utf8')).toBe('my notes');
  });
});
