/**
 * A simulated day of zero on the meter at a 5 s control cadence, through the typed clients over real HTTP against
 * in-process emulators on a manual clock. Target: ≤ 10 s wall per device for 24 h.
 *
 * Each device's days run in a process of their own (bench/clients-day-child.ts): what ran before in a process changes
 * the figure by a third (see the child), and `npm run bench` runs every bench in one process. The figure is the best
 * of the days after the first, as bestWallMs takes for the core benches; the first (V8's start) is printed beside.
 * The child runs on the built code, as users run it: it is bundled with esbuild (no keepNames) with every import of
 * simulator/ and clients/ pointing at dist/ (`npm run build` first; it builds when dist/ is missing).
 * The days run over the keep-alive fetch (undici's pool) in ROUNDS processes. Each day's CPU time (user + system;
 * server and client share the process) is printed beside its wall time: on a machine shared with other work, wall
 * time swings by several times between identical days, CPU time far less. (Issue 17 timed undici against the
 * hand-written HTTP/1.1 client it replaced with this bench; the figures are in README.md, Decisions.)
 * Printed beside three baselines measured in the same run: a bare Fastify route asked through the same transport in
 * the same process (what HTTP alone costs there), the same day on the in-process plant without HTTP, and one hour
 * over the global fetch, also in a process of its own.
 * Run: npx tsx bench/clients-day.ts [hours]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simulateZeroOnMeterDay } from '../test/control/zero-on-meter-day.ts';

export const name = 'clients-day';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./clients-day-child.ts', import.meta.url));
const ROUNDS = 2;
type TransportName = 'keep-alive' | 'fetch';

interface ChildResult {
  /** Each day's wall time, in order [ms]. */
  readonly wallMs: readonly number[];
  /** Each day's CPU time, user + system, in the same order [ms]. */
  readonly cpuMs: readonly number[];
  readonly bareRequestMs: number;
  readonly requests: number;
  readonly controlSteps: number;
  readonly errors: number;
  readonly shareWithinTolerance: number;
}

/**
 * The child as one ES module over the built package: bench/ and test/ code bundled, simulator/ and clients/ imports
 * rewritten to their dist/ files, packages external. Written under node_modules/.cache so that packages resolve.
 */
async function bundleChild(): Promise<string> {
  if (!existsSync(join(ROOT, 'dist', 'simulator', 'index.js'))) {
    console.log(`${name}: dist/ is missing; running npm run build first`);
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const outDir = join(ROOT, 'node_modules', '.cache', 'battsim-bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'clients-day-child.mjs');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [CHILD],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: [
      {
        name: 'built-package',
        setup(build) {
          build.onResolve({ filter: /\.ts$/ }, (args) => {
            const path = resolvePath(args.resolveDir, args.path);
            const fromRoot = relative(ROOT, path);
            if (!/^(simulator|clients)[\\/]/.test(fromRoot)) return undefined;
            return { path: join(ROOT, 'dist', fromRoot.replace(/\.ts$/, '.js')), external: true };
          });
        },
      },
    ],
  });
  return outfile;
}

/** Runs one measurement in a fresh Node process and reads its JSON line. */
function measure(child: string, device: 'sessy' | 'homevolt', hours: number, transport: TransportName, days: number): ChildResult {
  const run = spawnSync(process.execPath, [child, device, String(hours), transport, String(days)], { cwd: ROOT, encoding: 'utf8' });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    throw new Error(`Failed to run the ${device} day over ${transport}: the child exited ${String(run.status)}.\n${run.stderr}`);
  }
  return JSON.parse(line) as ChildResult;
}

export async function run(hours = 24): Promise<void> {
  const durationS = hours * 3600;
  const child = await bundleChild();
  for (const device of ['sessy', 'homevolt'] as const) {
    const baseStart = performance.now();
    await simulateZeroOnMeterDay({ device, cadenceMs: 5000, durationS });
    const baselineMs = performance.now() - baseStart;
    const fetchHour = measure(child, device, 1, 'fetch', 1);
    const runs: ChildResult[] = [];
    for (let round = 0; round < ROUNDS; round++) runs.push(measure(child, device, hours, 'keep-alive', 3));
    const day = runs.at(-1)!;
    const bestMs = Math.min(...runs.flatMap((r) => r.wallMs.slice(1)));
    const bestCpuMs = Math.min(...runs.flatMap((r) => r.cpuMs.slice(1)));
    const bareMs = Math.min(...runs.map((r) => r.bareRequestMs));
    const scaledS = (bestMs / 1000) * (24 / hours);
    const seconds = (xs: readonly number[]) => xs.map((ms) => (ms / 1000).toFixed(1)).join(', ');
    console.log(
      `${name} ${device} (${hours} h, keep-alive fetch on undici, built code, own processes): days of ${runs.map((r) => seconds(r.wallMs)).join(' | ')} s wall, ` +
        `CPU ${runs.map((r) => seconds(r.cpuMs)).join(' | ')} s; best after the first ${(bestMs / 1000).toFixed(1)} s wall, ${(bestCpuMs / 1000).toFixed(1)} s CPU; ` +
        `${day.controlSteps} steps, ${day.requests} requests (${(bestMs / day.requests).toFixed(3)} ms each), ${(day.shareWithinTolerance * 100).toFixed(1)} % of free minutes within ±50 W, ${day.errors} errors`,
    );
    console.log(`${name} ${device}: baseline bare Fastify GET in the same process ${(bareMs * 1000).toFixed(0)} µs per request; the day is ${(bestMs / (day.requests * bareMs)).toFixed(1)} × its requests at that cost`);
    console.log(`${name} ${device}: baseline in-process plant ${(baselineMs / 1000).toFixed(1)} s; HTTP/in-process ratio ${(bestMs / baselineMs).toFixed(1)}`);
    console.log(`${name} ${device}: baseline global fetch, 1 h, own process: ${(fetchHour.wallMs[0]! / 1000).toFixed(1)} s (${(fetchHour.wallMs[0]! / fetchHour.requests).toFixed(2)} ms per request)`);
    console.log(`${name} ${device}: 24 h ≈ ${scaledS.toFixed(1)} s wall, best day after the first (target ≤ 10 s) ${scaledS <= 10 ? 'OK' : 'ABOVE TARGET'}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2] ?? 24));
