/**
 * Wall time of both contract suites against fresh emulators, one per firmware profile (Sessy 1.11.11 and 1.7.2,
 * Homevolt 2512 and pre-2512), the way `npm test` runs them; the target is ≤ 20 s. Baseline: one read-only
 * case (SESSY-UNITS-001) on one emulator, for the fixed cost of a run.
 * Run: npx tsx bench/contracts-speed.ts, or npm run bench -- contracts-speed
 */
import { pathToFileURL } from 'node:url';
import { runContracts } from '../contracts/index.ts';
import { HOMEVOLT_PROFILES, SESSY_PROFILES, startHomevoltTarget, startSessyTarget } from '../test/contracts/emulators.ts';
import type { BenchResult } from './bench.ts';

export const name = 'contracts-speed';

async function bothSuitesMs(): Promise<{ ms: number; cases: number }> {
  const started = Date.now();
  const s = await Promise.all(SESSY_PROFILES.map(startSessyTarget));
  const h = await Promise.all(HOMEVOLT_PROFILES.map(startHomevoltTarget));
  try {
    const reports = await Promise.all([runContracts({ device: 'sessy', targets: s.map((x) => x.target) }), runContracts({ device: 'homevolt', targets: h.map((x) => x.target) })]);
    return { ms: Date.now() - started, cases: reports.reduce((n, r) => n + r.results.length, 0) };
  } finally {
    await Promise.all([...s, ...h].map((x) => x.close()));
  }
}

async function oneCaseMs(): Promise<number> {
  const started = Date.now();
  const s = await startSessyTarget('1.11.11');
  try {
    await runContracts({ device: 'sessy', targets: [s.target], cases: ['SESSY-UNITS-001'] });
  } finally {
    await s.close();
  }
  return Date.now() - started;
}

export async function run(): Promise<readonly BenchResult[]> {
  const baseline = await oneCaseMs();
  const both = await bothSuitesMs();
  return [
    {
      label: `both suites, 4 firmware profiles, ${both.cases} case runs`,
      value: both.ms / 1000,
      unit: 's wall',
      better: 'lower',
      baseline: { label: 'one read-only case on one emulator', value: baseline / 1000 },
      target: { label: 'issue 7', value: 20 },
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.label}: ${r.value.toFixed(2)} ${r.unit} (baseline ${r.baseline.value.toFixed(2)}; target ≤ ${r.target?.value ?? '?'})`);
}
