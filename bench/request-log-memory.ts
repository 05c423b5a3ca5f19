/**
 * What full request logs hold (issue 18's scale, once a site has run long enough for every log to fill): 1,000
 * devices' logs of 500 entries each, shaped as a site's (a meter's log of NOM posts per three dongles' logs of
 * Home Assistant's polls, real bodies), measured after a full GC in a process of their own on the built package.
 * Prints V8 heap and memory outside it (external: the logs' byte arenas) per entry and in total, beside the same
 * entries kept as the log kept them before (an object per entry, bodies as strings), in the same run.
 * Run: npm run bench -- request-log-memory   (devices: BATTSIM_LOG_DEVICES, default 1000)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './bench.ts';

export const name = 'request-log-memory';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./request-log-memory-child.mjs', import.meta.url));
const MB = 1024 * 1024;

interface Held {
  readonly heapUsed: number;
  readonly external: number;
  readonly rss: number;
  readonly entries: number;
}

function measure(mode: 'ring' | 'objects', devices: number): Promise<Held> {
  const child = spawn(process.execPath, ['--expose-gc', CHILD, mode, String(devices)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n')[0]!) as Held) : reject(new Error(`Failed to measure ${devices} logs (${mode}): the child exited with ${String(code)}.`)))),
  );
}

export async function run(): Promise<readonly BenchResult[]> {
  if (!existsSync(join(ROOT, 'dist', 'simulator', 'index.js'))) {
    console.log(`${name}: dist/ is missing; running npm run build first`);
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const devices = Number(process.env.BATTSIM_LOG_DEVICES ?? '1000');
  const ring = await measure('ring', devices);
  const objects = await measure('objects', devices);
  console.log(`${name}: ${devices} full logs, ${ring.entries} entries; MB above the process before them, after a full GC`);
  console.log('                                    heap   external   heap+external   RSS   bytes/entry');
  for (const [label, h] of [
    ['the log (columns and byte arenas)', ring],
    ['entries as objects (before)', objects],
  ] as const) {
    const total = h.heapUsed + h.external;
    console.log(`  ${label.padEnd(33)} ${(h.heapUsed / MB).toFixed(0).padStart(5)} ${(h.external / MB).toFixed(0).padStart(10)} ${(total / MB).toFixed(0).padStart(15)} ${(h.rss / MB).toFixed(0).padStart(5)} ${(total / h.entries).toFixed(0).padStart(13)}`);
  }
  return [
    { label: `V8 heap held by ${devices} full request logs`, value: ring.heapUsed / MB, unit: 'MB', better: 'lower', baseline: { label: 'the same entries as objects (the previous log)', value: objects.heapUsed / MB } },
    { label: `heap and external memory held by ${devices} full request logs`, value: (ring.heapUsed + ring.external) / MB, unit: 'MB', better: 'lower', baseline: { label: 'the same entries as objects (the previous log)', value: (objects.heapUsed + objects.external) / MB } },
  ];
}
