/**
 * What one running emulator retains (issue 18's scale: 1,000 devices in one process within 1 GB). Starts N of each
 * emulator (startSessy, startSessyMeter, startHomevolt at speed 1, each polled once) in a process of its own on
 * the built package (dist/, `npm run build` first), and prints per emulator: RSS, V8 heap used, external and
 * ArrayBuffer memory above the process's floor (the same modules loaded, nothing started), beside N bare Fastify
 * apps listening with one route (same run). Memory figures hardly move with the machine's load; latency would.
 * Run: npm run bench -- emulator-memory   (N: BATTSIM_EMULATORS, default 200)
 * Heap snapshots of one kind, to compare two sizes in Chrome DevTools:
 *   node --expose-gc bench/emulator-memory-child.mjs sessy 50 /tmp/sessy-50.heapsnapshot
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './bench.ts';

export const name = 'emulator-memory';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./emulator-memory-child.mjs', import.meta.url));
const MB = 1024 * 1024;
/** What each emulator should stay under so that 1,000 devices in sites fit in 1 GB with the site's own costs [MB]. */
const TARGET_MB = 0.6;

type Kind = 'floor' | 'fastify' | 'sessy' | 'meter' | 'homevolt';
interface Usage {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

function measure(kind: Kind, n: number): Promise<Usage> {
  const child = spawn(process.execPath, ['--expose-gc', CHILD, kind, String(n)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n')[0]!) as Usage) : reject(new Error(`Failed to measure ${n} × ${kind}: the child exited with ${String(code)}.`)))),
  );
}

export async function run(): Promise<readonly BenchResult[]> {
  if (!existsSync(join(ROOT, 'dist', 'simulator', 'index.js'))) {
    console.log('emulator-memory: dist/ is missing; running npm run build first');
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const n = Number(process.env.BATTSIM_EMULATORS ?? '200');
  const floor = await measure('floor', 0);
  console.log(`emulator-memory: ${n} of each in a process of its own (built package, speed 1, each polled once); floor RSS ${(floor.rss / MB).toFixed(0)} MB, heap ${(floor.heapUsed / MB).toFixed(0)} MB`);
  console.log('per instance, MB above the floor:   RSS   heapUsed   external   arrayBuffers');
  const per: Partial<Record<Kind, Usage>> = {};
  for (const kind of ['fastify', 'sessy', 'meter', 'homevolt'] as const) {
    const u = await measure(kind, n);
    const p = (key: keyof Usage): number => (u[key] - floor[key]) / n / MB;
    per[kind] = { rss: p('rss'), heapUsed: p('heapUsed'), external: p('external'), arrayBuffers: p('arrayBuffers') };
    const label = kind === 'fastify' ? 'bare Fastify, one route' : kind;
    console.log(`  ${label.padEnd(30)} ${p('rss').toFixed(3).padStart(6)} ${p('heapUsed').toFixed(3).padStart(10)} ${p('external').toFixed(3).padStart(10)} ${p('arrayBuffers').toFixed(3).padStart(14)}`);
  }
  const bare = per.fastify!.rss;
  return (['sessy', 'meter', 'homevolt'] as const).map((kind) => ({
    label: `RSS per ${kind} emulator above the process's floor, ${n} in one process`,
    value: per[kind]!.rss,
    unit: 'MB',
    better: 'lower' as const,
    baseline: { label: 'a bare Fastify app listening with one route', value: bare },
    target: { label: 'issue 18: 1,000 devices in sites within 1 GB', value: TARGET_MB },
  }));
}
