/**
 * Proxy overhead of `battsim record`: GET /api/v1/power/status on the Sessy emulator, direct vs through the
 * recorder (with and without fdatasync per entry), sequential requests over keep-alive. Prints ms per request.
 * Run: npx tsx bench/replay-throughput.ts [requests]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRecorder } from '../simulator/replay/index.ts';
import { startSessy } from '../simulator/runtime/start-sessy.ts';

const requests = Number(process.argv[2] ?? 500);
const emulator = await startSessy();

async function timeRequests(baseUrl: string): Promise<number> {
  for (let i = 0; i < 20; i++) await (await fetch(`${baseUrl}/api/v1/power/status`)).arrayBuffer();
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) await (await fetch(`${baseUrl}/api/v1/power/status`)).arrayBuffer();
  return (performance.now() - t0) / requests;
}

const dir = mkdtempSync(join(tmpdir(), 'battsim-bench-'));
const direct = await timeRequests(emulator.url);
const rows: Array<[string, number]> = [['direct', direct]];
for (const sync of [false, true]) {
  const recorder = await startRecorder({ target: emulator.url, out: join(dir, `trace-${sync}.har`), sync });
  rows.push([`recorder (fdatasync ${sync ? 'on' : 'off'})`, await timeRequests(recorder.url)]);
  await recorder.close();
}
for (const [name, ms] of rows) console.log(`${name.padEnd(28)} ${ms.toFixed(3)} ms/request  (+${(ms - direct).toFixed(3)} ms)`);
await emulator.close();
