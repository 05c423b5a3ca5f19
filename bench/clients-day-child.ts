/**
 * One timed day of bench/clients-day.ts, in a process of its own: `node --import tsx bench/clients-day-child.ts
 * <sessy|homevolt> <hours> <keep-alive|fetch> <warmupHours>`. Prints one JSON line with the figures.
 *
 * A fresh process per measurement, because what ran before in a process changes the next figure: after an hour on
 * the global fetch, the same day over node:http (the transport of the time) took 14–16 s instead of 11 s (V8 had
 * compiled the shared client and server paths for both transports' answers). The warm-up runs the same work on its
 * own emulator first, as bestWallMs does for the core benches: the figure is the steady state, not V8's start.
 */
import Fastify from 'fastify';
import { createKeepAliveFetch } from '../clients/shared/keep-alive-fetch.ts';
import { runZeroOnMeterOverHttp } from '../test/clients/http-day.ts';

/**
 * The same process's floor for one request: a bare Fastify route answering 100 bytes of JSON through the same
 * keep-alive transport, no device, no client. The day's time over (its requests × this) says how far the
 * emulators and clients are from what HTTP alone costs here, whatever the machine's speed at the moment.
 */
async function bareRequestMs(requests: number): Promise<number> {
  const app = Fastify();
  const body = JSON.stringify({ status: 'ok', pad: 'x'.repeat(80) });
  app.get('/bare', (_request, reply) => reply.type('application/json').send(body));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/bare`;
  const fetchFn = createKeepAliveFetch();
  try {
    for (let i = 0; i < requests / 4; i++) await (await fetchFn(url, { method: 'GET' })).text();
    const start = performance.now();
    for (let i = 0; i < requests; i++) await (await fetchFn(url, { method: 'GET' })).text();
    return (performance.now() - start) / requests;
  } finally {
    fetchFn.close();
    await app.close();
  }
}

const [device, hoursText, transport, warmupText] = process.argv.slice(2);
if ((device !== 'sessy' && device !== 'homevolt') || (transport !== 'keep-alive' && transport !== 'fetch')) {
  console.error('Usage: clients-day-child.ts <sessy|homevolt> <hours> <keep-alive|fetch> <warmupHours>');
  process.exit(2);
}
const hours = Number(hoursText ?? 24);
const warmupHours = Number(warmupText ?? 1);
const options = { device, resendAfterMs: 30_000, transport } as const;
const bareMs = await bareRequestMs(10_000);
const warmStart = performance.now();
if (warmupHours > 0) await runZeroOnMeterOverHttp({ ...options, durationS: warmupHours * 3600, seed: 7 });
const warmupMs = performance.now() - warmStart;
const start = performance.now();
const day = await runZeroOnMeterOverHttp({ ...options, durationS: hours * 3600 });
const wallMs = performance.now() - start;
console.log(JSON.stringify({ device, transport, hours, warmupHours, warmupMs, wallMs, bareRequestMs: bareMs, ...day }));
