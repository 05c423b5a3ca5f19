// The process of bench/emulator-memory.ts: `node --expose-gc bench/emulator-memory-child.mjs <kind> <n> [snapshot]`.
// Plain Node on the built package (dist/), as users run it. Loads the same modules whatever the kind, starts n of
// <kind> (floor: nothing; fastify: a bare Fastify app listening with one route; sessy, meter, homevolt: the
// emulators at speed 1, as `battsim` runs them), asks each once what Home Assistant polls, lets the clocks run a
// few seconds, collects garbage and prints one JSON line of process.memoryUsage(). With a third argument, writes
// a heap snapshot there (node:v8 writeHeapSnapshot) after the figures are read.
import { get } from 'node:http';
import { writeHeapSnapshot } from 'node:v8';
import Fastify from 'fastify';
import { startHomevolt, startSessy, startSessyMeter } from '../dist/simulator/index.js';

const [kind = 'floor', count = '0', snapshot] = process.argv.slice(2);
const n = Number(count);
/** Wall time the clocks run before the figures are read [ms]: long enough for a few steps and timers. */
const SETTLE_MS = Number(process.env.BATTSIM_SETTLE_S ?? 3) * 1000;

const auth = (c) => (c ? { authorization: `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}` } : {});
async function bareFastify() {
  const app = Fastify();
  app.get('/', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${app.server.address().port}`, credentials: null, close: () => app.close() };
}
// node:http without an agent, not fetch: undici keeps a connection pool per origin (some 16 KB each), which would
// count as the emulators' own.
const poll = (url, headers) =>
  new Promise((resolve, reject) =>
    get(url, { headers, agent: false }, (res) => {
      res.resume();
      res.once('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`Failed to poll ${url}: ${res.statusCode}`))));
    }).once('error', reject),
  );
const START = {
  floor: null,
  fastify: [bareFastify, '/'],
  sessy: [(i) => startSessy({ speed: 1, seed: i }), '/api/v1/power/status'],
  meter: [(i) => startSessyMeter({ speed: 1, seed: i }), '/api/v2/p1/details'],
  homevolt: [(i) => startHomevolt({ speed: 1, seed: i }), '/ems.json'],
};
if (!(kind in START)) throw new Error(`Failed to run the memory child: unknown kind ${kind}. Known: ${Object.keys(START).join(', ')}.`);
const running = [];
if (START[kind]) {
  const [start, path] = START[kind];
  for (let i = 0; i < n; i++) running.push(await start(i));
  for (const e of running) await poll(`${e.url}${path}`, auth(e.credentials));
}
await new Promise((r) => setTimeout(r, SETTLE_MS));
for (let i = 0; i < 3; i++) globalThis.gc?.();
const m = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
if (snapshot) writeHeapSnapshot(snapshot);
await Promise.all(running.map((e) => e.close()));
process.exit(0);
