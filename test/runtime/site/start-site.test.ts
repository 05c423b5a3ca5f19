/**
 * A Sessy home (docs/sessy.md §4.1, §6): one meter and three Sessys in NOM on one household, each device on its own
 * port, one manual clock. Every post from a dongle to the meter is real HTTP on loopback, awaited by site.advance().
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSite, type RunningSite } from '../../../simulator/runtime/site/start-site.ts';
import type { SessyMeterDevice } from '../../../simulator/devices/sessy-meter/index.ts';
import type { SessyDevice } from '../../../simulator/devices/sessy/index.ts';
import { basicAuthorization } from '../../../clients/shared/basic-auth.ts';

const HOME = {
  seed: 18,
  household: { phases: 3 },
  pv: { peakW: 0 },
  meter: { forgetAfterS: 30 },
  sessys: [
    { name: 's1', phase: 1, soc: 0.6 },
    { name: 's2', phase: 2, soc: 0.6 },
    { name: 's3', phase: 3, soc: 0.6 },
  ],
};

// Each test makes hundreds of real HTTP posts on loopback: give them room on a loaded machine.
vi.setConfig({ testTimeout: 90_000 });

let site: RunningSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

interface DeviceState {
  readonly name: string;
  readonly powerW: number;
  readonly online: boolean;
  readonly nomTargetW: number | null;
}
const devicesOf = (s: RunningSite): DeviceState[] => (s.state().devices as DeviceState[]).filter((d) => d.name !== 'meter');
const gridW = (s: RunningSite): number => (s.state().grid as { gridW: number }).gridW;
const batteryW = (s: RunningSite, name: string): number => devicesOf(s).find((d) => d.name === name)!.powerW;

/** Grid readings once a second over `seconds`. */
async function gridOver(s: RunningSite, seconds: number): Promise<number[]> {
  const readings: number[] = [];
  for (let i = 0; i < seconds; i++) {
    await s.advance(1);
    readings.push(gridW(s));
  }
  return readings;
}
const meanAbs = (ws: readonly number[]): number => ws.reduce((sum, w) => sum + Math.abs(w), 0) / ws.length;

/** A site with a steady 3000 W load, past the Sessys' 60 s safe-situation wait and settled. */
async function settledHome(extra: Record<string, unknown> = {}): Promise<RunningSite> {
  const s = await startSite({ ...HOME, ...extra });
  s.device('s1').control.setState({ loadW: 3000, pvW: 0 });
  await s.advance(120);
  return s;
}

describe('startSite: a meter and three Sessys in NOM', () => {
  it('holds the grid near 0 with the three batteries sharing the 3000 W load equally', async () => {
    site = await settledHome();
    expect(meanAbs(await gridOver(site, 30))).toBeLessThan(30);
    for (const name of ['s1', 's2', 's3']) expect(batteryW(site, name)).toBeGreaterThan(950);
    for (const name of ['s1', 's2', 's3']) expect(batteryW(site, name)).toBeLessThan(1050);
    // The meter knows all three, from their posts over HTTP.
    const meter = site.meter!.device as SessyMeterDevice;
    expect(meter.nomDongles().map((d) => d.report.uniqueId).sort()).toEqual(['s1', 's2', 's3'].map((n) => (site!.device(n).device as SessyDevice).identity.dongleSerial).sort());
  });

  it('moves all three when grid_target is set on the meter over its API', async () => {
    site = await settledHome();
    const meter = site.meter!;
    const response = await fetch(`${meter.url}/api/v1/meter/grid_target`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basicAuthorization(meter.credentials!.user, meter.credentials!.password) }, body: JSON.stringify({ grid_target: -600 }) });
    expect(response.status).toBe(200);
    await site.advance(60);
    expect(meanAbs((await gridOver(site, 20)).map((w) => w + 600))).toBeLessThan(40);
    for (const name of ['s1', 's2', 's3']) expect(batteryW(site, name)).toBeGreaterThan(1150);
  });

  it('forgets a dongle taken off the network after the meter’s timeout, and the other two take over its share', async () => {
    site = await settledHome();
    site.device('s3').control.addFault({ type: 'network-loss', scope: { path: '*' } });
    const meter = site.meter!.device as SessyMeterDevice;
    await site.advance(20);
    // Silent for 20 s: the meter still counts it (it forgets after 30 s).
    expect(meter.nomDongles()).toHaveLength(3);
    await site.advance(20);
    expect(meter.nomDongles()).toHaveLength(2);
    expect(devicesOf(site).find((d) => d.name === 's3')!.online).toBe(false);
    await site.advance(60);
    expect(meanAbs(await gridOver(site, 20))).toBeLessThan(30);
    // s3 idles once its last target is stale; s1 and s2 carry the 3000 W.
    expect(Math.abs(batteryW(site, 's3'))).toBeLessThan(5);
    expect(batteryW(site, 's1') + batteryW(site, 's2')).toBeGreaterThan(2900);
    expect((site.device('s3').device as SessyDevice).stateBits().active).toContain(58);
  });

  it('recovers after the meter reboots: it forgets every dongle, they post again and share the load again', async () => {
    site = await settledHome();
    site.meter!.control.addFault({ type: 'reboot' });
    expect((site.meter!.device as SessyMeterDevice).nomDongles()).toHaveLength(0);
    await site.advance(90);
    expect(meanAbs(await gridOver(site, 20))).toBeLessThan(30);
    expect((site.meter!.device as SessyMeterDevice).nomDongles()).toHaveLength(3);
  });

  it.each([
    ['answers with an error', { type: 'error', status: 500 }],
    ['resets the connection', { type: 'reset' }],
  ])('counts a post the meter %s as failed, and its dongles idle once their targets are stale', async (_, effect) => {
    site = await settledHome();
    const before = site.state().nom as { posts: number; failures: number };
    expect(before.failures).toBe(0);
    site.meter!.control.addFault({ ...effect, scope: { path: '/api/v1/nom/power' } });
    await site.advance(20);
    const after = site.state().nom as { posts: number; failures: number };
    // Every post of the 20 s failed: three dongles, one post a second each.
    expect(after.posts - before.posts).toBe(60);
    expect(after.failures).toBe(60);
    for (const name of ['s1', 's2', 's3']) {
      expect(Math.abs(batteryW(site, name))).toBeLessThan(5);
      expect((site.device(name).device as SessyDevice).stateBits().active).toContain(58);
    }
  });

  it('gives the same run twice with the same seed (posts are awaited in the site’s order)', async () => {
    const run = async (): Promise<number[]> => {
      const s = await startSite(HOME);
      try {
        s.device('s2').control.setState({ loadW: 2500, pvW: 0 });
        await s.advance(75);
        return [gridW(s), ...['s1', 's2', 's3'].map((n) => batteryW(s, n))];
      } finally {
        await s.close();
      }
    };
    expect(await run()).toEqual(await run());
  });
});

describe('startSite: a Homevolt on the same grid', () => {
  it('reads the grid the meter reads through its own CT sensors', async () => {
    site = await startSite({ seed: 3, household: { phases: 3 }, meter: { variant: 'ct' }, homevolts: [{ name: 'hv' }] });
    site.device('hv').control.setState({ loadW: 1500, pvW: 0 });
    await site.advance(10);
    const ct = (await (await fetch(`${site.meter!.url}/api/v1/ct/details`, { headers: { authorization: basicAuthorization(site.meter!.credentials!.user, site.meter!.credentials!.password) } })).json()) as { total_power: number };
    const ems = (await (await fetch(`${site.device('hv').url}/ems.json`)).json()) as { sensors: { function?: string; type?: string; total_power: number }[] };
    const hvGrid = ems.sensors.find((s) => (s.function ?? s.type) === 'grid')!.total_power;
    expect(Math.abs(ct.total_power)).toBeGreaterThan(100);
    expect(Math.abs(hvGrid - ct.total_power)).toBeLessThanOrEqual(1);
  });
});

describe('startSite: the site’s control plane', () => {
  it('shows every device’s power and SOC beside the grid at GET /_sim/site, on every device', async () => {
    site = await startSite(HOME);
    await site.advance(2);
    const body = (await (await fetch(`${site.device('s2').url}/_sim/site`)).json()) as { grid: { gridW: number }; devices: { name: string; kind: string; socFraction?: number; faults: unknown[] }[] };
    expect(body.devices.map((d) => `${d.name}:${d.kind}`)).toEqual(['meter:sessy-meter', 's1:sessy', 's2:sessy', 's3:sessy']);
    expect(body.devices[1]!.socFraction).toBeCloseTo(0.6, 3);
    expect(typeof body.grid.gridW).toBe('number');
  });

  it('advances the whole site from any device’s /_sim/clock/advance, and resets the whole site from any device’s /_sim/reset', async () => {
    site = await startSite(HOME);
    const url = site.device('s1').url;
    const advanced = await fetch(`${url}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds": 5}' });
    expect(advanced.status).toBe(200);
    expect(site.clock.now()).toBe(site.startMs + 5000);
    expect((site.state().nom as { posts: number }).posts).toBe(15);
    site.device('s3').control.setState({ soc: 0.1 });
    const reset = await fetch(`${site.meter!.url}/_sim/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(site.clock.now()).toBe(site.startMs);
    const s3 = (site.state().devices as { name: string; socFraction: number }[]).find((d) => d.name === 's3')!;
    expect(s3.socFraction).toBeCloseTo(0.6, 3);
    await site.advance(3);
    expect(site.grid.now()).toBe(site.startMs + 3000);
  });
});
