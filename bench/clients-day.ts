/**
 * A simulated day of zero on the meter at a 5 s control cadence, through the typed clients over real HTTP against
 * in-process emulators on a manual clock. Target: ≤ 10 s wall per device for 24 h. Printed beside two baselines
 * measured in the same run: the same day on the in-process plant without HTTP, and one hour over the global fetch
 * (whose per-request cost is the reason the keep-alive node:http transport exists).
 * Run: npx tsx bench/clients-day.ts [hours]
 */
import { pathToFileURL } from 'node:url';
import { simulateZeroOnMeterDay } from '../test/control/zero-on-meter-day.ts';
import { runZeroOnMeterOverHttp } from '../test/clients/http-day.ts';

export const name = 'clients-day';

export async function run(hours = 24): Promise<void> {
  const durationS = hours * 3600;
  for (const device of ['sessy', 'homevolt'] as const) {
    const baseStart = performance.now();
    await simulateZeroOnMeterDay({ device, cadenceMs: 5000, durationS });
    const baselineMs = performance.now() - baseStart;
    const fetchStart = performance.now();
    const fetchHour = await runZeroOnMeterOverHttp({ device, durationS: 3600, resendAfterMs: 30_000 });
    const fetchMs = performance.now() - fetchStart;
    const start = performance.now();
    const day = await runZeroOnMeterOverHttp({ device, durationS, resendAfterMs: 30_000, transport: 'node-http' });
    const httpMs = performance.now() - start;
    const scaledS = (httpMs / 1000) * (24 / hours);
    console.log(
      `${name} ${device} (${hours} h, node:http keep-alive): ${(httpMs / 1000).toFixed(1)} s wall, ${day.controlSteps} steps, ${day.requests} requests ` +
        `(${(httpMs / day.requests).toFixed(2)} ms each), ${(day.shareWithinTolerance * 100).toFixed(1)} % of free minutes within ±50 W, ${day.errors} errors`,
    );
    console.log(`${name} ${device}: baseline in-process plant ${(baselineMs / 1000).toFixed(1)} s; HTTP/in-process ratio ${(httpMs / baselineMs).toFixed(1)}`);
    console.log(`${name} ${device}: baseline global fetch, 1 h: ${(fetchMs / 1000).toFixed(1)} s (${(fetchMs / fetchHour.requests).toFixed(2)} ms per request)`);
    console.log(`${name} ${device}: 24 h ≈ ${scaledS.toFixed(1)} s wall (target ≤ 10 s) ${scaledS <= 10 ? 'OK' : 'ABOVE TARGET'}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2] ?? 24));
