/**
 * GET /api/v1/power/status at 50 connections against the Sessy emulator, and against a bare Fastify route serving
 * the same bytes, in the same run. Targets: emulator ≥ 0.6 × bare throughput, p99 ≤ 5 ms.
 * Run: npx tsx bench/sessy-http.ts
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { startSessy } from '../simulator/runtime/start-sessy.ts';

export const name = 'sessy-http';

interface CannonResult {
  readonly requests: { readonly average: number };
  readonly latency: { readonly p99: number; readonly average: number };
  readonly non2xx: number;
  readonly errors: number;
}
type Cannon = (opts: { url: string; connections: number; duration: number; workers?: number; headers?: Record<string, string> }) => Promise<CannonResult>;
// autocannon ships CommonJS without types.
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const CONNECTIONS = 50;
/** The load generator runs in its own thread, so that its work does not delay the server it measures. */
const WORKERS = 1;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

export async function run(): Promise<void> {
  const emulator = await startSessy({ speed: 'manual' });
  const path = '/api/v1/power/status';
  const body = await (await fetch(emulator.url + path)).text();
  const bare = Fastify({ logger: false });
  bare.get(path, (_req, reply) => reply.header('content-type', 'application/json').send(body));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareAddress = bare.server.address();
  const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}${path}`;
  try {
    await autocannon({ url: bareUrl, connections: CONNECTIONS, duration: 2, workers: WORKERS }); // warm-up
    await autocannon({ url: emulator.url + path, connections: CONNECTIONS, duration: 2, workers: WORKERS });
    const b = await autocannon({ url: bareUrl, connections: CONNECTIONS, duration: DURATION_S, workers: WORKERS });
    const e = await autocannon({ url: emulator.url + path, connections: CONNECTIONS, duration: DURATION_S, workers: WORKERS });
    const ratio = e.requests.average / b.requests.average;
    console.log(`${name}: bare Fastify ${b.requests.average.toFixed(0)} req/s (p99 ${b.latency.p99} ms)`);
    console.log(`${name}: emulator     ${e.requests.average.toFixed(0)} req/s (p99 ${e.latency.p99} ms, non-2xx ${e.non2xx}, errors ${e.errors})`);
    console.log(`${name}: ratio ${ratio.toFixed(2)} (target ≥ 0.6) ${ratio >= 0.6 ? 'OK' : 'BELOW TARGET'}; p99 ${e.latency.p99} ms (target ≤ 5) ${e.latency.p99 <= 5 ? 'OK' : 'ABOVE TARGET'}`);
  } finally {
    await bare.close();
    await emulator.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
