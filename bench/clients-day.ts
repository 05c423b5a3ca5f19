/**
 * A simulated day of zero on the meter at a 5 s control cadence, through the typed clients over real HTTP against
 * in-process emulators on a manual clock. Target: ≤ 10 s wall per device for 24 h.
 *
 * Each device's days run in a process of their own (bench/clients-day-child.ts): what ran before in a process changes
 * the figure by a third (see the child), and `npm run bench` runs every bench in one process. The figure is the best
 * of the days after the first, as bestWallMs takes for the core benches; the first (V8's start) is printed beside. Printed beside three baselines measured in the same run: a bare Fastify route asked through the
 * same transport in the same process (what HTTP alone costs there), the same day on the in-process plant without
 * HTTP, and one hour over the global fetch (whose per-request cost is why the keep-alive HTTP/1.1 transport
 * exists), also in a process of its own.
 * Run: npx tsx bench/clients-day.ts [hours]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simulateZeroOnMeterDay } from '../test/control/zero-on-meter-day.ts';

export const name = 'clients-day';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./clients-day-child.ts', import.meta.url));

interface ChildResult {
  /** Each day's wall time, in order [ms]. */
  readonly wallMs: readonly number[];
  readonly bareRequestMs: number;
  readonly requests: number;
  readonly controlSteps: number;
  readonly errors: number;
  readonly shareWithinTolerance: number;
}

/** Runs one measurement in a fresh Node process and reads its JSON line. */
function measure(device: 'sessy' | 'homevolt', hours: number, transport: 'keep-alive' | 'fetch', days: number): ChildResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, device, String(hours), transport, String(days)], { cwd: ROOT, encoding: 'utf8' });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    throw new Error(`Failed to run the ${device} day over ${transport}: the child exited ${String(child.status)}.\n${child.stderr}`);
  }
  return JSON.parse(line) as ChildResult;
}

export async function run(hours = 24): Promise<void> {
  const durationS = hours * 3600;
  for (const device of ['sessy', 'homevolt'] as const) {
    const baseStart = performance.now();
    await simulateZeroOnMeterDay({ device, cadenceMs: 5000, durationS });
    const baselineMs = performance.now() - baseStart;
    const fetchHour = measure(device, 1, 'fetch', 1);
    const day = measure(device, hours, 'keep-alive', 3);
    const [coldMs, ...warmMs] = day.wallMs as [number, ...number[]];
    const bestMs = Math.min(...warmMs);
    const scaledS = (bestMs / 1000) * (24 / hours);
    console.log(
      `${name} ${device} (${hours} h, keep-alive HTTP/1.1, own process): days of ${day.wallMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s wall; best after the first ${(bestMs / 1000).toFixed(1)} s, first ${(coldMs / 1000).toFixed(1)} s; ` +
        `${day.controlSteps} steps, ${day.requests} requests (${(bestMs / day.requests).toFixed(2)} ms each), ${(day.shareWithinTolerance * 100).toFixed(1)} % of free minutes within ±50 W, ${day.errors} errors`,
    );
    console.log(`${name} ${device}: baseline bare Fastify GET in the same process ${(day.bareRequestMs * 1000).toFixed(0)} µs per request; the day is ${(bestMs / (day.requests * day.bareRequestMs)).toFixed(1)} × its requests at that cost`);
    console.log(`${name} ${device}: baseline in-process plant ${(baselineMs / 1000).toFixed(1)} s; HTTP/in-process ratio ${(bestMs / baselineMs).toFixed(1)}`);
    console.log(`${name} ${device}: baseline global fetch, 1 h, own process: ${(fetchHour.wallMs[0]! / 1000).toFixed(1)} s (${(fetchHour.wallMs[0]! / fetchHour.requests).toFixed(2)} ms per request)`);
    console.log(`${name} ${device}: 24 h ≈ ${scaledS.toFixed(1)} s wall, best day after the first (target ≤ 10 s) ${scaledS <= 10 ? 'OK' : 'ABOVE TARGET'}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2] ?? 24));
