/**
 * The dashboard's targets (issue 16), in headless Chromium against emulators in processes of their own:
 * - first render of /_sim/ui/ ≤ 1 s on loopback (baseline: the same browser loading a JSON page from the emulator);
 * - an open dashboard for one simulated week at --speed 600 grows the emulator's RSS by < 20 MB (baseline: a
 *   twin emulator, same seed, speed and client polling, without a page, over the same wall time);
 * - the page's JS heap grows by < 50 MB over that week (baseline: its heap at first render);
 * - no frame over 50 ms while the plots update with a week of data in view (baseline: the longest frame of the
 *   same page while nothing changes).
 *
 * Run: npx tsx bench/dashboard.ts [--hours 168] (simulated hours at speed 600; 168 takes 17 minutes of wall time).
 * With fewer hours the last step fills the rest of the week through the page's own ingest path before measuring
 * frames, so the plots hold a week's points either way.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, CHROMIUM_PATH } from '../test/support/headless-chromium.ts';
import type { BenchResult } from './bench.ts';
import { printResults } from './run.ts';

export const name = 'dashboard';

const SPEED = 600;
const WEEK_S = 7 * 86_400;
const CHILD = fileURLToPath(new URL('./dashboard-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;

interface Emulator {
  readonly url: string;
  readonly credentials: { user: string; password: string };
  readonly child: ChildProcessWithoutNullStreams;
  rssBytes(): number;
  stop(): void;
}

async function startEmulator(): Promise<Emulator> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, String(SPEED)], { cwd: ROOT, stdio: 'pipe' });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`Failed to start the bench emulator: it exited with ${code}.`)));
  });
  const { url, credentials } = JSON.parse(line) as { url: string; credentials: { user: string; password: string } };
  return {
    url,
    credentials,
    child,
    rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024,
    stop: () => child.stdin.end(),
  };
}

/** A client polling like an integration: power/status once a wall second, so the request log fills too. */
function poll(e: Emulator): () => void {
  const authorization = 'Basic ' + Buffer.from(`${e.credentials.user}:${e.credentials.password}`).toString('base64');
  const timer = setInterval(() => void fetch(`${e.url}/api/v1/power/status`, { headers: { authorization } }).then((r) => r.text()).catch(() => undefined), 1000);
  return () => clearInterval(timer);
}

async function heapBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

// Run in the page (functions, not strings: the page's CSP forbids eval).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PageGlobals = any;

/** The longest gap between animation frames over `ms` of wall time, while `update` runs every 200 ms [ms]. */
function longestFrameMs(page: Page, ms: number, update: boolean): Promise<number> {
  return page.evaluate(
    ({ ms, update }) =>
      new Promise<number>((resolve) => {
        const g = globalThis as PageGlobals;
        const d = g.battsimDashboard;
        let last = performance.now();
        let longest = 0;
        const end = last + ms;
        let t = d.store.lastT();
        const timer = update
          ? setInterval(() => {
              t += d.store.resolutionS;
              d.ingest({ simTimeMs: t * 1000, socFraction: 0.5, batteryW: 100, gridW: 200, pvW: 300, loadW: 400, wishW: 0, freqHz: 50 });
            }, 200)
          : null;
        const frame = (now: number): void => {
          longest = Math.max(longest, now - last);
          last = now;
          if (now < end) g.requestAnimationFrame(frame);
          else {
            if (timer !== null) clearInterval(timer);
            resolve(longest);
          }
        };
        g.requestAnimationFrame(frame);
      }),
    { ms, update },
  );
}

// biome-ignore lint/suspicious/noConfusingVoidType: returns nothing when Chromium is missing, like the benches that print their own table
export async function run(hours = 168): Promise<readonly BenchResult[] | void> {
  if (!hasChromium) {
    console.log(`${name}: skipped, no chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set BATTSIM_CHROMIUM)`);
    return;
  }
  const [withPage, without] = await Promise.all([startEmulator(), startEmulator()]);
  const browser = await launchChromium();
  const stops: (() => void)[] = [];
  try {
    // First render, beside the same browser loading a JSON page from the same emulator.
    const blank = await browser.open('about:blank');
    const t0 = performance.now();
    await blank.page.goto(`${withPage.url}/_sim/clock`);
    const jsonPageMs = performance.now() - t0;
    await blank.page.close();
    // And a page that only loads uPlot from the emulator and draws one small plot: the floor of any plotted page.
    const floor = await browser.open('about:blank');
    const t1 = performance.now();
    await floor.page.goto(`data:text/html,<script src="${withPage.url}/_sim/ui/vendor/uPlot.iife.min.js"></script><div id=p></div><script>new uPlot({width:800,height:200,series:[{},{}]},[[1,2,3],[3,4,5]],document.getElementById('p'))</script>`);
    await floor.page.evaluate(() => new Promise((r) => (globalThis as PageGlobals).requestAnimationFrame(r)));
    const uplotPageMs = performance.now() - t1;
    await floor.page.close();
    const rss0 = [withPage.rssBytes(), without.rssBytes()];
    const { page, errors } = await browser.open(`${withPage.url}/_sim/ui/`);
    // tsx (esbuild's keepNames) wraps named functions in __name(); the functions this bench runs in the page need it.
    await page.evaluate('globalThis.__name = (f) => f');
    await page.waitForFunction(() => (globalThis as PageGlobals).battsimDashboard?.stats.firstRenderMs != null);
    const firstRenderMs = await page.evaluate(() => (globalThis as PageGlobals).battsimDashboard.stats.firstRenderMs as number);
    const loading = await page.evaluate(() => {
      const g = globalThis as PageGlobals;
      const nav = g.performance.getEntriesByType('navigation')[0];
      const state = g.performance.getEntriesByType('resource').find((r: { name: string }) => r.name.endsWith('/_sim/state'));
      const files = g.performance.getEntriesByType('resource').map((r: { name: string; startTime: number; responseEnd: number }) => `${r.name.split('/').pop()} ${r.startTime.toFixed(0)}-${r.responseEnd.toFixed(0)}`);
      return { files, htmlMs: nav.responseEnd, domReadyMs: nav.domContentLoadedEventEnd, stateAskedMs: state?.startTime, stateAnsweredMs: state?.responseEnd };
    });
    console.log(`${name}: page timeline [ms from navigation]: ${JSON.stringify(loading)}, first render ${firstRenderMs.toFixed(0)}`);
    await page.selectOption('#window', String(WEEK_S));
    const heap0 = await heapBytes(page);

    // The run: both emulators at speed 600, both polled, one watched.
    stops.push(poll(withPage), poll(without));
    const runMs = ((hours * 3600) / SPEED) * 1000;
    await new Promise((r) => setTimeout(r, runMs));
    for (const stop of stops.splice(0)) stop();
    const rssGrowth = withPage.rssBytes() - rss0[0]!;
    const rssGrowthWithout = without.rssBytes() - rss0[1]!;
    const heapGrowth = (await heapBytes(page)) - heap0;

    // Frames with a week in view: fill what the run did not cover through the page's own ingest path.
    await page.evaluate(() => {
      const d = (globalThis as PageGlobals).battsimDashboard;
      const lastT = d.store.lastT();
      const firstT = lastT - 7 * 86_400;
      const points = d.store.length;
      if (points < 1000) for (let t = firstT; t < lastT; t += d.store.resolutionS) d.store.add({ tS: t, soc: 50 + 40 * Math.sin(t / 20_000), batteryW: 1000 * Math.sin(t / 5000), gridW: 500, pvW: 2000 * Math.max(0, Math.sin(t / 13_750)), loadW: 400, setpointW: 0, freqHz: 50 + 0.05 * Math.sin(t / 300) });
    });
    const pointsInView = await page.evaluate(() => (globalThis as PageGlobals).battsimDashboard.store.length as number);
    const idleFrameMs = await longestFrameMs(page, 3000, false);
    await page.evaluate(() => ((globalThis as PageGlobals).battsimDashboard.stats.maxRedrawMs = 0));
    const updateFrameMs = await longestFrameMs(page, 5000, true);
    const maxRedrawMs = await page.evaluate(() => (globalThis as PageGlobals).battsimDashboard.stats.maxRedrawMs as number);
    if (errors.length > 0) console.log(`${name}: console errors on the page: ${errors.join(' | ')}`);
    console.log(`${name}: ${hours} simulated h at speed ${SPEED} (${(runMs / 1000).toFixed(0)} s wall), ${pointsInView} points per series in view, longest redraw while updating ${maxRedrawMs.toFixed(1)} ms`);
    return [
      { label: 'first render of /_sim/ui/', value: firstRenderMs, unit: 'ms', better: 'lower', baseline: { label: 'the same browser loading /_sim/clock (JSON)', value: jsonPageMs }, target: { label: 'issue 16', value: 1000 } },
      { label: 'first render of /_sim/ui/ (against a bare uPlot page)', value: firstRenderMs, unit: 'ms', better: 'lower', baseline: { label: 'a page loading uPlot from the emulator and drawing one plot', value: uplotPageMs }, target: { label: 'issue 16', value: 1000 } },
      { label: `emulator RSS growth with the page open, ${hours} h`, value: rssGrowth / MB, unit: 'MB', better: 'lower', baseline: { label: 'twin emulator without a page', value: rssGrowthWithout / MB }, target: { label: 'issue 16', value: 20 } },
      { label: `page JS heap growth, ${hours} h`, value: heapGrowth / MB, unit: 'MB', better: 'lower', baseline: { label: 'heap at first render', value: heap0 / MB }, target: { label: 'issue 16', value: 50 } },
      { label: 'longest frame while the plots update, a week in view', value: updateFrameMs, unit: 'ms', better: 'lower', baseline: { label: 'longest frame of the idle page', value: idleFrameMs }, target: { label: 'issue 16', value: 50 } },
      { label: 'longest redraw (3 plots) while they update, a week in view', value: maxRedrawMs, unit: 'ms', better: 'lower', baseline: { label: 'longest frame of the idle page', value: idleFrameMs }, target: { label: 'issue 16', value: 50 } },
    ];
  } finally {
    for (const stop of stops) stop();
    await browser.close();
    withPage.stop();
    without.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { hours: { type: 'string', default: '168' } } });
  const hours = Number(values.hours);
  if (!(hours > 0)) throw new Error(`Failed to run the dashboard bench: --hours must be a number > 0, got ${values.hours}.`);
  const results = await run(hours);
  if (results) printResults(name, results);
}
