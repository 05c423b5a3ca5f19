/**
 * What the Dockerfile's runtime stage does, on a machine that cannot pull base images (issue 13): the packed
 * tarball installed with production dependencies only into an empty directory, then both emulators started from
 * it with plain node through the container's entrypoint (docker/entrypoint.sh), answering on the endpoints the
 * HEALTHCHECK asks, and stopping on SIGTERM as `docker stop` sends it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadyLine } from '../../simulator/cli.ts';
import { REPO_ROOT, watch, type BattsimProcess } from '../support/battsim-process.ts';
import { packBattsim } from './packed.ts';

let dir: string;
let install: { status: number | null; output: string };
const started: BattsimProcess[] = [];
afterAll(() => Promise.all(started.map((p) => p.stop('SIGKILL'))));

beforeAll(() => {
  const { tarball } = packBattsim();
  dir = mkdtempSync(join(tmpdir(), 'battsim-runtime-'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "battsim-runtime", "private": true }\n');
  // --prefer-offline: from npm's cache, which `npm ci` filled; the registry only for what it lacks.
  const result = spawnSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  install = { status: result.status, output: `${result.stdout}${result.stderr}` };
  // The image keeps the entrypoint beside bin/ and dist/.
  const battsim = join(dir, 'node_modules', 'battsim');
  mkdirSync(join(battsim, 'docker'));
  copyFileSync(join(REPO_ROOT, 'docker', 'entrypoint.sh'), join(battsim, 'docker', 'entrypoint.sh'));
}, 180_000);

type StartLine = Record<'sessy' | 'homevolt', ReadyLine>;

/** The container's command, loopback instead of 0.0.0.0 (tests never listen beyond this machine). */
function container(env: Record<string, string>): BattsimProcess {
  const entrypoint = join(dir, 'node_modules', 'battsim', 'docker', 'entrypoint.sh');
  const args = ['start', '--host', '127.0.0.1', '--sessy-port', '0', '--homevolt-port', '0', '--speed', 'manual', '--ready-json'];
  const { BATTSIM_CONTROL_TOKEN: _, ...rest } = process.env;
  const child = watch(spawn('sh', [entrypoint, ...args], { cwd: dir, stdio: 'pipe', env: { ...rest, ...env } }));
  started.push(child);
  return child;
}

describe('the runtime stage: production dependencies only, plain node', () => {
  it('installs from the tarball without dev dependencies and without an engine warning on Node 20', () => {
    expect(install.status, install.output).toBe(0);
    expect(install.output).not.toMatch(/EBADENGINE|Unsupported engine/);
    for (const dev of ['tsx', 'typescript', 'vitest', 'esbuild', 'jest']) expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(dir, 'node_modules', 'fastify'))).toBe(true);
  });

  it('runs bin/battsim.js on dist/ and finds its package.json from there', () => {
    const result = spawnSync(process.execPath, [join(dir, 'node_modules', 'battsim', 'bin', 'battsim.js'), '--version'], { cwd: dir, encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('0.1.0');
    expect(result.status).toBe(0);
  });

  it('starts both emulators, which answer the healthcheck endpoints, with /_sim/ off when no token is set, and stops on SIGTERM', async () => {
    const battsim = container({});
    const line = await battsim.readyJson<StartLine>();
    expect(line.sessy.controlUrl).toBeNull();
    expect(line.homevolt.controlUrl).toBeNull();
    expect((await fetch(`${line.sessy.url}/api/v1/power/status`)).status).toBe(200);
    expect((await fetch(`${line.homevolt.url}/status.json`)).status).toBe(200);
    expect((await fetch(`${line.sessy.url}/_sim/state`)).status).toBe(404);
    expect((await battsim.stop('SIGTERM')).code).toBe(0);
  });

  it('protects /_sim/ with BATTSIM_CONTROL_TOKEN when it is set', async () => {
    const battsim = container({ BATTSIM_CONTROL_TOKEN: 'container-secret' });
    const line = await battsim.readyJson<StartLine>();
    expect(line.sessy.controlTokenRequired).toBe(true);
    expect((await fetch(`${line.sessy.controlUrl}/state`)).status).toBe(401);
    expect((await fetch(`${line.sessy.controlUrl}/state`, { headers: { authorization: 'Bearer container-secret' } })).status).toBe(200);
    expect((await battsim.stop('SIGTERM')).code).toBe(0);
  });
});
