/**
 * Runs every bench module, or those named on the command line: `npm run bench [-- name …]`.
 * To add a bench, export `name` and `run()` from a file in bench/ and append it to BENCHES.
 * Figures are printed with their same-run baseline and ratio; the exit code is 0 whatever they are
 * (wall-clock targets are reported, never asserted).
 */
import { pathToFileURL } from 'node:url';
import type { Bench, BenchResult } from './bench.ts';
import * as clientsDay from './clients-day.ts';
import * as coldStart from './cold-start.ts';
import * as contractsSpeed from './contracts-speed.ts';
import * as controlDay from './control-day.ts';
import * as coreSite from './core-site.ts';
import * as emulatorMemory from './emulator-memory.ts';
import * as homevoltHttp from './homevolt-http.ts';
import * as httpsStart from './https-start.ts';
import * as recorderMemory from './recorder-memory.ts';
import * as replayThroughput from './replay-throughput.ts';
import * as requestLogMemory from './request-log-memory.ts';
import * as scenarioLoad from './scenario-load.ts';
import * as sessyHttp from './sessy-http.ts';
import * as sessyMeterNom from './sessy-meter-nom.ts';
import * as siteScale from './site-scale.ts';
import * as sseBackpressure from './sse-backpressure.ts';

/** In the order they run: the pure core first, then control loops, then HTTP, then whole processes. */
const BENCHES: readonly Bench[] = [
  coreSite,
  controlDay,
  clientsDay,
  sessyHttp,
  sessyMeterNom,
  homevoltHttp,
  httpsStart,
  contractsSpeed,
  replayThroughput,
  recorderMemory,
  scenarioLoad,
  sseBackpressure,
  siteScale,
  emulatorMemory,
  requestLogMemory,
  coldStart,
  // Imported when it runs: it imports printResults from here, and it needs chromium.
  { name: 'dashboard', run: async () => (await import('./dashboard.ts')).run() },
];

export function printResults(benchName: string, results: readonly BenchResult[]): void {
  for (const r of results) {
    const ratio = r.value / r.baseline.value;
    console.log(`${benchName}: ${r.label}`);
    console.log(`  value     ${format(r.value)} ${r.unit}`);
    console.log(`  baseline  ${format(r.baseline.value)} ${r.unit} (${r.baseline.label})`);
    console.log(`  ratio     ${ratio.toFixed(3)} of the baseline`);
    if (r.target) {
      const met = r.better === 'higher' ? r.value >= r.target.value : r.value <= r.target.value;
      console.log(`  target    ${r.better === 'higher' ? '≥' : '≤'} ${format(r.target.value)} ${r.unit} (${r.target.label}): ${met ? 'met' : 'NOT met'}`);
    }
  }
}

function format(x: number): string {
  return Math.abs(x) >= 1e5 ? x.toExponential(3) : x.toPrecision(4);
}

async function main(names: readonly string[]): Promise<void> {
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`Failed to run the benches: unknown ${unknown.join(', ')}. Known: ${BENCHES.map((b) => b.name).join(', ')}.`);
    process.exitCode = 1;
    return;
  }
  for (const bench of BENCHES.filter((b) => names.length === 0 || names.includes(b.name))) {
    const results = await bench.run();
    if (results) printResults(bench.name, results);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
