/**
 * Proxy overhead of `battsim record`: GET /api/v1/power/status on the Sessy emulator through the recorder (with and
 * without fdatasync per entry), sequential requests over keep-alive, against the same requests sent directly in the
 * same run. Run: npx tsx bench/replay-throughput.ts [requests]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startRecorder } from '../simulator/replay/index.ts';
import { startSessy } from '../simulator/runtime/start-sessy.ts';
import type { BenchResult } from './bench.ts';

export const name = 'replay-throughput';

async function timeRequests(baseUrl: string, requests: number): Promise<number> {
  for (let i = 0; i < 20; i++) await (await fetch(`${baseUrl}/api/v1/power/status`)).arrayBuffer();
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) await (await fetch(`${baseUrl}/api/v1/power/status`)).arrayBuffer();
  return (performance.now() - t0) / requests;
}

export async function run(requests = 500): Promise<readonly BenchResult[]> {
  const emulator = await startSessy();
  const dir = mkdtempSync(join(tmpdir(), 'battsim-bench-'));
  try {
    const direct = await timeRequests(emulator.url, requests);
    const results: BenchResult[] = [];
    for (const sync of [false, true]) {
      const recorder = await startRecorder({ target: emulator.url, out: join(dir, `trace-${sync}.har`), sync });
      const ms = await timeRequests(recorder.url, requests);
      await recorder.close();
      results.push({
        label: `GET power/status through the recorder, fdatasync ${sync ? 'on (crash-safe)' : 'off'}`,
        value: ms,
        unit: 'ms per request',
        better: 'lower',
        baseline: { label: 'the same requests sent directly to the emulator', value: direct },
      });
    }
    return results;
  } finally {
    await emulator.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { printResults } = await import('./run.ts');
  printResults(name, await run(Number(process.argv[2] ?? 500)));
}
