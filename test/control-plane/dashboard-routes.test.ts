/** /_sim/ui/ and /_sim/docs/: static files under the control plane's rules, served offline from the package. */
import { afterEach, describe, expect, it } from 'vitest';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('GET /_sim/ui/', () => {
  it('serves the page, its scripts and uPlot from node_modules, loading nothing from elsewhere', async () => {
    emulator = await startSessy();
    const page = await fetch(`${emulator.url}/_sim/ui/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    const html = await page.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const asset of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((a) => !a.startsWith('data:') && !a.startsWith('..'))) {
      expect([asset, (await fetch(`${emulator.url}/_sim/ui/${asset}`)).status]).toEqual([asset, 200]);
    }
    const uplot = await fetch(`${emulator.url}/_sim/ui/vendor/uPlot.iife.min.js`);
    expect(uplot.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await uplot.text()).toContain('uPlot');
  });

  it('redirects /_sim/ui to /_sim/ui/ (relative URLs need the slash)', async () => {
    emulator = await startSessy();
    const res = await fetch(`${emulator.url}/_sim/ui`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/_sim/ui/');
  });

  it.each(['nope.js', '../control-plugin.ts', '%2e%2e/control-plugin.ts', 'vendor/../../ui-routes.ts'])('answers 404 for %s, never a file outside the page', async (name) => {
    emulator = await startSessy();
    const res = await fetch(`${emulator.url}/_sim/ui/${name}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('import');
  });

  it('serves the static page without the control token, and nothing the page reads', async () => {
    emulator = await startHomevolt({ controlToken: 'secret-token-1' });
    expect((await fetch(`${emulator.url}/_sim/ui/`)).status).toBe(200);
    expect((await fetch(`${emulator.url}/_sim/ui/dashboard.js`)).status).toBe(200);
    for (const path of ['/_sim/state', '/_sim/log', '/_sim/events', '/_sim/faults']) expect([path, (await fetch(`${emulator.url}${path}`)).status]).toEqual([path, 401]);
    expect((await fetch(`${emulator.url}/_sim/log`, { headers: { 'x-battsim-token': 'secret-token-1' } })).status).toBe(200);
  });

  it('is not served with the control plane off', async () => {
    emulator = await startSessy({ control: false });
    expect((await fetch(`${emulator.url}/_sim/ui/`)).status).toBe(404);
    expect((await fetch(`${emulator.url}/_sim/docs/`)).status).toBe(404);
  });
});

describe('GET /_sim/docs/', () => {
  it('serves Swagger UI offline with the vendor API and /_sim/ specs, pointed at this emulator', async () => {
    emulator = await startHomevolt();
    const page = await fetch(`${emulator.url}/_sim/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const init = await (await fetch(`${emulator.url}/_sim/docs/static/swagger-initializer.js`)).text();
    expect(init).toContain('./spec/vendor.yaml');
    expect(init).toContain('./spec/sim-control.yaml');
    const vendor = await fetch(`${emulator.url}/_sim/docs/spec/vendor.yaml`);
    expect(vendor.status).toBe(200);
    const text = await vendor.text();
    expect(text).toMatch(/^openapi: 3/m);
    expect(text).toContain('/ems.json');
    expect(text).not.toContain('homevolt-{deviceid}.local');
    expect(await (await fetch(`${emulator.url}/_sim/docs/spec/sim-control.yaml`)).text()).toContain('/_sim/state');
    expect((await fetch(`${emulator.url}/_sim/docs/spec/other.yaml`)).status).toBe(404);
  });
});
