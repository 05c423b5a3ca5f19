/**
 * Zero on the meter as in a real Sessy home (issue 18): the controller of clients/control reads the grid from the
 * Sessy meter's API and commands the dongle through SessyBattery; the site serves no /_sim/ at all, so nothing can
 * come from the simulator's insides. The contract case SESSY-CONTROL-001 does the same given the meter's URL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRunner, createZeroOnMeterController } from '../../clients/control/index.ts';
import { createSessyBattery, createSessyClient, createSessyMeterGrid } from '../../clients/sessy/index.ts';
import { runContracts, formatSummary } from '../../contracts/index.ts';
import { startSite, type RunningSite } from '../../simulator/runtime/site/start-site.ts';

let site: RunningSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

/** One meter and one Sessy that starts idle; the house draws a steady 800 W. */
const HOME = { seed: 5, household: { phases: 1 }, pv: { peakW: 0 }, meter: {}, sessys: [{ name: 'sessy', phase: 1, soc: 0.6, strategy: 'POWER_STRATEGY_IDLE' }] };

describe('zero on the meter against the Sessy meter, with /_sim/ switched off', () => {
  it('holds the grid within ±100 W of 0 reading only the meter’s /api/v2/p1/details', async () => {
    site = await startSite(HOME, { control: false });
    const { meter, devices } = site;
    const dongle = devices[1]!;
    expect((await fetch(`${dongle.url}/_sim/state`)).status).toBe(404);
    expect((await fetch(`${meter!.url}/_sim/site`)).status).toBe(404);
    site.grid.setLoadOverride(800);
    site.grid.setPvOverride(0);
    // Past the meter's boot: before its first telegram a P1 has no reading (P1_NOT_CONNECTED), which the reader refuses.
    await site.advance(10);
    const clock = { now: () => site!.clock.now() };
    const battery = createSessyBattery({ client: createSessyClient({ baseUrl: dongle.url, credentials: dongle.credentials, retries: 0 }), clock });
    const grid = createSessyMeterGrid({ baseUrl: meter!.url, credentials: meter!.credentials });
    const controller = createZeroOnMeterController({ meter: grid, battery });
    const errors: string[] = [];
    const runner = createRunner({ clock, cadenceMs: 5000, task: (t) => controller.step(t), onError: (e) => void errors.push(String(e)) });
    const scored: number[] = [];
    for (let t = 0; t < 180; t += 5) {
      await runner.tick();
      await site.advance(5);
      if (t >= 120) scored.push(await grid.readGridPowerW());
    }
    await battery.releaseControl();
    expect(errors).toEqual([]);
    const meanAbsW = scored.reduce((s, w) => s + Math.abs(w), 0) / scored.length;
    expect(meanAbsW).toBeLessThanOrEqual(100);
    // The battery carries the house: the grid would read 800 W without it.
    expect(site.grid.snapshot().batteriesW).toBeGreaterThan(650);
  }, 60_000);
});

describe('SESSY-CONTROL-001 given the meter’s URL', () => {
  it('passes against a dongle of a site, reading the grid from the meter', async () => {
    site = await startSite(HOME);
    const dongle = site.devices[1]!;
    const meter = site.meter!;
    const report = await runContracts({
      device: 'sessy',
      targets: [{ kind: 'emulator', url: dongle.url, credentials: dongle.credentials, control: dongle.url, label: 'a dongle of a site', meter: { url: meter.url, credentials: meter.credentials } }],
      cases: ['SESSY-CONTROL-001'],
    });
    const result = report.results.find((r) => r.id === 'SESSY-CONTROL-001');
    expect(result?.status, formatSummary(report)).toBe('pass');
  }, 60_000);

  it('fails when the meter reads a grid the dongle does not act on (a meter of another house)', async () => {
    site = await startSite(HOME);
    const other = await startSite({ ...HOME, seed: 6 });
    try {
      other.grid.setLoadOverride(800);
      // Past the meter's first telegram (5 s after its boot); that house's clock then stands still at 800 W.
      await other.advance(10);
      const dongle = site.devices[1]!;
      const report = await runContracts({
        device: 'sessy',
        targets: [{ kind: 'emulator', url: dongle.url, credentials: dongle.credentials, control: dongle.url, meter: { url: other.meter!.url, credentials: other.meter!.credentials } }],
        cases: ['SESSY-CONTROL-001'],
      });
      expect(report.results.find((r) => r.id === 'SESSY-CONTROL-001')?.status, formatSummary(report)).toBe('fail');
    } finally {
      await other.close();
    }
  }, 60_000);
});
