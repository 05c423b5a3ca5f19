/**
 * What the Dockerfile's runtime stage does, on a machine that cannot pull base images (issue 13): the packed
 * tarball installed with production dependencies only into an empty directory, then both emulators started from
 * it with plain node through the container's entrypoint (docker/entrypoint.sh), answering on the endpoints the
 * HEALTHCHECK asks (docker/healthcheck.js), and stopping on SIGTERM as `docker stop` sends it. Then what a project
 * that installed it runs: `npx battsim` stopped by its harness, an example site, and the Go and pytest examples
 * finding the installed command by themselves.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReadyLine } from '../../simulator/cli.ts';
import { alive, REPO_ROOT, refused, watch, type BattsimProcess } from '../support/battsim-process.ts';
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
  for (const file of ['entrypoint.sh', 'healthcheck.js']) copyFileSync(join(REPO_ROOT, 'docker', file), join(battsim, 'docker', file));
}, 180_000);

/** The image's HEALTHCHECK against the process `pid` (pid 1 in the container): true when it exits 0. */
function healthy(pid: number): boolean {
  return spawnSync(process.execPath, [join(dir, 'node_modules', 'battsim', 'docker', 'healthcheck.js'), String(pid)], { cwd: dir, timeout: 10_000 }).status === 0;
}

type StartLine = Record<'sessy' | 'homevolt', ReadyLine>;

/**
 * The container's command through its entrypoint (default: both emulators), on loopback instead of 0.0.0.0 (tests
 * never listen beyond this machine), free ports and a manual clock; BATTSIM_CONTROL_TOKEN only when `env` gives one.
 */
function container(env: Record<string, string>, command: readonly string[] = ['start', '--sessy-port', '0', '--homevolt-port', '0']): BattsimProcess {
  const entrypoint = join(dir, 'node_modules', 'battsim', 'docker', 'entrypoint.sh');
  const args = [...command, '--host', '127.0.0.1', '--speed', 'manual', '--ready-json'];
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

describe('the HEALTHCHECK: every port battsim listens on answers HTTP, whatever the command', () => {
  it.each([
    ['both emulators (the default command)', ['start', '--sessy-port', '0', '--homevolt-port', '0']],
    ['one Sessy', ['sessy', '--port', '0']],
    ['the meter', ['sessy-meter', '--port', '0']],
    ['a Homevolt over HTTPS', ['homevolt', '--port', '0', '--https']],
  ])('%s: healthy while it runs, not once it has stopped', async (_, args) => {
    const battsim = container({}, args);
    await battsim.readyJson();
    expect(healthy(battsim.child.pid!)).toBe(true);
    expect((await battsim.stop('SIGTERM')).code).toBe(0);
    expect(healthy(battsim.child.pid!)).toBe(false);
  });

  it('is not healthy when a port accepts connections and never answers', async () => {
    const silent = watch(spawn(process.execPath, ['-e', "require('node:net').createServer(() => {}).listen(0, '127.0.0.1', () => console.log('listening'))"], { stdio: 'pipe' }));
    started.push(silent);
    await silent.waitFor(/listening/);
    expect(healthy(silent.child.pid!)).toBe(false);
    await silent.stop('SIGKILL');
  });
});

describe('the runtime stage: every emulator command gets /_sim/ off without a token', () => {
  it.each([
    ['sessy', ['sessy', '--port', '0']],
    ['homevolt', ['homevolt', '--port', '0']],
    ['sessy-meter', ['sessy-meter', '--port', '0']],
  ])('%s', async (_, args) => {
    const battsim = container({}, args);
    const line = await battsim.readyJson<ReadyLine>();
    expect(line.controlUrl).toBeNull();
    expect((await fetch(`${line.url}/_sim/state`)).status).toBe(404);
    expect((await battsim.stop('SIGTERM')).code).toBe(0);
  });
});

describe('in a project that installed it', () => {
  it('`npx battsim` stops when its harness sends npx SIGTERM (npx runs it through a shell that does not pass the signal on)', async () => {
    const npx = watch(spawn('npx', ['--no-install', 'battsim', 'sessy', '--port', '0', '--speed', 'manual', '--ready-json'], { cwd: dir, stdio: 'pipe' }));
    started.push(npx);
    const line = JSON.parse(/^\{.*\}$/m.exec(await npx.waitFor(/^\{.*\}$/m))![0]) as ReadyLine;
    expect(line.pid).not.toBe(npx.child.pid);
    try {
      await npx.stop('SIGTERM');
      await vi.waitFor(() => expect(alive(line.pid)).toBe(false), { timeout: 5000, interval: 50 });
      expect(await refused(line.port)).toBe(true);
    } finally {
      if (alive(line.pid)) process.kill(line.pid, 'SIGKILL');
    }
  });

  it('runs an example site shipped in the package, and a missing site file points there', async () => {
    const examples = join(dir, 'node_modules', 'battsim', 'examples', 'sites');
    const missing = spawnSync(join(dir, 'node_modules', '.bin', 'battsim'), ['site', 'my-home.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`Example site files ship with battsim in ${examples}/`);
    // The shipped file as it is, but on free ports: its own (8090-8093) may be taken on the machine running the tests.
    const home = join(dir, 'home.yaml');
    writeFileSync(home, readFileSync(join(examples, 'home-3-sessy.yaml'), 'utf8').replace(/port: 809\d/g, 'port: 0'));
    const site = watch(spawn(join(dir, 'node_modules', '.bin', 'battsim'), ['site', home, '--speed', 'manual', '--ready-json'], { cwd: dir, stdio: 'pipe' }));
    started.push(site);
    const line = await site.readyJson<{ devices: { device: string }[] }>();
    expect(line.devices.map((d) => d.device)).toEqual(['sessy-meter', 'sessy', 'sessy', 'sessy']);
    expect((await site.stop('SIGTERM')).code).toBe(0);
  });

  const go = spawnSync('go', ['version']).status === 0;
  it.skipIf(!go)(`runs the Go example with no BATTSIM_COMMAND: it finds node_modules/.bin/battsim from a subdirectory${go ? '' : ' (skipped: Go is not installed)'}`, () => {
    const tests = join(dir, 'go', 'integration');
    cpSync(join(REPO_ROOT, 'examples', 'go'), tests, { recursive: true });
    const { BATTSIM_COMMAND: _, ...env } = process.env;
    // No battsim on PATH (the repository does not link its own bin): a pass means it found the installed one.
    expect(spawnSync('sh', ['-c', 'command -v battsim'], { env }).status).not.toBe(0);
    const result = spawnSync('go', ['test', '-count=1', '-v', './...'], { cwd: tests, env: { ...env, GOTOOLCHAIN: 'local' }, encoding: 'utf8', timeout: 170_000 });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toMatch(/--- PASS: TestChargesAtTheSetpointAsTheClockAdvances/);
  }, 180_000);

  const python = spawnSync('python3', ['--version']).status === 0;
  const pytest = python && spawnSync('python3', ['-m', 'pytest', '--version']).status === 0;
  it.skipIf(!python)(`runs the pytest example with no BATTSIM_COMMAND: the fixture finds node_modules/.bin/battsim from a subdirectory${python ? '' : ' (skipped: python3 is not installed)'}`, () => {
    expect(existsSync(join(dir, 'node_modules', '.bin', 'battsim'))).toBe(true);
    const tests = join(dir, 'tests', 'integration');
    cpSync(join(REPO_ROOT, 'examples', 'pytest'), tests, { recursive: true });
    const { BATTSIM_COMMAND: _, ...env } = process.env;
    const which = spawnSync('python3', ['-c', 'import battsim_fixture; print(battsim_fixture.battsim_command())'], { cwd: tests, env: { ...env, PYTHONPATH: tests, PYTHONDONTWRITEBYTECODE: '1' }, encoding: 'utf8' });
    expect(which.stdout.trim()).toBe(`['${join(dir, 'node_modules', '.bin', 'battsim')}']`);
    const args = pytest ? ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', tests] : ['-m', 'unittest', 'discover', '-s', tests];
    const result = spawnSync('python3', args, { cwd: tests, env: { ...env, PYTHONDONTWRITEBYTECODE: '1' }, encoding: 'utf8', timeout: 120_000 });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toMatch(pytest ? /3 passed/ : /OK/);
  }, 130_000);
});
