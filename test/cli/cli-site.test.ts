/** `battsim site FILE` as a user runs it: every device of the home on its own port, one JSON line, SIGTERM stops all. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SiteReadyLine } from '../../simulator/run-site.ts';
import { REPO_ROOT, spawnBattsim, type BattsimProcess } from '../support/battsim-process.ts';

let battsim: BattsimProcess | undefined;
afterEach(async () => {
  await battsim?.stop('SIGKILL');
  battsim = undefined;
});

const dir = mkdtempSync(join(tmpdir(), 'battsim-site-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('battsim site', () => {
  it('starts a meter, two Sessys and a Homevolt, lists each URL and credentials in --ready-json, and stops them all on SIGTERM', async () => {
    const path = file('home.yaml', ['seed: 9', 'meter: { variant: p1 }', 'sessys:', '  - { name: sessy-1, phase: 1 }', '  - { name: sessy-2, phase: 2 }', 'homevolts:', '  - { name: hv }', ''].join('\n'));
    battsim = spawnBattsim(['site', path, '--speed', 'manual', '--ready-json']);
    const ready = await battsim.readyJson<SiteReadyLine>();
    expect(ready.devices.map((d) => `${d.name}:${d.device}`)).toEqual(['meter:sessy-meter', 'sessy-1:sessy', 'sessy-2:sessy', 'hv:homevolt']);
    expect(new Set(ready.devices.map((d) => d.port)).size).toBe(4);
    const meter = ready.devices[0]!;
    const auth = `Basic ${Buffer.from(`${meter.credentials!.user}:${meter.credentials!.password}`).toString('base64')}`;
    expect((await fetch(`${meter.url}/api/v2/p1/details`, { headers: { authorization: auth } })).status).toBe(200);
    expect((await fetch(`${ready.devices[1]!.url}/api/v1/power/status`)).status).toBe(200);
    const site = (await (await fetch(`${ready.devices[3]!.controlUrl}/site`)).json()) as { devices: unknown[] };
    expect(site.devices).toHaveLength(4);
    expect((await battsim.stop('SIGTERM')).code).toBe(0);
    await expect(fetch(`${meter.url}/ping`)).rejects.toThrow();
  }, 60_000);

  it('on a running clock logs to stderr, so stdout carries the JSON line alone', async () => {
    const path = file('logged.yaml', 'meter: { variant: ct }\nsessys:\n  - { name: s1 }\n');
    battsim = spawnBattsim(['site', path, '--speed', '60', '--ready-json']);
    const ready = await battsim.readyJson<SiteReadyLine>();
    expect((await fetch(`${ready.devices[1]!.url}/api/v1/power/status`)).status).toBe(200);
    await vi.waitFor(() => expect(battsim!.stderr()).toContain('/api/v1/power/status'), { timeout: 5000, interval: 20 });
    expect(battsim.stdout()).toBe(`${JSON.stringify(ready)}\n`);
  }, 30_000);

  it('refuses a site file with a bad field, naming it, with exit code 1', async () => {
    const path = file('bad.yaml', 'meter: {}\nsessys:\n  - { name: s1, phase: 5 }\n');
    battsim = spawnBattsim(['site', path]);
    const exit = await battsim.exited;
    expect(exit.code).toBe(1);
    expect(battsim.stderr()).toMatch(/sessys\[0\]\.phase must be a number from 1 to 3, got 5/);
  }, 30_000);

  it('names the example site files that ship with battsim when the file does not exist', async () => {
    battsim = spawnBattsim(['site', join(dir, 'no-such-home.yaml')]);
    expect((await battsim.exited).code).toBe(1);
    const examples = /Example site files ship with battsim in (\S+)/.exec(battsim.stderr())?.[1];
    expect(examples, battsim.stderr()).toBe(join(REPO_ROOT, 'examples', 'sites/'));
    expect(existsSync(join(examples!, 'home-3-sessy.yaml'))).toBe(true);
  }, 30_000);

  it('says what it needs when the file is missing', async () => {
    battsim = spawnBattsim(['site']);
    expect((await battsim.exited).code).toBe(2);
    expect(battsim.stderr()).toMatch(/site needs the site file first/);
  }, 30_000);
});
