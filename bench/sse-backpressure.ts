/**
 * Issue 19: 20 `/_sim/events` clients that never read, against a Sessy emulator at speed 1000, for 60 s.
 * Figure: the emulator's RSS growth, beside the same emulator with no client in the same run. Target: < 50 MB
 * (before the fix: 173 MB → 2.2 GB). Each emulator runs in a process of its own (bench/sse-backpressure-child.ts),
 * so that the RSS is the emulator's alone. Run: npx tsx bench/sse-backpressure.ts [seconds] (default 60).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './bench.ts';
import { printResults } from './run.ts';

export const name = 'sse-backpressure';

const CHILD = fileURLToPath(new URL('./sse-backpressure-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLIENTS = 20;
const SPEED = 1000;
/** How long each emulator runs with its clients [s]; `npm run bench` uses BENCH_SSE_DURATION_S or 60. */
const DEFAULT_DURATION_S = Number(process.env.BENCH_SSE_DURATION_S ?? 60);
const MB = 1024 * 1024;

interface Child {
  readonly url: string;
  rss(): Promise<number>;
  stop(): void;
}

async function startChild(): Promise<Child> {
  const proc: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', CHILD, String(SPEED)], { cwd: ROOT });
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error('Failed to run the SSE bench: the emulator process ended early.');
      if (value.startsWith('{')) return JSON.parse(value) as Record<string, unknown>;
    }
  };
  const { url } = (await next()) as { url: string };
  return {
    url,
    async rss() {
      proc.stdin.write('rss\n');
      return ((await next()) as { rss: number }).rss;
    },
    stop: () => proc.kill(),
  };
}

/** Opens a stream and never reads it: the socket is paused before the first byte arrives. */
function stalledClient(url: string): Socket {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  socket.pause();
  socket.on('error', () => {});
  socket.write('GET /_sim/events HTTP/1.1\r\nHost: bench\r\n\r\n');
  return socket;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** RSS growth [MB] of one emulator over `durationS` with `clients` stalled streams: final and peak. */
async function growth(clients: number, durationS: number): Promise<{ finalMb: number; peakMb: number; startMb: number }> {
  const child = await startChild();
  try {
    await sleep(2000); // start-up settles
    const start = await child.rss();
    const sockets = Array.from({ length: clients }, () => stalledClient(child.url));
    let peak = start;
    let last = start;
    for (let t = 0; t < durationS; t += 1) {
      await sleep(1000);
      last = await child.rss();
      peak = Math.max(peak, last);
    }
    for (const s of sockets) s.destroy();
    return { startMb: start / MB, finalMb: (last - start) / MB, peakMb: (peak - start) / MB };
  } finally {
    child.stop();
  }
}

export async function run(durationS = DEFAULT_DURATION_S): Promise<readonly BenchResult[]> {
  const base = await growth(0, durationS);
  const stalled = await growth(CLIENTS, durationS);
  console.log(
    `${name}: speed ${SPEED}, ${durationS} s; RSS at start ${stalled.startMb.toFixed(0)} MB (no clients: ${base.startMb.toFixed(0)} MB); ` +
      `growth with ${CLIENTS} stalled clients: final ${stalled.finalMb.toFixed(1)} MB, peak ${stalled.peakMb.toFixed(1)} MB; ` +
      `no clients: final ${base.finalMb.toFixed(1)} MB, peak ${base.peakMb.toFixed(1)} MB`,
  );
  return [
    {
      label: `peak RSS growth of a Sessy emulator at speed ${SPEED} over ${durationS} s with ${CLIENTS} SSE clients that never read`,
      value: stalled.peakMb,
      unit: 'MB',
      better: 'lower',
      baseline: { label: 'the same emulator with no client', value: base.peakMb },
      target: { label: 'issue 19', value: 50 },
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv[2];
  printResults(name, await run(arg === undefined ? DEFAULT_DURATION_S : Number(arg)));
}
