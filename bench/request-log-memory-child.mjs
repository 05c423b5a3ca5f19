/**
 * Full request logs for bench/request-log-memory.ts, in a process of its own: `node --expose-gc
 * bench/request-log-memory-child.mjs <ring|objects> <devices>`. Each device's log holds 500 entries shaped as a
 * site's: a meter's of NOM posts, a dongle's of Home Assistant's power/status polls, one meter per three dongles; the
 * bodies are real ones (a site's first posts and a dongle's answer) with a number changed per entry, so that no two
 * are the same string. `ring` records them into the built package's logs (createRequestLog); `objects` keeps the same
 * entries as the log kept them before (an object per entry, its bodies as latin1 strings): the baseline.
 * Prints {"heapUsed", "external", "rss", "entries"} above what the process held before the logs, after a full GC.
 */
import { createRequestLog, DEFAULT_LOG_ENTRIES } from '../dist/simulator/control/request-log.js';
import { startSite } from '../dist/simulator/index.js';

const [mode, devicesArg] = process.argv.slice(2);
const devices = Number(devicesArg ?? '1000');

// Real bodies: a site's first NOM posts and their answers, and a dongle's power/status.
const site = await startSite({ seed: 1, meter: {}, sessys: [{ name: 's1' }] });
await site.advance(2);
const post = site.meter.control.log.entries().find((e) => e.url === '/api/v1/nom/power');
const s1 = site.device('s1');
const auth = `Basic ${Buffer.from(`${s1.credentials.user}:${s1.credentials.password}`).toString('base64')}`;
const status = await (await fetch(`${s1.url}/api/v1/power/status`, { headers: { authorization: auth } })).text();
await site.close();
const postText = Buffer.from(post.exchange.requestBody).toString('utf8');
const answerText = Buffer.from(post.exchange.responseBody).toString('utf8');
/** `text` with its first number replaced by one of `i`'s digits: unique per entry, the same length give or take. */
const vary = (text, i) => text.replace(/-?\d+(\.\d+)?/, String(1000 + (i % 9000)));

const meterEntry = (i) => ({
  simTimeMs: 1_796_000_000_000 + i * 1000, wallTimeMs: 1_796_000_000_000 + i * 1000, method: 'POST', url: '/api/v1/nom/power', status: 200, durationMs: 0.4 + (i % 7) / 10, faults: [],
  exchange: { requestHeaders: ['content-type', 'application/json'], requestBody: Buffer.from(vary(postText, i)), responseContentType: 'application/json', responseBody: vary(answerText, i) },
});
const dongleEntry = (i) => ({
  simTimeMs: 1_796_000_000_000 + i * 5000, wallTimeMs: 1_796_000_000_000 + i * 5000, method: 'GET', url: '/api/v1/power/status', status: 200, durationMs: 0.3 + (i % 7) / 10, faults: [],
  exchange: { requestHeaders: ['Authorization', auth], requestBody: null, responseContentType: 'application/json', responseBody: vary(status, i) },
});

/** The previous representation: what record() kept per entry, bodies as latin1 strings. */
const asObject = (r, seq) => ({ ...r, seq, exchange: { ...r.exchange, requestHeaders: [...r.exchange.requestHeaders], requestBody: r.exchange.requestBody === null ? null : Buffer.from(r.exchange.requestBody).toString('latin1'), responseBody: Buffer.from(r.exchange.responseBody).toString('latin1') } });

globalThis.gc();
globalThis.gc();
const before = process.memoryUsage();
const kept = [];
let entries = 0;
for (let d = 0; d < devices; d++) {
  const entry = d % 4 === 0 ? meterEntry : dongleEntry;
  if (mode === 'ring') {
    const log = createRequestLog(DEFAULT_LOG_ENTRIES);
    for (let i = 0; i < DEFAULT_LOG_ENTRIES; i++) log.record(entry(d * 1000 + i));
    kept.push(log);
  } else {
    const ring = [];
    for (let i = 0; i < DEFAULT_LOG_ENTRIES; i++) ring.push(asObject(entry(d * 1000 + i), i + 1));
    kept.push(ring);
  }
  entries += DEFAULT_LOG_ENTRIES;
}
globalThis.gc();
globalThis.gc();
const after = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ heapUsed: after.heapUsed - before.heapUsed, external: after.external - before.external, rss: after.rss - before.rss, entries, kept: kept.length })}\n`);
process.exit(0);
