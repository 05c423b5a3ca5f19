/**
 * A simulated day of zero on the meter at a 5 s control cadence, through the typed clients over real HTTP against
 * in-process emulators on a manual clock, against the same day on the in-process plant without HTTP (the baseline,
 * measured in the same run). Target: ≤ 10 s wall per device. Run: npx tsx bench/clients-day.ts [hours]
 */
import { pathToFileURL } from 'node:url';
import { simulateZeroOnMeterDay } from '../test/control/zero-on-meter-day.ts';
import { runZeroOnMeterOverHttp } from '../test/clients/http-day.ts';

export const name = 'clients-day';

export async function run(hours = Number(process.argv[2] ?? 24)): Promise<void> {
  const durationS = hours * 3600;
  for (const device of ['sessy', 'homevolt'] as const) {
    const baseStart = performance.now();
    await simulateZeroOnMeterDay({ device, cadenceMs: 5000, durationS });
    const baselineMs = performance.now() - baseStart;
    const start = performance.now();
    const day = await runZeroOnMeterOverHttp({ device, durationS, resendAfterMs: 30_000 });
    const httpMs = performance.now() - start;
    console.log(
      `${name} ${device} (${hours} h): over HTTP ${(httpMs / 1000).toFixed(1)} s wall (${day.controlSteps} steps, ${day.requests} requests, ` +
        `${(httpMs / day.requests).toFixed(2)} ms/request, ${(day.shareWithinTolerance * 100).toFixed(1)} % of free minutes within ±50 W, ${day.errors} errors); ` +
        `in-process baseline ${(baselineMs / 1000).toFixed(1)} s; ratio ${(httpMs / baselineMs).toFixed(1)}; target ≤ 10 s for 24 h`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
