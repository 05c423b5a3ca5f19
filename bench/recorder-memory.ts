/**
 * Memory of `battsim record` under a 50 MB upload (issue 19: it used to add 104 MB). The recorder runs alone in
 * a child process; a device on loopback reads and counts the body; the client streams it in 64 KiB chunks.
 * Figure: the recorder's peak RSS growth over its own RSS after warm-up, with the default 1 MiB body limit, beside
 * the same upload through a bare node:http proxy in the same run (bench/bare-proxy-child.ts: `req.pipe(upstream)`,
 * nothing kept), which is the least any proxy on node:http costs; the same with an upload four times larger (the
 * growth is bounded, not proportional); the upload with the whole body kept; and the peak of
 * `process.memoryUsage().arrayBuffers`, which is where the growth is.
 * Where it is: node:http copies each body chunk the socket delivers into a fresh ArrayBuffer (up to 64 KiB), which
 * is garbage once written to the device, and V8 frees such buffers in a young-generation GC that it starts only
 * when about 32 MB of them have accumulated (2 x its default maximum semi-space, not changed by
 * --max-semi-space-size; `--trace-gc` shows a Scavenge "external memory pressure" every ~32 MB uploaded). Nothing
 * waits in the recorder's queues meanwhile (test/replay/recorder-limits.test.ts, "at the pace of its slower side": at
 * most 64 KiB). Run: npx tsx bench/recorder-memory.ts [MB]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './bench.ts';
import type { MemoryReport } from './memory-over-ipc.ts';

export const name = 'recorder-memory';

const MB = 1024 * 1024;

async function startDevice(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => res.end(JSON.stringify({ receivedBytes: n })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** POSTs `bytes` bytes, streamed; resolves with what the device says it received. */
async function upload(url: string, bytes: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const chunks = function* (): Generator<Buffer> {
    for (let sent = 0; sent < bytes; sent += chunk.length) yield sent + chunk.length <= bytes ? chunk : chunk.subarray(0, bytes - sent);
  };
  return new Promise((resolve, reject) => {
    const req = request(`${url}/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'content-length': bytes } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve((JSON.parse(text) as { receivedBytes: number }).receivedBytes));
    });
    req.on('error', reject);
    pipeline(Readable.from(chunks()), req).catch(reject);
  });
}

const ask = <T>(child: ChildProcess, message: string): Promise<T> =>
  new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message);
  });

/** Peak growth of a proxy child's RSS and `arrayBuffers` while `bytes` are uploaded through it [MB]. */
interface Growth {
  readonly rssMb: number;
  readonly arrayBuffersMb: number;
}

/** `proxy`: the recorder keeping `maxBodyBytes` of each body, or the bare node:http proxy. */
async function growth(deviceUrl: string, proxy: { maxBodyBytes: number } | 'bare', bytes: number): Promise<Growth> {
  const child =
    proxy === 'bare'
      ? fork(fileURLToPath(new URL('./bare-proxy-child.ts', import.meta.url)), [deviceUrl], { execArgv: ['--import', 'tsx'] })
      : fork(fileURLToPath(new URL('./recorder-memory-child.ts', import.meta.url)), [deviceUrl, join(mkdtempSync(join(tmpdir(), 'battsim-bench-')), 'trace.har'), String(proxy.maxBodyBytes)], { execArgv: ['--import', 'tsx'] });
  const { url } = await new Promise<{ url: string }>((resolve) => child.once('message', (m) => resolve(m as { url: string })));
  try {
    for (let i = 0; i < 20; i++) await upload(url, 64 * 1024);
    const before = await ask<MemoryReport>(child, 'measure');
    const received = await upload(url, bytes);
    if (received !== bytes) throw new Error(`the device received ${received} of ${bytes} bytes`);
    const after = await ask<MemoryReport>(child, 'measure');
    return { rssMb: (after.peakRss - before.rss) / MB, arrayBuffersMb: (after.peakArrayBuffers - before.arrayBuffers) / MB };
  } finally {
    child.send('close');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function run(uploadMb = 50): Promise<readonly BenchResult[]> {
  const device = await startDevice();
  try {
    const bytes = uploadMb * MB;
    const limited = await growth(device.url, { maxBodyBytes: MB }, bytes);
    const bare = await growth(device.url, 'bare', bytes);
    const limitedLarge = await growth(device.url, { maxBodyBytes: MB }, 4 * bytes);
    const bareLarge = await growth(device.url, 'bare', 4 * bytes);
    const whole = await growth(device.url, { maxBodyBytes: bytes + MB }, bytes);
    const bareLabel = (mb: number): string => `the same ${mb} MB POST through a bare node:http proxy (req.pipe, nothing kept)`;
    return [
      {
        label: `recorder peak RSS growth during a ${uploadMb} MB POST, default 1 MiB body limit`,
        value: limited.rssMb,
        unit: 'MB',
        better: 'lower',
        baseline: { label: bareLabel(uploadMb), value: bare.rssMb },
        target: { label: 'issue 19', value: 20 },
      },
      {
        label: `recorder peak arrayBuffers growth during the ${uploadMb} MB POST (garbage body chunks V8 has not yet freed)`,
        value: limited.arrayBuffersMb,
        unit: 'MB',
        better: 'lower',
        baseline: { label: bareLabel(uploadMb), value: bare.arrayBuffersMb },
      },
      {
        label: `recorder peak RSS growth during a ${4 * uploadMb} MB POST, default 1 MiB body limit`,
        value: limitedLarge.rssMb,
        unit: 'MB',
        better: 'lower',
        baseline: { label: bareLabel(4 * uploadMb), value: bareLarge.rssMb },
      },
      {
        label: `recorder peak RSS growth during the ${uploadMb} MB POST with a limit above the body size (the whole body kept)`,
        value: whole.rssMb,
        unit: 'MB',
        better: 'lower',
        baseline: { label: 'the same upload with the default 1 MiB limit', value: limited.rssMb },
      },
    ];
  } finally {
    await device.close();
  }
}

// Printed here, not through run.ts: run.ts imports this module, and awaiting it from here would deadlock.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run(Number(process.argv[2] ?? 50))) {
    console.log(`${name}: ${r.label}\n  value     ${r.value.toFixed(1)} ${r.unit}\n  baseline  ${r.baseline.value.toFixed(1)} ${r.unit} (${r.baseline.label})${r.target ? `\n  target    ≤ ${r.target.value} ${r.unit} (${r.target.label}): ${r.value <= r.target.value ? 'met' : 'NOT met'}` : ''}`);
  }
}
