/**
 * Issue 18's scale target: sites of growing size in one process (1, 10, 100, 1000 devices: homes of a meter and
 * three Sessys in NOM, the dongles posting to their meter every second), each device polled over HTTP every 5 s
 * of real time as Home Assistant does (power/status, the meter's p1/details), from another process.
 * Prints p99 latency and RSS per size, and the per-device cost against one device alone (same run):
 * RSS per device = (RSS − the process's floor) / devices. Target: 1000 devices with p99 ≤ 20 ms and RSS ≤ 1 GB.
 * The sites run the built code (dist/, `npm run build` first; built when missing), as a user's install does.
 * Run: npm run bench -- site-scale   (sizes: BATTSIM_SITE_SIZES=1,10,100 to shorten; seconds: BATTSIM_SITE_SECONDS;
 * each device's request log: BATTSIM_SITE_LOG_ENTRIES, default 500; Node options for the sites' process, such as a cap
 * on V8's heap: BATTSIM_SITE_NODE_ARGS="--max-old-space-size=640"; every Sessy's request log full from the start, as
 * after 42 minutes of polling, the steady state of a long run: BATTSIM_SITE_FULL_LOGS=1)
 * Beside RSS at the end it prints the peak (sampled each second), and the collector's pauses over the measured part:
 * scavenges of the young generation and full mark-compacts, read through perf_hooks' 'gc' entries.
 * After the largest size it measures, the same way and in the same run, as many Sessy emulators started alone (what
 * a site adds) and as many plain node:http servers answering a Sessy's body (the floor: what this machine and the
 * pollers, which share its cores with the devices, cost a poll before any emulator code runs).
 * BATTSIM_SITE_ROUNDS=N measures the largest size, the Sessys alone and the floor N times, taking turns, and judges
 * the median p99 of each: on a shared machine one run's p99 moves with what the machine does meanwhile (the same code
 * read 15 to 45 ms within two hours here), and taking turns exposes the three to the same moments.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { BenchResult } from './bench.ts';

export const name = 'site-scale';

const CHILD = fileURLToPath(new URL('./site-scale-child.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const POLL_MS = 5000;
/**
 * The pollers' connections, kept as Home Assistant's aiohttp keeps them by default (15 s idle): the devices announce no
 * keep-alive timeout (ESP-IDF sends no Keep-Alive header), and undici's own default (4 s) would reconnect for every
 * 5 s poll, which is not what Home Assistant does.
 */
const POLLER = new Agent({ keepAliveTimeout: 15_000 });
// The pollers use undici's request(), a lean client as aiohttp is: with fetch(), which builds WHATWG streams and
// Headers for every poll, the pollers' own event loop ran late at 200 polls a second, and that lateness was part of
// every figure (1,000 Sessys alone, 60 s: p99 34.2 ms with fetch, 17.2 ms with request()). How late the pollers'
// loop ran is printed beside the figures: a poll answered at once still waits that long to be read.
/** Node options for the sites' process (BATTSIM_SITE_NODE_ARGS, split on spaces). */
const NODE_ARGS = (process.env.BATTSIM_SITE_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
/** How many times the largest size, the Sessys alone and the floor are measured, taking turns (BATTSIM_SITE_ROUNDS). */
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BATTSIM_SITE_ROUNDS ?? '1')) || 1);
const MB = 1024 * 1024;
/**
 * The pollers' loop monitor's timer period [ms]. Node's histogram holds the time between the monitor's timer runs,
 * the period included (an idle loop reads 10.3 ms at p99 with a 10 ms resolution): the figures printed take it off,
 * leaving how late the loop was.
 */
const LOOP_RESOLUTION_MS = 10;

interface Pauses {
  readonly count: number;
  readonly totalMs: number;
  readonly maxMs: number;
}

interface ChildAnswer {
  readonly rssBytes: number;
  /** The highest RSS since the last question, sampled each second. */
  readonly peakRssBytes: number;
  readonly posts: number;
  readonly cpuUs: number;
  readonly loopP99Ms: number;
  /** The collector's pauses since the last question: scavenges and mark-compacts. */
  readonly gcMinor: Pauses;
  readonly gcMajor: Pauses;
}

interface Child {
  readonly devices: readonly { url: string; path: string; authorization: string | null }[];
  ask(): Promise<ChildAnswer>;
  stop(): Promise<void>;
}

/** What the child starts: sites, as many Sessy emulators alone, or as many plain node:http servers (the floor). */
type ChildMode = 'sites' | 'alone' | 'bare';

async function startChild(devices: number, mode: ChildMode = 'sites'): Promise<Child> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...NODE_ARGS, CHILD, String(devices), ...(mode === 'sites' ? [] : [mode])], { cwd: ROOT, stdio: 'pipe' });
  child.stderr.on('data', (c: Buffer) => process.stderr.write(c));
  const lines: Interface = createInterface({ input: child.stdout });
  const queue: ((line: string) => void)[] = [];
  const first = new Promise<string>((resolve, reject) => {
    queue.push(resolve);
    child.once('exit', (code) => reject(new Error(`Failed to start ${devices} devices: the child exited with ${code}.`)));
  });
  lines.on('line', (line) => queue.shift()?.(line));
  const { devices: list } = JSON.parse(await first) as { devices: Child['devices'] };
  return {
    devices: list,
    ask: () =>
      new Promise((resolve) => {
        queue.push((line) => resolve(JSON.parse(line) as ChildAnswer));
        child.stdin.write('rss\n');
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

interface Figures {
  readonly devices: number;
  readonly startS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly polls: number;
  readonly errors: number;
  /** RSS at the end, and the highest seen over the measured part. */
  readonly rssMb: number;
  readonly peakRssMb: number;
  readonly postsPerS: number;
  /** CPU the sites' process used over the measured part [% of one core]. */
  readonly cpuPercent: number;
  /** How late the sites' event loop ran, p99 over the measured part [ms]. */
  readonly loopP99Ms: number;
  /** How late the pollers' own event loop ran over the measured part, p99 [ms]: what this bench adds to a latency. */
  readonly pollerLoopP99Ms: number;
  /** The collector's pauses over the measured part: how many per second of each kind, and the longest [ms]. */
  readonly scavengesPerS: number;
  readonly scavengeMaxMs: number;
  readonly markCompacts: number;
  readonly markCompactMaxMs: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/** The median of the runs' p99s (the mean of the middle two for an even count), and the range they span [ms]. */
function medianP99(runs: readonly Figures[]): { readonly median: number; readonly low: number; readonly high: number } {
  const p99s = runs.map((r) => r.p99Ms).sort((a, b) => a - b);
  const mid = (p99s.length - 1) / 2;
  const median = ((p99s[Math.floor(mid)] ?? NaN) + (p99s[Math.ceil(mid)] ?? NaN)) / 2;
  return { median, low: p99s[0] ?? NaN, high: p99s[p99s.length - 1] ?? NaN };
}

/** Polls every device every 5 s, staggered evenly, for warm-up + measured seconds; latencies of the measured part. */
async function measure(devices: number, seconds: number, mode: ChildMode = 'sites'): Promise<Figures> {
  const t0 = performance.now();
  const child = await startChild(devices, mode);
  const startS = (performance.now() - t0) / 1000;
  const latencies: number[] = [];
  let errors = 0;
  const warmUpMs = Math.min(10_000, seconds * 250);
  const begin = performance.now();
  const endAt = begin + warmUpMs + seconds * 1000;
  const before = { posts: 0, atMs: 0, cpuUs: 0 };
  const pollers = child.devices.map(async (d, i) => {
    await new Promise((r) => setTimeout(r, (i / child.devices.length) * POLL_MS));
    while (performance.now() < endAt) {
      const sent = performance.now();
      try {
        const response = await request(`${d.url}${d.path}`, { dispatcher: POLLER, ...(d.authorization ? { headers: { authorization: d.authorization } } : {}) });
        await response.body.text();
        if (response.statusCode !== 200) errors++;
      } catch {
        errors++;
      }
      if (sent >= begin + warmUpMs) latencies.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, Math.max(0, sent + POLL_MS - performance.now())));
    }
  });
  const pollerLoop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  setTimeout(() => {
    pollerLoop.enable();
    void child.ask().then((a) => Object.assign(before, { posts: a.posts, cpuUs: a.cpuUs, atMs: performance.now() }));
  }, warmUpMs).unref();
  await Promise.all(pollers);
  pollerLoop.disable();
  const after = await child.ask();
  await child.stop();
  latencies.sort((a, b) => a - b);
  return {
    devices,
    startS,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    polls: latencies.length,
    errors,
    rssMb: after.rssBytes / MB,
    peakRssMb: after.peakRssBytes / MB,
    postsPerS: (after.posts - before.posts) / ((performance.now() - before.atMs) / 1000),
    cpuPercent: (after.cpuUs - before.cpuUs) / 10 / (performance.now() - before.atMs),
    loopP99Ms: after.loopP99Ms,
    pollerLoopP99Ms: Math.max(0, pollerLoop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
    scavengesPerS: after.gcMinor.count / ((performance.now() - before.atMs) / 1000),
    scavengeMaxMs: after.gcMinor.maxMs,
    markCompacts: after.gcMajor.count,
    markCompactMaxMs: after.gcMajor.maxMs,
  };
}

export async function run(): Promise<readonly BenchResult[]> {
  if (!existsSync(join(ROOT, 'dist', 'simulator', 'index.js'))) {
    console.log(`${name}: dist/ is missing; running npm run build first`);
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const sizes = (process.env.BATTSIM_SITE_SIZES ?? '1,10,100,1000').split(',').map(Number);
  const seconds = Number(process.env.BATTSIM_SITE_SECONDS ?? '30');
  const floor = await startChild(0);
  const floorMb = (await floor.ask()).rssBytes / MB;
  await floor.stop();
  console.log(`site-scale: the process's floor (modules loaded, no device) ${floorMb.toFixed(0)} MB; polling every device every ${POLL_MS / 1000} s for ${seconds} s after a warm-up${NODE_ARGS.length > 0 ? `; the sites' process runs with ${NODE_ARGS.join(' ')}` : ''}`);
  console.log('devices  start s   p50 ms   p99 ms   max ms   polls  errors   RSS MB  peak MB  MB/device  NOM posts/s  CPU %  loop p99 ms  poller loop p99  scav/s  scav max ms  full GCs  full max ms');
  const rows: Figures[] = [];
  const print = (f: Figures, note: string): void => {
    const n = f.devices;
    // One device's RSS is within the noise of the floor's (garbage not yet collected): no per-device figure for it.
    const perDevice = n > 1 ? ((f.peakRssMb - floorMb) / n).toFixed(2) : '–';
    console.log(`${String(n).padStart(7)} ${f.startS.toFixed(1).padStart(8)} ${f.p50Ms.toFixed(2).padStart(8)} ${f.p99Ms.toFixed(2).padStart(8)} ${f.maxMs.toFixed(1).padStart(8)} ${String(f.polls).padStart(7)} ${String(f.errors).padStart(7)} ${f.rssMb.toFixed(0).padStart(8)} ${f.peakRssMb.toFixed(0).padStart(8)} ${perDevice.padStart(10)} ${f.postsPerS.toFixed(0).padStart(12)} ${f.cpuPercent.toFixed(0).padStart(6)} ${f.loopP99Ms.toFixed(0).padStart(12)} ${f.pollerLoopP99Ms.toFixed(0).padStart(16)} ${f.scavengesPerS.toFixed(1).padStart(7)} ${f.scavengeMaxMs.toFixed(0).padStart(12)} ${String(f.markCompacts).padStart(9)} ${f.markCompactMaxMs.toFixed(0).padStart(12)}  ${note}`);
  };
  for (const n of sizes) {
    const f = await measure(n, seconds);
    rows.push(f);
    print(f, n === 1 ? 'one Sessy alone in a site' : `${Math.ceil(n / 4)} homes${ROUNDS > 1 && n === sizes[sizes.length - 1] ? ', round 1' : ''}`);
  }
  const largest = sizes[sizes.length - 1]!;
  const round = (r: number): string => (ROUNDS > 1 ? `, round ${r}` : '');
  const sitesRuns: Figures[] = [rows[rows.length - 1]!];
  const aloneRuns: Figures[] = [];
  const bareRuns: Figures[] = [];
  for (let r = 1; largest > 1 && r <= ROUNDS; r++) {
    if (r > 1) {
      const f = await measure(largest, seconds);
      sitesRuns.push(f);
      print(f, `${Math.ceil(largest / 4)} homes${round(r)}`);
    }
    // What a site adds: as many Sessy emulators started alone (no meter, no NOM posts), in the same run.
    const alone = await measure(largest, seconds, 'alone');
    aloneRuns.push(alone);
    print(alone, `Sessy emulators started alone (startSessy): the baseline${round(r)}`);
    // The floor: as many plain node:http servers answering a Sessy's body, polled the same way. What the machine and
    // the pollers cost a poll on their own (the bench shares this machine's cores with the devices it measures).
    const bare = await measure(largest, seconds, 'bare');
    bareRuns.push(bare);
    print(bare, `plain node:http servers answering a Sessy's body: the machine's floor${round(r)}`);
  }
  const sitesP99 = medianP99(sitesRuns);
  const aloneP99 = aloneRuns.length > 0 ? medianP99(aloneRuns) : null;
  const bareP99 = bareRuns.length > 0 ? medianP99(bareRuns) : null;
  if (ROUNDS > 1 && aloneP99 && bareP99) {
    const span = (m: { median: number; low: number; high: number }): string => `${m.median.toFixed(1)} ms (${m.low.toFixed(1)}–${m.high.toFixed(1)})`;
    console.log(`site-scale: median p99 over ${ROUNDS} rounds, taking turns: sites ${span(sitesP99)}, Sessys alone ${span(aloneP99)}, floor ${span(bareP99)}`);
  }
  const alone = aloneRuns[0] ?? null;
  const one = rows.find((r) => r.devices === 1) ?? rows[0]!;
  const big = rows[rows.length - 1]!;
  const peakRssMb = Math.max(...sitesRuns.map((r) => r.peakRssMb));
  const perDevice = (r: Figures): number => (r.peakRssMb - floorMb) / r.devices;
  const ofRounds = ROUNDS > 1 ? ` (median of ${ROUNDS} rounds)` : '';
  return [
    { label: `p99 latency of a Home Assistant poll with ${big.devices} devices in one process${ofRounds}`, value: sitesP99.median, unit: 'ms', better: 'lower', baseline: { label: 'one device alone', value: one.p99Ms }, target: { label: 'issue 18', value: 20 } },
    { label: `peak RSS with ${big.devices} devices in one process${ROUNDS > 1 ? ` (highest of ${ROUNDS} rounds)` : ''}`, value: peakRssMb, unit: 'MB', better: 'lower', baseline: { label: 'one device alone', value: one.peakRssMb }, target: { label: 'issue 18', value: 1024 } },
    ...(alone ? [{ label: `RSS per device above the process's floor with ${big.devices} devices in sites`, value: perDevice(big), unit: 'MB', better: 'lower' as const, baseline: { label: `${alone.devices} Sessy emulators started alone`, value: perDevice(alone) } }] : []),
    ...(aloneP99 ? [{ label: `p99 latency with ${big.devices} devices in sites${ofRounds}`, value: sitesP99.median, unit: 'ms', better: 'lower' as const, baseline: { label: `${largest} Sessy emulators started alone`, value: aloneP99.median } }] : []),
    ...(bareP99 ? [{ label: `p99 latency with ${big.devices} devices in sites, against the machine's floor${ofRounds}`, value: sitesP99.median, unit: 'ms', better: 'lower' as const, baseline: { label: `${largest} plain node:http servers`, value: bareP99.median } }] : []),
  ];
}
