import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHar, startRecorder, startReplay } from '../../simulator/replay/index.ts';
import { send } from './support/session.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A device that fails on purpose: /reset resets the socket, /hang never answers, /busy answers 503. */
async function failingDevice(): Promise<string> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/reset') return req.socket.resetAndDestroy();
    if (req.url === '/hang') return;
    res.writeHead(503, 'Service Unavailable', { 'content-type': 'text/plain' });
    res.end('starting up');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the device's failures", () => {
  it('are recorded as what they were and answered as they would appear', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'battsim-fail-')), 'trace.har');
    const recorder = await startRecorder({ target: await failingDevice(), out, timeoutMs: 200 });
    closers.push(() => recorder.close());
    await expect(send(recorder.url, { path: '/reset' })).rejects.toThrow();
    expect((await send(recorder.url, { path: '/hang' })).status).toBe(504);
    const busy = await send(recorder.url, { path: '/busy' });
    expect([busy.status, busy.body.toString()]).toEqual([503, 'starting up']);
    const entries = parseHar(readFileSync(out, 'utf8')).log.entries;
    expect(entries.map((e) => [e.response.status, e._error])).toEqual([
      [0, 'ECONNRESET'],
      [0, 'timeout'],
      [503, undefined],
    ]);

    const replay = await startReplay({ recording: out });
    closers.push(() => replay.close());
    await expect(send(replay.url, { path: '/reset' })).rejects.toThrow();
    expect((await send(replay.url, { path: '/hang' })).status).toBe(504);
    expect((await send(replay.url, { path: '/busy' })).statusText).toBe('Service Unavailable');
  });

  it('include a device that cannot be reached: 502, and an entry saying why', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'battsim-fail-')), 'trace.har');
    const target = await failingDevice();
    await closers.pop()?.();
    const recorder = await startRecorder({ target, out });
    closers.push(() => recorder.close());
    expect((await send(recorder.url, { path: '/api/v1/power/status' })).status).toBe(502);
    expect(parseHar(readFileSync(out, 'utf8')).log.entries[0]?._error).toBe('ECONNREFUSED');
  });
});
