/**
 * Issue 19: a 20,000-event scenario (about 760 kB of JSON) loaded through POST /_sim/scenario on a Homevolt
 * emulator with a manual clock, twice (the second load replaces the first's pending events), while a client
 * polls GET /ems.json one request after another. Figures: each load's time, beside posting the same body to a
 * bare Fastify route that parses it (the HTTP + JSON floor), and the slowest /ems.json during the loads beside
 * the slowest without a load. Targets: a load < 1 s; no vendor request held > 50 ms by it.
 * Before the fix: 8.4 s, then 44 s, with /ems.json waiting the whole time. Run: npx tsx bench/scenario-load.ts
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { startHomevolt } from '../simulator/runtime/start-homevolt.ts';
import type { BenchResult } from './bench.ts';
import { printResults } from './run.ts';

export const name = 'scenario-load';

const EVENTS = 20_000;

/** A timeline of the three kinds of entry, offsets as "HH:MM:SS", in file order not time order (the load sorts). */
export function bigScenario(events = EVENTS): string {
  const hms = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  const list = Array.from({ length: events }, (_, i) => {
    const at = hms(((i * 7919) % events) * 4 + 1);
    if (i % 10 === 0) return { at, frequency: { step: { hz: 50.05, holdS: 2 } } };
    return { at, set: { soc: (i % 90) / 100 + 0.05 } };
  });
  return JSON.stringify({ name: 'bench', events: list });
}

async function post(url: string, body: string): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.text();
  return { ms: performance.now() - start, status: res.status };
}

/** Polls `url` one request at a time until `stop()` resolves; returns the slowest and the count. */
async function pollWhile(url: string, work: Promise<unknown>): Promise<{ maxMs: number; requests: number }> {
  let done = false;
  void work.finally(() => (done = true));
  let maxMs = 0;
  let requests = 0;
  while (!done) {
    const start = performance.now();
    await (await fetch(url)).text();
    maxMs = Math.max(maxMs, performance.now() - start);
    requests++;
  }
  return { maxMs, requests };
}

/** CPU time [ms] of `work`: on a shared machine wall time also counts the time other processes ran. */
function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/**
 * The longest stretch a load holds the event loop, in CPU time: the body's JSON.parse (Fastify does it in one go)
 * and each slice between two yields of control.loadScenarioInSlices, on the emulator's own control surface.
 */
async function longestSliceCpuMs(emulator: Awaited<ReturnType<typeof startHomevolt>>, body: string): Promise<{ parseMs: number; sliceMs: number; slices: number }> {
  let data: unknown;
  const parseMs = cpuMs(() => (data = JSON.parse(body)));
  let sliceMs = 0;
  let slices = 0;
  let start = process.cpuUsage();
  const lap = (): void => {
    const d = process.cpuUsage(start);
    sliceMs = Math.max(sliceMs, (d.user + d.system) / 1000);
    slices++;
  };
  await emulator.control.loadScenarioInSlices(data, async () => {
    lap();
    await new Promise((resolve) => setImmediate(resolve));
    start = process.cpuUsage();
  });
  lap();
  return { parseMs, sliceMs, slices };
}

export async function run(): Promise<readonly BenchResult[]> {
  const body = bigScenario();
  const emulator = await startHomevolt({ speed: 'manual', units: 2 });
  const bare = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  bare.post('/parse', async (request) => ({ events: (request.body as { events: unknown[] }).events.length }));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  try {
    const ems = `${emulator.url}/ems.json`;
    for (let i = 0; i < 50; i++) await (await fetch(ems)).text(); // warm-up
    const idle = await pollWhile(ems, new Promise((resolve) => setTimeout(resolve, 1000)));
    await post(`${bareUrl}/parse`, body);
    const floor = Math.min((await post(`${bareUrl}/parse`, body)).ms, (await post(`${bareUrl}/parse`, body)).ms);
    const loads: { ms: number; maxMs: number; requests: number }[] = [];
    for (let i = 0; i < 2; i++) {
      const load = post(`${emulator.url}/_sim/scenario`, body);
      const poll = await pollWhile(ems, load);
      const { ms, status } = await load;
      if (status !== 200) throw new Error(`Failed to load the bench scenario: HTTP ${status}.`);
      loads.push({ ms, ...poll });
    }
    await longestSliceCpuMs(emulator, body); // warm-up
    const cpu = await longestSliceCpuMs(emulator, body);
    const floorCpu = Math.min(cpuMs(() => JSON.parse(body)), cpuMs(() => JSON.parse(body)));
    console.log(
      `${name}: load average ${loadavg()[0]!.toFixed(1)} on this machine (wall times count other processes' turns); in CPU time: JSON.parse of the body ${cpu.parseMs.toFixed(1)} ms, ` +
        `longest of ${cpu.slices} load slices ${cpu.sliceMs.toFixed(1)} ms`,
    );
    console.log(
      `${name}: ${EVENTS} events, ${(body.length / 1024).toFixed(0)} kB; loads ${loads.map((l) => `${l.ms.toFixed(0)} ms`).join(' then ')}; ` +
        `slowest /ems.json during them ${loads.map((l) => `${l.maxMs.toFixed(1)} ms (of ${l.requests})`).join(', ')}; without a load ${idle.maxMs.toFixed(1)} ms (of ${idle.requests})`,
    );
    return [
      ...loads.map((l, i) => ({
        label: `${i === 0 ? 'first' : 'second'} load of a ${EVENTS}-event scenario (${(body.length / 1024).toFixed(0)} kB JSON)`,
        value: l.ms,
        unit: 'ms',
        better: 'lower' as const,
        baseline: { label: 'posting the same body to a bare Fastify route that parses it', value: floor },
        target: { label: 'issue 19', value: 1000 },
      })),
      {
        label: 'longest stretch a load holds the event loop, in CPU time (the body parse or one slice)',
        value: Math.max(cpu.parseMs, cpu.sliceMs),
        unit: 'ms',
        better: 'lower',
        baseline: { label: 'JSON.parse of the same body, in CPU time', value: floorCpu },
        target: { label: 'issue 19: no vendor request held more than 50 ms', value: 50 },
      },
      {
        label: 'slowest GET /ems.json while the scenarios load',
        value: Math.max(...loads.map((l) => l.maxMs)),
        unit: 'ms',
        better: 'lower',
        baseline: { label: 'slowest GET /ems.json over 1 s without a load', value: idle.maxMs },
        target: { label: 'issue 19: no vendor request held more than 50 ms', value: 50 },
      },
    ];
  } finally {
    await bare.close();
    await emulator.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printResults(name, await run());
