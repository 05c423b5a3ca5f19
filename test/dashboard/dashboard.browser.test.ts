/**
 * The dashboard in headless Chromium against real emulators on loopback, on manual clocks: three page loads
 * (a Sessy alone, a Homevolt alone, one Sessy of a site), each driven through the same /_sim/ operations a script
 * would use.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHomevolt, startSessy, type RunningEmulator } from '../../simulator/index.ts';
import { startSite, type RunningSite } from '../../simulator/runtime/site/start-site.ts';
import { ARTIFACT_DIR, hasChromium, launchChromium, type Browser } from '../support/headless-chromium.ts';

/** How long to wait for the page to show something: it polls once a second [ms]. */
const SHOWS_WITHIN_MS = 5000;

const basic = (user: string, password: string): string => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

/** Everything the page shows or holds in its DOM: markup, text and the values of its inputs. */
async function pageText(page: Page): Promise<string> {
  const values = await page.evaluate(() => [...(globalThis as PageGlobals).document.querySelectorAll('input, textarea, select')].map((e: { value: string }) => e.value).join('\n'));
  return `${await page.content()}\n${values}\n${await page.evaluate(() => (globalThis as PageGlobals).document.body.textContent as string)}`;
}

/**
 * The page's globals, in functions that run in the page (window.battsimDashboard is its handle for tests and the
 * bench). Functions, not strings: the page's CSP forbids eval, as it should.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PageGlobals = any;
const dashboard = (page: Page) => page.evaluate(() => (globalThis as PageGlobals).battsimDashboard.stats as Record<string, number>);
const xMax = (page: Page) => page.evaluate(() => (globalThis as PageGlobals).battsimDashboard.plots.plots[0].scales.x.max as number);
/** The power plot's last values: [t, battery, grid, PV, household, setpoint]. */
const lastPower = (page: Page) => page.evaluate(() => (globalThis as PageGlobals).battsimDashboard.plots.plots[0].data.map((s: number[]) => s[s.length - 1]) as number[]);

describe.skipIf(!hasChromium)('the dashboard (/_sim/ui/) in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(ARTIFACT_DIR, { recursive: true });
  });
  afterAll(async () => browser?.close());

  describe('on a Sessy emulator', () => {
    let sessy: RunningEmulator;
    let page: Page;
    let errors: string[];
    let auth: string;
    beforeAll(async () => {
      sessy = await startSessy({ seed: 42 });
      auth = basic(sessy.credentials!.user, sessy.credentials!.password);
      ({ page, errors } = await browser.open(`${sessy.url}/_sim/ui/`));
      await page.waitForFunction(() => (globalThis as { battsimDashboard?: { stats: { firstRenderMs: number | null } } }).battsimDashboard?.stats.firstRenderMs != null, undefined, { timeout: SHOWS_WITHIN_MS });
    });
    afterAll(async () => {
      await page?.screenshot({ path: new URL('dashboard-sessy.png', ARTIFACT_DIR).pathname, fullPage: true });
      await sessy?.close();
    });

    it('loads with no console errors and shows the device', async () => {
      await expect.poll(() => page.textContent('#device-name')).toContain('sessy');
      expect(await page.textContent('#device-state')).toContain('POWER_STRATEGY_NOM');
      expect(errors).toEqual([]);
    });

    it('moves the plots when the clock is advanced from the page', async () => {
      const before = await xMax(page);
      await page.fill('#advance-s', '900');
      await page.click('#advance-form button[type=submit]');
      await page.waitForFunction((b) => (globalThis as { battsimDashboard?: { plots: { plots: { scales: { x: { max: number } } }[] } } }).battsimDashboard!.plots.plots[0]!.scales.x.max >= b + 900, before, { timeout: SHOWS_WITHIN_MS });
      expect(await xMax(page)).toBe(before + 900);
      expect((await dashboard(page)).redraws).toBeGreaterThan(1);
    });

    it('shows a setpoint a client sends on the power plot and in the request log with its body', async () => {
      await fetch(`${sessy.url}/api/v1/power/active_strategy`, { method: 'POST', headers: { authorization: auth }, body: JSON.stringify({ strategy: 'POWER_STRATEGY_API' }) });
      const sent = await fetch(`${sessy.url}/api/v1/power/setpoint`, { method: 'POST', headers: { authorization: auth }, body: JSON.stringify({ setpoint: -1500 }) });
      expect(sent.status).toBe(200);
      await page.fill('#advance-s', '120');
      await page.click('#advance-form button[type=submit]');
      await expect.poll(async () => (await lastPower(page))[5], { timeout: SHOWS_WITHIN_MS }).toBe(-1500);
      expect((await lastPower(page))[1]).toBeCloseTo(-1500, -2);

      const row = page.locator('#log tbody tr', { hasText: '/api/v1/power/setpoint' });
      await row.first().waitFor({ timeout: SHOWS_WITHIN_MS });
      await row.first().click();
      expect(await page.textContent('#detail-request')).toContain('"setpoint": -1500');
      expect(await page.textContent('#detail-response')).toContain('"status": "ok"');
      expect(await page.isVisible('#clear-marker')).toBe(true);
    });

    it('applies a fault added from the page to the next request, and the log shows it', async () => {
      await page.selectOption('#fault-type', 'error');
      await page.click('#fault-add');
      await expect.poll(() => page.textContent('#fault-list'), { timeout: SHOWS_WITHIN_MS }).toContain('f1: error 500');
      const next = await fetch(`${sessy.url}/api/v1/power/status`, { headers: { authorization: auth } });
      expect(next.status).toBe(500);
      const row = page.locator('#log tbody tr', { hasText: 'f1' });
      await row.first().waitFor({ timeout: SHOWS_WITHIN_MS });
      expect(await row.first().textContent()).toContain('500');
    });

    it('shows no site panel: the emulator is alone', async () => {
      await page.click('#advance-form button[type=submit]');
      await expect.poll(() => page.textContent('#device-state'), { timeout: SHOWS_WITHIN_MS }).toContain('POWER_STRATEGY');
      expect(await page.isHidden('#site-panel')).toBe(true);
      expect(await page.evaluate(() => (globalThis as PageGlobals).battsimDashboard.site)).toBeNull();
    });

    it('never shows the Basic credentials', async () => {
      const text = await pageText(page);
      expect(text).not.toContain(sessy.credentials!.password);
      expect(text).not.toContain(auth.slice(6));
      expect(errors).toEqual([]);
    });
  });

  describe('on a Homevolt emulator with a web password and a control token', () => {
    const password = 'Hv-web-pass-9';
    const token = 'tok-9f8e7d6c5b';
    const psk = 'Psk-Secret-7731';
    let homevolt: RunningEmulator;
    let page: Page;
    let errors: string[];
    beforeAll(async () => {
      homevolt = await startHomevolt({ password, controlToken: token, bootS: 0 });
      ({ page, errors } = await browser.open(`${homevolt.url}/_sim/ui/#token=${token}`));
    });
    afterAll(async () => {
      await page?.screenshot({ path: new URL('dashboard-homevolt.png', ARTIFACT_DIR).pathname, fullPage: true });
      await homevolt?.close();
    });

    it('reads the token from the fragment, drops it from the address bar, and works', async () => {
      await expect.poll(() => page.textContent('#device-name'), { timeout: SHOWS_WITHIN_MS }).toContain('homevolt');
      expect(await page.evaluate(() => (globalThis as PageGlobals).location.hash as string)).toBe('');
      expect(await page.textContent('#device-state')).toContain('local mode');
      expect(errors).toEqual([]);
    });

    it('never shows the control token, the web password or a parameter password', async () => {
      const auth = basic('admin', password);
      const form = { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' };
      expect((await fetch(`${homevolt.url}/params.json`, { method: 'POST', headers: form, body: `k=ems_psk&v=${psk}` })).status).toBe(200);
      expect(await (await fetch(`${homevolt.url}/params.json`, { headers: { authorization: auth } })).text()).toContain(psk);
      const row = page.locator('#log tbody tr', { hasText: 'POST' });
      await row.first().waitFor({ timeout: SHOWS_WITHIN_MS });
      await row.first().click();
      expect(await page.textContent('#detail-request')).toContain('k=ems_psk');
      await page.locator('#log tbody tr', { hasText: 'GET' }).first().click();
      expect(await page.textContent('#detail-response')).toContain('ems_psk');
      const text = await pageText(page);
      for (const secret of [token, password, psk, auth.slice(6)]) expect(text).not.toContain(secret);
      expect(errors).toEqual([]);
    });
  });

  describe('on a Sessy of a site (a meter, two Sessys in NOM and a Homevolt on one grid, one manual clock, a control token)', () => {
    const token = 'tok-site-5e4d3c';
    let site: RunningSite;
    let page: Page;
    let errors: string[];
    interface SiteDevice {
      readonly name: string;
      readonly kind: string;
      readonly url: string;
      readonly powerW?: number;
      readonly socFraction?: number;
      readonly strategy?: string;
      readonly nomTargetW?: number | null;
      readonly gridW?: number;
      readonly gridTargetW?: number;
    }
    interface SiteState {
      readonly clock: { readonly nowMs: number };
      readonly grid: { readonly gridW: number; readonly gridPhaseW: number[]; readonly batteriesW: number };
      readonly devices: SiteDevice[];
    }
    const state = (): SiteState => site.state() as unknown as SiteState;
    const W = (w: number): string => `${Math.round(w)} W`;
    /** The time of the site the page last showed [epoch ms]. */
    const shownMs = (p: Page) => p.evaluate(() => ((globalThis as PageGlobals).battsimDashboard.site?.last?.clock.nowMs ?? null) as number | null);
    const cell = (name: string, key: string) => page.textContent(`#site-devices tr[data-device="${name}"] [data-cell="${key}"]`);
    /** Advances the site from Node and waits until the page shows its new time. */
    async function advanceAndShow(seconds: number): Promise<void> {
      await site.advance(seconds);
      const nowMs = site.clock.now();
      await expect.poll(() => shownMs(page), { timeout: SHOWS_WITHIN_MS }).toBe(nowMs);
    }

    beforeAll(async () => {
      site = await startSite({
        seed: 18,
        household: { phases: 3 },
        pv: { peakW: 0 },
        meter: { gridTargetW: 100 },
        sessys: [
          { name: 's1', phase: 1, soc: 0.6 },
          { name: 's2', phase: 2, soc: 0.7 },
        ],
        homevolts: [{ name: 'hv', soc: 0.4 }],
      }, { controlToken: token });
      site.device('s1').control.setState({ loadW: 2400, pvW: 0 });
      await site.advance(90);
      ({ page, errors } = await browser.open(`${site.device('s1').url}/_sim/ui/#token=${token}`));
      await page.waitForFunction((ms) => (globalThis as PageGlobals).battsimDashboard?.site?.last?.clock.nowMs === ms, site.clock.now(), { timeout: SHOWS_WITHIN_MS });
    });
    afterAll(async () => {
      await page?.screenshot({ path: new URL('dashboard-site.png', ARTIFACT_DIR).pathname, fullPage: true });
      await site?.close();
    });

    it('shows the shared grid and every device of the site with the values of /_sim/site', async () => {
      const s = state();
      const grid = (await page.textContent('#site-grid'))!;
      expect(grid).toContain(`grid (+ import)${W(s.grid.gridW)}`);
      expect(grid).toContain(s.grid.gridPhaseW.map((w, i) => `L${i + 1} ${W(w)}`).join(' · '));
      expect(grid).toContain('grid target (meter)100 W');
      expect(grid).toContain(`batteries (+ discharge)${W(s.grid.batteriesW)}`);
      expect(await page.$$eval('#site-devices tbody tr', (rows) => rows.map((r) => (r as unknown as { dataset: { device: string } }).dataset.device))).toEqual(['meter', 's1', 's2', 'hv']);
      // The batteries carry the load: the check below compares real powers, not zeros.
      expect(s.grid.batteriesW).toBeGreaterThan(1000);
      for (const d of s.devices) {
        if (d.kind === 'sessy-meter') {
          expect(await cell(d.name, 'power')).toBe(`grid ${W(d.gridW!)}`);
          continue;
        }
        expect(await cell(d.name, 'power')).toBe(W(d.powerW!));
        expect(await cell(d.name, 'soc')).toBe(`${(d.socFraction! * 100).toFixed(1)} %`);
        if (d.kind === 'sessy') {
          expect(await cell(d.name, 'mode')).toBe(d.strategy!.replace('POWER_STRATEGY_', ''));
          expect(await cell(d.name, 'share')).toBe(W(d.nomTargetW!));
        }
      }
      expect(await page.textContent('#site-devices tr[data-device="s1"] td')).toContain('(this page)');
      expect(errors).toEqual([]);
    });

    it('links every device to its own dashboard, which opens with the control token and never shows it', async () => {
      for (const d of state().devices) {
        expect(await page.getAttribute(`#site-devices tr[data-device="${d.name}"] a`, 'href')).toBe(`${d.url}/_sim/ui/`);
      }
      expect(await pageText(page)).not.toContain(token);
      await page.click('#site-devices tr[data-device="meter"] a');
      // The meter's own page, reading its /_sim/ with the token the link carried (without it the page would ask).
      await expect.poll(() => page.textContent('#device-name'), { timeout: SHOWS_WITHIN_MS }).toContain('sessy-meter');
      expect(page.url()).toBe(`${site.meter!.url}/_sim/ui/`);
      expect(await page.textContent('#device-state')).toContain('grid target100 W');
      await page.waitForSelector('#site-panel:not([hidden])', { timeout: SHOWS_WITHIN_MS });
      expect(await page.textContent('#site-devices tr[data-device="meter"] td')).toContain('(this page)');
      expect(await pageText(page)).not.toContain(token);
      // And back to s1's page the same way (a reload or "back" would ask for the token: the address bar lost it).
      await page.click('#site-devices tr[data-device="s1"] a');
      await page.waitForFunction((ms) => (globalThis as PageGlobals).battsimDashboard?.site?.last?.clock.nowMs === ms, site.clock.now(), { timeout: SHOWS_WITHIN_MS });
      expect(page.url()).toBe(`${site.device('s1').url}/_sim/ui/`);
      expect(errors).toEqual([]);
    });

    it('plots the grid power beside the sum of the batteries’ powers over simulated time', async () => {
      await advanceAndShow(30);
      const s = state();
      const last = await page.evaluate(() => (globalThis as PageGlobals).battsimDashboard.site.plot.data.map((series: number[]) => series[series.length - 1]) as number[]);
      expect(last).toEqual([s.clock.nowMs / 1000, s.grid.gridW, s.grid.batteriesW]);
    });

    it('shows a fault set on a dongle through its own /_sim/faults: off the network', async () => {
      const s2 = site.device('s2');
      const added = await fetch(`${s2.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-battsim-token': token }, body: '{"type": "network-loss", "scope": {"path": "*"}}' });
      expect(added.status).toBe(201);
      await advanceAndShow(1);
      expect(await cell('s2', 'condition')).toContain('off the network');
      expect(await cell('s2', 'faults')).toContain('network-loss');
      expect(await cell('s1', 'condition')).toBe('');
      s2.control.clearFaults();
      await advanceAndShow(1);
      expect(await cell('s2', 'faults')).toBe('');
    });

    it('takes a dongle off the network and reboots the meter from the page, through /_sim/site/devices/{name}/faults', async () => {
      await page.click('#site-devices tr[data-device="s2"] [data-action="off-network"]');
      await expect.poll(() => cell('s2', 'condition'), { timeout: SHOWS_WITHIN_MS }).toContain('off the network');
      expect(site.device('s2').control.faults().map((f) => f.spec.type)).toEqual(['network-loss']);
      await page.click('#site-devices tr[data-device="s2"] [data-action="clear-faults"]');
      await expect.poll(() => cell('s2', 'condition'), { timeout: SHOWS_WITHIN_MS }).toBe('');
      expect(site.device('s2').control.faults()).toEqual([]);

      expect(await cell('meter', 'condition')).toBe('');
      await page.click('#site-devices tr[data-device="meter"] [data-action="reboot"]');
      await expect.poll(() => cell('meter', 'condition'), { timeout: SHOWS_WITHIN_MS }).toContain('meter rebooted 0 s ago');
      expect(await cell('meter', 'mode')).toBe('P1_NOT_CONNECTED');
      expect(errors).toEqual([]);
    });
  });
});
