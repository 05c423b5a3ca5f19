/**
 * The dashboard in headless Chromium against real emulators on loopback, on manual clocks: two page loads
 * (one per device), each driven through the same /_sim/ operations a script would use.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHomevolt, startSessy, type RunningEmulator } from '../../simulator/index.ts';
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
});
