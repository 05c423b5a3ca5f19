/**
 * GET /ems.json at 50 connections against the Homevolt emulator (two units, so the payload is the full
 * leader + follower shape) and against a bare Fastify route serving the same bytes, in the same run.
 * Target: emulator ≥ 0.6 × bare throughput. Run: npx tsx bench/homevolt-http.ts
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { startHomevolt } from '../simulator/runtime/start-homevolt.ts';

export const name = 'homevolt-http';

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
  // With a password, so that the Basic check and the lockout bookkeeping are part of the measured path.
  const emulator = await startHomevolt({ speed: 'manual', units: 2, password: 'bench' });
  const headers = { authorization: `Basic ${Buffer.from('admin:bench').toString('base64')}` };
  const path = '/ems.json';
  const body = await (await fetch(emulator.url + path, { headers })).text();
  const bare = Fastify({ logger: false });
  bare.get(path, (_req, reply) => reply.header('content-type', 'application/json').send(body));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareAddress = bare.server.address();
  const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}${path}`;
  try {
    await autocannon({ url: bareUrl, connections: CONNECTIONS, duration: 2, workers: WORKERS }); // warm-up
    await autocannon({ url: emulator.url + path, connections: CONNECTIONS, duration: 2, headers, workers: WORKERS });
    const b = await autocannon({ url: bareUrl, connections: CONNECTIONS, duration: DURATION_S, workers: WORKERS });
    const e = await autocannon({ url: emulator.url + path, connections: CONNECTIONS, duration: DURATION_S, headers, workers: WORKERS });
    const ratio = e.requests.average / b.requests.average;
    console.log(`${name}: bare Fastify ${b.requests.average.toFixed(0)} req/s (p99 ${b.latency.p99} ms), ${body.length} bytes`);
    console.log(`${name}: emulator     ${e.requests.average.toFixed(0)} req/s (p99 ${e.latency.p99} ms, non-2xx ${e.non2xx}, errors ${e.errors})`);
    console.log(`${name}: ratio ${ratio.toFixed(2)} (target ≥ 0.6) ${ratio >= 0.6 ? 'OK' : 'BELOW TARGET'}`);
  } finally {
    await bare.close();
    await emulator.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
