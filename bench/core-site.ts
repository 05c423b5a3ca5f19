/**
 * Simulated seconds per wall second of a full Sessy site (NOM controller, battery, actuator, frequency,
 * household, PV and meters) at 1 s steps, against a bare Ornstein–Uhlenbeck update doing the same number
 * of 1 s steps with the core's random stream. Target: a simulated year in ≤ 10 s, i.e. ≥ 3.15 million × real time.
 * Run: npx tsx bench/core-site.ts [days]
 */
import { pathToFileURL } from 'node:url';
import { buildSiteConfig, createRandomStream, createSite, type Controller } from '../simulator/core/index.ts';
import { bestWallMs, type BenchResult } from './bench.ts';

export const name = 'core-site';

const YEAR_S = 365 * 86_400;
/** A simulated year in at most 10 s of wall time. */
const TARGET_TIMES_REAL = YEAR_S / 10;

/** Net-zero-on-the-meter with K = 1 (docs/physics.md §4.5): the battery follows the grid meter. */
const nom: Controller = (i) => i.batteryW + i.gridW;

export async function run(days = 10): Promise<readonly BenchResult[]> {
  const steps = days * 86_400;
  const siteMs = bestWallMs(() => {
    const site = createSite(buildSiteConfig('sessy'));
    site.setController(nom);
    site.stepTo(site.now() + steps * 1000);
  });
  const baselineMs = bestWallMs(() => {
    // x ← a·x + σ·√(1 − a²)·ξ with a = exp(−1 s / 150 s): the frequency model's OU part alone.
    const rng = createRandomStream(1, 'bench');
    const decay = Math.exp(-1 / 150);
    const noise = 17 * Math.sqrt(1 - decay * decay);
    let x = 0;
    for (let i = 0; i < steps; i++) x = x * decay + noise * rng.normal();
    if (!Number.isFinite(x)) throw new Error('Failed to run the OU baseline: the state is not finite.');
  });
  return [
    {
      label: `Sessy site, NOM, 1 s steps, ${days} simulated days`,
      value: steps / (siteMs / 1000),
      unit: '× real time',
      better: 'higher',
      baseline: { label: 'bare OU update, same steps', value: steps / (baselineMs / 1000) },
      target: { label: 'a simulated year in ≤ 10 s', value: TARGET_TIMES_REAL },
    },
  ];
}

// No top-level await: run.ts imports this module, and awaiting run.ts here would leave each waiting for the other
// (Node exits with code 13, "unsettled top-level await", and prints nothing).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void Promise.all([import('./run.ts'), run(Number(process.argv[2] ?? 10))]).then(([{ printResults }, results]) => printResults(name, results));
}
