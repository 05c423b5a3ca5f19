/**
 * The dashboard at `/_sim/ui/`: static files only (the page, its scripts and uPlot from node_modules). The page
 * reads everything it shows through the ordinary `/_sim/` operations, so the control plane's rules hold for it:
 * the files carry no state and need no token, every request the page makes does (see README, "The dashboard").
 * No CDN: these devices' users are often on a LAN without internet.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';

export const UI_PREFIX = '/_sim/ui/';

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** The page's own files, beside this module (the build copies them into dist/). */
const PAGE_FILES = ['index.html', 'dashboard.js', 'api.js', 'series-store.js', 'plots.js', 'request-log.js', 'controls.js', 'device-state.js', 'site-panel.js', 'site-view.js', 'style.css'];

/** uPlot, resolved from node_modules wherever npm put it: a runtime dependency. */
function vendorFiles(): Record<string, URL> {
  const require = createRequire(import.meta.url);
  const js = require.resolve('uplot/dist/uPlot.iife.min.js');
  const css = require.resolve('uplot/dist/uPlot.min.css');
  return { 'vendor/uPlot.iife.min.js': pathToFileURL(js), 'vendor/uPlot.min.css': pathToFileURL(css) };
}

export function isUiPath(url: string): boolean {
  return url === '/_sim/ui' || url.startsWith(UI_PREFIX);
}

export async function uiRoutes(app: FastifyInstance): Promise<void> {
  const files = new Map<string, URL>(PAGE_FILES.map((name) => [name, new URL(`./ui/${name}`, import.meta.url)]));
  for (const [name, url] of Object.entries(vendorFiles())) files.set(name, url);
  // Read once on first request and kept: a few hundred kB, asked for on every page load.
  const cache = new Map<string, Promise<Buffer>>();
  const load = (name: string, url: URL): Promise<Buffer> => {
    let bytes = cache.get(name);
    if (bytes === undefined) {
      bytes = readFile(url);
      cache.set(name, bytes);
    }
    return bytes;
  };

  app.get('/_sim/ui', async (_request, reply) => reply.redirect(UI_PREFIX));
  app.get(`${UI_PREFIX}*`, async (request, reply) => {
    const name = (request.params as { '*': string })['*'].split('?')[0] || 'index.html';
    const url = files.get(name);
    if (url === undefined) {
      return reply.code(404).type('application/json').send({ error: { code: 'SIM_ERR_NOT_FOUND', message: `Failed to find ${UI_PREFIX}${name}: the dashboard has no such file. Open ${UI_PREFIX}.` } });
    }
    const type = TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
    return reply
      .type(type)
      .header('cache-control', 'no-cache')
      // The page talks only to its own emulator and loads nothing from elsewhere.
      .header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'")
      .send(await load(name, url));
  });
}
