/**
 * The timed days of bench/clients-day.ts, in a process of their own: `node <bundle of this file> <sessy|homevolt>
 * <hours> <keep-alive|fetch> <days>` (bench/clients-day.ts bundles it over the built dist/). Runs the same seeded
 * day `days` times, each on a fresh emulator, and prints one JSON line with every day's wall time and the figures of the last.
 *
 * A fresh process per device and transport, because what ran before in a process changes the next figure: after an
 * hour on the global fetch, the same day over node:http (the transport of the time) took 14–16 s instead of 11 s
 * (V8 had compiled the shared client and server paths for both transports' answers). The first day is V8's start
 * and lasts longer (10.0 against 6.1 and 5.8 s for Homevolt in one process; a one-hour warm-up did not reach the
 * steady state): as bestWallMs does for the core benches, the parent reports it and takes the best of the rest.
 */
import Fastify from 'fastify';
import { createKeepAliveFetch } from '../clients/shared/keep-alive-fetch.ts';
import type { FetchLike } from '../clients/shared/transport.ts';
import { runZeroOnMeterOverHttp } from '../test/clients/http-day.ts';

/**
 * The same process's floor for one request: a bare Fastify route answering 100 bytes of JSON through the day's
 * transport, no device, no client. The day's time over (its requests × this) says how far the
 * emulators and clients are from what HTTP alone costs here, whatever the machine's speed at the moment.
 */
async function bareRequestMs(requests: number, transport: 'keep-alive' | 'fetch'): Promise<number> {
  const app = Fastify();
  const body = JSON.stringify({ status: 'ok', pad: 'x'.repeat(80) });
  app.get('/bare', (_request, reply) => reply.type('application/json').send(body));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/bare`;
  const owned = transport === 'keep-alive' ? createKeepAliveFetch() : undefined;
  const fetchFn: FetchLike = owned ?? ((input, init) => fetch(input, init));
  try {
    for (let i = 0; i < requests / 4; i++) await (await fetchFn(url, { method: 'GET' })).text();
    const start = performance.now();
    for (let i = 0; i < requests; i++) await (await fetchFn(url, { method: 'GET' })).text();
    return (performance.now() - start) / requests;
  } finally {
    owned?.close();
    await app.close();
  }
}

const [device, hoursText, transport, daysText] = process.argv.slice(2);
if ((device !== 'sessy' && device !== 'homevolt') || (transport !== 'keep-alive' && transport !== 'fetch')) {
  console.error('Usage: clients-day-child.ts <sessy|homevolt> <hours> <keep-alive|fetch> <days>');
  process.exit(2);
}
const hours = Number(hoursText ?? 24);
const days = Math.max(1, Number(daysText ?? 3));
const options = { device, resendAfterMs: 30_000, transport, durationS: hours * 3600 } as const;
const bareMs = await bareRequestMs(transport === 'fetch' ? 1000 : 10_000, transport);
const wallMs: number[] = [];
/** The process's CPU time per day, user + system [ms]: on a machine shared with other work it counts this day only. */
const cpuMs: number[] = [];
let day: Awaited<ReturnType<typeof runZeroOnMeterOverHttp>> | undefined;
for (let i = 0; i < days; i++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  day = await runZeroOnMeterOverHttp(options);
  wallMs.push(performance.now() - start);
  const cpu = process.cpuUsage(cpuStart);
  cpuMs.push((cpu.user + cpu.system) / 1000);
}
console.log(JSON.stringify({ device, transport, hours, wallMs, cpuMs, bareRequestMs: bareMs, ...day }));
