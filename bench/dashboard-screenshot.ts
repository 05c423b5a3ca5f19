/**
 * Regenerates docs/dashboard.png, the README's picture of a simulated day: a Sessy emulator on a manual clock, a
 * client that charges at night and discharges in the evening through the vendor API, an error fault at noon, and
 * the dashboard open in headless Chromium over the day. Run: npx tsx bench/dashboard-screenshot.ts
 */
import { fileURLToPath } from 'node:url';
import { startSessy } from '../simulator/index.ts';
import { launchChromium } from '../test/support/headless-chromium.ts';

const OUT = fileURLToPath(new URL('../docs/dashboard.png', import.meta.url));
/** The client's plan: hour of day → setpoint [W], + = discharge. */
const PLAN: Readonly<Record<number, number>> = { 0: 0, 2: -1800, 6: 0, 10: -800, 13: 0, 17: 1500, 21: 600, 23: 0 };

const sessy = await startSessy({ seed: 42 });
const browser = await launchChromium();
try {
  const authorization = 'Basic ' + Buffer.from(`${sessy.credentials!.user}:${sessy.credentials!.password}`).toString('base64');
  const post = (path: string, body: unknown) => fetch(sessy.url + path, { method: 'POST', headers: { authorization }, body: JSON.stringify(body) });
  const { page } = await browser.open(`${sessy.url}/_sim/ui/`);
  await page.selectOption('#window', '86400');
  await post('/api/v1/power/active_strategy', { strategy: 'POWER_STRATEGY_API' });
  // A client as an EMS runs one: the setpoint again every minute (Sessy drops it after 300 s without contact).
  let setpointW = 0;
  for (let minute = 0; minute < 24 * 60; minute++) {
    if (minute % 60 === 0 && PLAN[minute / 60] !== undefined) setpointW = PLAN[minute / 60]!;
    if (minute % 15 === 0) await post('/api/v1/power/setpoint', { setpoint: setpointW });
    else await fetch(`${sessy.url}/api/v1/power/status`, { headers: { authorization } });
    if (minute === 12 * 60) await post('/_sim/faults', { type: 'error', status: 500, scope: { count: 2 } });
    sessy.control.advance(60);
    if (minute % 30 === 29) {
      const target = sessy.clock.now() / 1000 - 120;
      await page.waitForFunction((t) => ((globalThis as { battsimDashboard?: { store: { lastT(): number } } }).battsimDashboard?.store.lastT() ?? 0) >= t, target, { timeout: 60_000 });
    }
  }
  await page.fill('#log-path', '/api/v1/power/setpoint');
  await page.locator('#log tbody tr', { hasText: '21:00:00' }).first().click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: OUT, fullPage: true });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await sessy.close();
}
