/**
 * Sites for bench/site-scale.ts in a process of their own, so that the RSS is theirs, on the built code a user runs
 * (dist/, through the Node API): `node bench/site-scale-child.mjs <devices> [alone|bare]`. Homes of one meter and three Sessys in NOM (the last
 * home smaller), or one Sessy alone for 1 device; 0 starts nothing but loads the same modules (the process's floor).
 * Prints one JSON line listing every device (URL, path Home Assistant polls, Authorization), then answers each
 * line on stdin with {"rssBytes": …}; exits when stdin closes. With `alone`: as many Sessy emulators started alone
 * (startSessy), the baseline of what a site adds. With `bare`: as many plain node:http servers answering a Sessy's
 * power/status body, the floor of what the machine and the pollers cost a poll.
 */
import { monitorEventLoopDelay, PerformanceObserver, constants } from 'node:perf_hooks';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { startSessy, startSite } from '../dist/simulator/index.js';
import '../dist/simulator/http/sessy/index.js';
import '../dist/simulator/http/sessy-meter/index.js';

const devices = Number(process.argv[2] ?? '1');
/** Entries each device's request log keeps (BATTSIM_SITE_LOG_ENTRIES); default the emulators' own (500). */
const logEntries = process.env.BATTSIM_SITE_LOG_ENTRIES ? { logEntries: Number(process.env.BATTSIM_SITE_LOG_ENTRIES) } : {};

function homesOf(n) {
  if (n === 0) return [];
  if (n === 1) return [{ sessys: [{ name: 's', strategy: 'POWER_STRATEGY_API' }] }];
  const homes = [];
  const home = (size, i) => ({ seed: i, meter: {}, sessys: Array.from({ length: size - 1 }, (_, k) => ({ name: `s${k + 1}`, phase: (k % 3) + 1 })) });
  let left = n;
  for (let i = 0; left > 0; i++) {
    const size = left >= 4 ? 4 : left;
    homes.push(size === 1 ? { seed: i, sessys: [{ name: 's', strategy: 'POWER_STRATEGY_API' }] } : home(size, i));
    left -= size;
  }
  return homes;
}

const auth = (c) => (c ? `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}` : null);
const sites = [];
const alone = [];
let list;
const bare = [];
if (process.argv[3] === 'bare') {
  // The floor of latency: as many plain node:http servers, each answering every request with a Sessy's real
  // power/status body (taken from one emulator, then stopped) and nothing else. What the machine and the pollers
  // cost a poll on their own; whatever a row adds above it is the emulators'.
  const sample = await startSessy({ speed: 1, seed: 0 });
  const answer = await fetch(`${sample.url}/api/v1/power/status`, { headers: { authorization: auth(sample.credentials) } });
  const body = Buffer.from(await answer.text());
  await sample.close();
  for (let i = 0; i < devices; i++) {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body));
    // Connections stay open between polls, as the emulators keep them (ESP-IDF sets no idle timeout): Node's own
    // 5 s default would close each one just as its next poll is due.
    server.keepAliveTimeout = 0;
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    bare.push(server);
  }
  list = bare.map((s) => ({ url: `http://127.0.0.1:${s.address().port}`, path: '/api/v1/power/status', authorization: null }));
} else if (process.argv[3] === 'alone') {
  // The baseline: as many Sessy emulators, each on its own household and clock (startSessy), no meter, no NOM.
  for (let i = 0; i < devices; i++) alone.push(await startSessy({ speed: 1, seed: i, ...logEntries }));
  list = alone.map((e) => ({ url: e.url, path: '/api/v1/power/status', authorization: auth(e.credentials) }));
} else {
  for (const home of homesOf(devices)) sites.push(await startSite(home, { speed: 1, ...logEntries }));
  list = sites.flatMap((s) => s.devices.map((d) => ({ url: d.url, path: d.kind === 'sessy-meter' ? '/api/v2/p1/details' : '/api/v1/power/status', authorization: auth(d.credentials) })));
}
/**
 * BATTSIM_SITE_FULL_LOGS=1: every Sessy's request log starts full, as after 42 minutes of polling every 5 s (a meter's
 * fills with the dongles' posts within three minutes anyway): one real poll of what the bench polls, recorded again
 * up to the log's capacity. The steady state of a long run, without waiting for it.
 */
if (process.env.BATTSIM_SITE_FULL_LOGS) {
  const sessys = [...alone, ...sites.flatMap((s) => s.devices.filter((d) => d.kind === 'sessy'))];
  for (const d of sessys) {
    const answer = await fetch(`${d.url}/api/v1/power/status`, d.credentials ? { headers: { authorization: auth(d.credentials) } } : {});
    await answer.text();
    const [polled] = d.control.log.entries({ limit: 1 });
    for (let n = d.control.log.entries().length; n < d.control.log.capacity; n++) d.control.log.record(polled);
  }
}
process.stdout.write(`${JSON.stringify({ devices: list })}\n`);
/** The loop monitor's timer period [ms]. */
const LOOP_RESOLUTION_MS = 10;
const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loop.enable();
/**
 * How late the event loop ran, p99 since the last question [ms]; the histogram starts over at each one. Node's
 * histogram holds the time between the monitor's timer runs, its period included (an idle loop reads 10.3 ms at a
 * 10 ms resolution): the period is taken off.
 */
const loopP99 = () => {
  const ms = Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS);
  loop.reset();
  return ms;
};
/** The collector's pauses since the last question: young-generation (scavenges) and full (mark-compact) ones [ms]. */
let gc = { minor: [], major: [] };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR ? gc.minor : e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR ? gc.major : []).push(e.duration);
}).observe({ entryTypes: ['gc'] });
const pauses = (list) => ({ count: list.length, totalMs: list.reduce((a, b) => a + b, 0), maxMs: Math.max(0, ...list) });
/** The highest RSS since the last question, sampled every second: what the process needs, not where a collection left it. */
let peakRss = 0;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 1000).unref();
const answer = () => {
  const rssBytes = process.memoryUsage().rss;
  const a = { peakRssBytes: Math.max(peakRss, rssBytes), gcMinor: pauses(gc.minor), gcMajor: pauses(gc.major) };
  peakRss = 0;
  gc = { minor: [], major: [] };
  return a;
};
const lines = createInterface({ input: process.stdin });
lines.on('line', () => process.stdout.write(`${JSON.stringify({ ...answer(), rssBytes: process.memoryUsage().rss, cpuUs: process.cpuUsage().user + process.cpuUsage().system, loopP99Ms: loopP99(), posts: sites.reduce((n, s) => n + (s.state().nom?.posts ?? 0), 0) })}\n`));
lines.on('close', () => void Promise.all([...sites.map((s) => s.close()), ...alone.map((e) => e.close()), ...bare.map((s) => new Promise((resolve) => s.close(resolve)))]).then(() => process.exit(0)));
