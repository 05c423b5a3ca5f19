/**
 * What `--https` adds to Homevolt's start: the self-signed certificate is made at start (EC P-256), so a start
 * with HTTPS is compared with a plain HTTP start measured in the same run. The first HTTPS start of a process
 * also loads selfsigned and its X.509 libraries; it is reported on its own. A second figure shows why the key
 * is EC: the same certificate with an RSA-2048 key, the common alternative.
 * Run: npx tsx bench/https-start.ts [repeats]
 */
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './bench.ts';
import { startHomevolt } from '../simulator/runtime/start-homevolt.ts';
import { createSelfSignedCertificate } from '../simulator/runtime/self-signed-certificate.ts';

export const name = 'https-start';

async function wallMs(work: () => Promise<unknown>): Promise<number> {
  const startMs = performance.now();
  await work();
  return performance.now() - startMs;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Start to listening, then close (close not timed) [ms]. */
async function startMs(https: boolean): Promise<number> {
  let close: () => Promise<void> = async () => undefined;
  const ms = await wallMs(async () => {
    const emulator = await startHomevolt(https ? { https: true } : {});
    close = () => emulator.close();
  });
  await close();
  return ms;
}

export async function run(repeats = 7): Promise<readonly BenchResult[]> {
  await startMs(false); // warm-up: the HTTP app's own first-start costs are not HTTPS's
  const firstHttpsMs = await startMs(true);
  const http: number[] = [];
  const https: number[] = [];
  for (let i = 0; i < repeats; i++) {
    http.push(await startMs(false));
    https.push(await startMs(true));
  }
  const ec: number[] = [];
  const rsa: number[] = [];
  const { generate } = (await import('selfsigned')).default;
  for (let i = 0; i < repeats; i++) {
    ec.push(await wallMs(() => createSelfSignedCertificate('homevolt-68b6b34cda94', '127.0.0.1')));
    rsa.push(await wallMs(() => generate([{ name: 'commonName', value: 'homevolt-68b6b34cda94.local' }], { keyType: 'rsa', keySize: 2048, algorithm: 'sha256' })));
  }
  const httpMs = median(http);
  return [
    { label: `Homevolt start with https: true, median of ${repeats}`, value: median(https), unit: 'ms', better: 'lower', baseline: { label: 'the same start over plain HTTP', value: httpMs } },
    { label: 'first Homevolt start with https: true in the process (loads selfsigned)', value: firstHttpsMs, unit: 'ms', better: 'lower', baseline: { label: 'a plain HTTP start', value: httpMs } },
    { label: `self-signed certificate, EC P-256, median of ${repeats}`, value: median(ec), unit: 'ms', better: 'lower', baseline: { label: 'the same certificate with an RSA-2048 key', value: median(rsa) } },
  ];
}

// No top-level await: run.ts imports this module (see core-site.ts).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void Promise.all([import('./run.ts'), run(process.argv[2] ? Number(process.argv[2]) : undefined)]).then(([{ printResults }, results]) => printResults(name, results));
}
