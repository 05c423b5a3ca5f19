/**
 * `npm run bench -- cold-start`: how long `battsim` takes from process start to its first HTTP answer (sessy,
 * homevolt) or to its exit (--help), beside a bare Fastify process and `node -e ''` measured in the same run,
 * rounds interleaved so that the machine's drift hits both alike. battsim runs as installed: the built dist/
 * through bin/battsim.js (a temporary layout without the TypeScript sources; `npm run build` first if dist/ is
 * missing). Also: SIGTERM to exit, and startSessy() inside a process.
 * Targets (issue 13): each emulator ≤ 1.5 × bare Fastify; --help ≤ 1.5 × node -e ''; startSessy() ≤ 100 ms.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './bench.ts';

export const name = 'cold-start';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BARE_FASTIFY = fileURLToPath(new URL('./cold-start-bare-fastify.mjs', import.meta.url));
const ROUNDS = 7;

interface Timing {
  /** Process start to the first answer (servers) or to exit (commands) [ms]. */
  readonly readyMs: number;
  /** SIGTERM to exit [ms]; servers only. */
  readonly stopMs?: number;
}

/** battsim as a user's install has it: bin/ beside dist/ and package.json, no sources (so bin runs dist/). */
function installedLayout(): string {
  if (!existsSync(join(ROOT, 'dist', 'simulator', 'cli.js'))) {
    console.log('cold-start: dist/ is missing; running npm run build first');
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'battsim-cold-start-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'battsim.js'), join(dir, 'bin', 'battsim.js'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'dist'), join(dir, 'dist'), 'dir');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return join(dir, 'bin', 'battsim.js');
}

/** Starts `node args…`, waits for its JSON start line, asks `path` once, then stops it with SIGTERM. */
function timeServer(args: readonly string[], path: string): Promise<Timing> {
  const startMs = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${String(code)}) before answering`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('\n')) return;
      child.stdout.removeAllListeners('data');
      const { url } = JSON.parse(out.split('\n')[0]!) as { url: string };
      void fetch(url + path).then(async (res) => {
        await res.arrayBuffer();
        const readyMs = performance.now() - startMs;
        child.removeAllListeners('exit');
        const stopStartMs = performance.now();
        child.once('exit', () => resolve({ readyMs, stopMs: performance.now() - stopStartMs }));
        child.kill('SIGTERM');
      }, reject);
    });
  });
}

/** Runs `node args…` to its exit. */
function timeCommand(args: readonly string[]): Promise<Timing> {
  const startMs = performance.now();
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', () => resolve({ readyMs: performance.now() - startMs })));
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** startSessy() and close() inside this process, after one import of the built package [ms per start]. */
async function inProcessStartMs(): Promise<{ sessyMs: number; fastifyMs: number }> {
  const { startSessy } = (await import(pathToFileURL(join(ROOT, 'dist', 'simulator', 'index.js')).href)) as typeof import('../simulator/index.ts');
  const { default: Fastify } = await import('fastify');
  const sessy: number[] = [];
  const fastify: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    const emulator = await startSessy({ seed: i });
    sessy.push(performance.now() - t);
    await emulator.close();
    t = performance.now();
    const app = Fastify();
    app.get('/', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    fastify.push(performance.now() - t);
    await app.close();
  }
  return { sessyMs: median(sessy), fastifyMs: median(fastify) };
}

export async function run(): Promise<BenchResult[]> {
  const bin = installedLayout();
  const runs = { sessy: [] as Timing[], homevolt: [] as Timing[], fastify: [] as Timing[], help: [] as Timing[], node: [] as Timing[] };
  for (let round = 0; round <= ROUNDS; round++) {
    const timings = {
      fastify: await timeServer([BARE_FASTIFY], '/'),
      sessy: await timeServer([bin, 'sessy', '--port', '0', '--speed', 'manual', '--ready-json'], '/api/v1/power/status'),
      homevolt: await timeServer([bin, 'homevolt', '--port', '0', '--speed', 'manual', '--ready-json'], '/status.json'),
      node: await timeCommand(['-e', '']),
      help: await timeCommand([bin, '--help']),
    };
    if (round === 0) continue; // warm-up: the file system cache
    for (const [key, timing] of Object.entries(timings)) runs[key as keyof typeof runs].push(timing);
  }
  const ready = (key: keyof typeof runs) => median(runs[key].map((t) => t.readyMs));
  const stop = (key: keyof typeof runs) => median(runs[key].map((t) => t.stopMs!));
  const fastify = { label: 'a bare Fastify process, start to first answer', value: ready('fastify') };
  const node = { label: "node -e ''", value: ready('node') };
  const inProcess = await inProcessStartMs();
  const result = (label: string, value: number, baseline: { label: string; value: number }, target?: { label: string; value: number }): BenchResult => ({ label, value, unit: 'ms (median)', better: 'lower', baseline, ...(target ? { target } : {}) });
  return [
    result('battsim sessy: process start to first answer', ready('sessy'), fastify, { label: '1.5 × bare Fastify', value: 1.5 * fastify.value }),
    result('battsim homevolt: process start to first answer', ready('homevolt'), fastify, { label: '1.5 × bare Fastify', value: 1.5 * fastify.value }),
    result('battsim --help: process start to exit', ready('help'), node, { label: "1.5 × node -e ''", value: 1.5 * node.value }),
    result('battsim sessy: SIGTERM to exit', stop('sessy'), { label: 'bare Fastify, SIGTERM to exit', value: stop('fastify') }, { label: 'issue 13', value: 1000 }),
    result('startSessy() in process (after the import)', inProcess.sessyMs, { label: 'Fastify listen() on port 0 in process', value: inProcess.fastifyMs }, { label: 'README', value: 100 }),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { printResults } = await import('./run.ts');
  printResults(name, await run());
}
