/**
 * Start time: each command loads only what it needs (issue 13). A process-wide trace of every module imported
 * (test/support/module-trace.mjs) shows what `battsim …` loaded by the time it answered.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnBattsim } from '../support/battsim-process.ts';

const TRACER = fileURLToPath(new URL('../support/module-trace.mjs', import.meta.url));

/** Runs `battsim args…` until it exits, or (emulators) until its --ready-json line, then stops it; returns what it loaded. */
async function modulesLoadedBy(args: readonly string[], { serves = false } = {}): Promise<string[]> {
  const trace = join(mkdtempSync(join(tmpdir(), 'battsim-trace-')), 'modules.txt');
  const battsim = spawnBattsim(args, { env: { BATTSIM_MODULE_TRACE: trace, BATTSIM_URL: '' }, nodeOptions: ['--import', TRACER] });
  if (serves) {
    await battsim.readyJson();
    await battsim.stop('SIGTERM');
  } else {
    await battsim.exited;
  }
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

const SERVER_CODE = /\/simulator\/(http|runtime\/start-|devices)\/|\/node_modules\/(fastify|openapi-backend|yaml|@faker-js)\//;
const SUITES = /\/contracts\/(sessy|homevolt|core)\//;

describe('what each command loads', () => {
  it('--help loads no server code, no device model and no suite', async () => {
    const loaded = await modulesLoadedBy(['--help']);
    expect(loaded.some((url) => url.endsWith('/simulator/cli-args.ts'))).toBe(true);
    expect(loaded.filter((url) => SERVER_CODE.test(url) || SUITES.test(url))).toEqual([]);
  });

  it('a usage error loads no server code either', async () => {
    const loaded = await modulesLoadedBy(['sessy', '--port', 'eighty']);
    expect(loaded.filter((url) => SERVER_CODE.test(url) || SUITES.test(url))).toEqual([]);
  });

  it("homevolt loads Fastify but not openapi-backend (Sessy's router), the suites or Faker's locales", async () => {
    const loaded = await modulesLoadedBy(['homevolt', '--port', '0', '--speed', 'manual', '--ready-json'], { serves: true });
    expect(loaded.some((url) => url.includes('/node_modules/fastify/'))).toBe(true);
    expect(loaded.some((url) => url.includes('/node_modules/@faker-js/faker/dist/locale/base.js'))).toBe(true);
    expect(loaded.filter((url) => /openapi-backend|@faker-js\/faker\/dist\/(index|locale\/en)\.js/.test(url) || SUITES.test(url))).toEqual([]);
  });

  it.each(['sessy', 'homevolt'])("%s loads the control plane's heavy parts on their first request, not at start", async (device) => {
    const loaded = await modulesLoadedBy([device, '--port', '0', '--speed', 'manual', '--ready-json'], { serves: true });
    expect(loaded.some((url) => url.endsWith('/http/control/control-plugin.ts'))).toBe(true);
    // The log view and its redactor (the recorder's), the event stream, the docs' YAML and Swagger, the recorder.
    const heavy = /\/http\/control\/(log-view|event-stream|sse-client)\.ts$|\/simulator\/replay\/|\/node_modules\/(yaml|@fastify\/(swagger|swagger-ui|static))\//;
    expect(loaded.filter((url) => heavy.test(url))).toEqual([]);
  });

  it('sessy loads Fastify and its routes from the spec, but not openapi-backend (a test-only dependency) or the suites', async () => {
    const loaded = await modulesLoadedBy(['sessy', '--port', '0', '--speed', 'manual', '--ready-json'], { serves: true });
    expect(loaded.some((url) => url.includes('/node_modules/fastify/'))).toBe(true);
    expect(loaded.some((url) => /\/simulator\/http\/sessy\/spec\.(ts|js)$/.test(url))).toBe(true);
    expect(loaded.filter((url) => /openapi-backend/.test(url) || SUITES.test(url))).toEqual([]);
  });

  it('contracts loads the suites', async () => {
    // Stops at its own option check, after loading what the command needs and before starting anything.
    const loaded = await modulesLoadedBy(['contracts', '--device', 'sessy', '--url', 'http://127.0.0.1:9', '--user', 'DABCD123']);
    expect(loaded.some((url) => SUITES.test(url))).toBe(true);
  });
});
