/** `battsim sessy-meter`: its options, and the process as a user runs it. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CliUsageError, HELP, parseCliArgs } from '../../simulator/cli-args.ts';
import type { ReadyLine } from '../../simulator/cli.ts';
import { spawnBattsim, type BattsimProcess } from '../support/battsim-process.ts';

let battsim: BattsimProcess | undefined;
afterEach(async () => {
  await battsim?.stop('SIGKILL');
  battsim = undefined;
});

describe('parseCliArgs: sessy-meter', () => {
  it('defaults to a P1 meter on port 8082, real time, seed 42', () => {
    expect(parseCliArgs(['sessy-meter'])).toMatchObject({ kind: 'sessy-meter', variant: 'p1', port: 8082, host: '127.0.0.1', speed: 1, seed: 42, noAuth: false, forgetAfterS: undefined, gridTargetW: undefined, mdns: false });
  });

  it('takes the CT variant, the forgetting timeout, a grid target and --mdns', () => {
    expect(parseCliArgs(['sessy-meter', '--variant', 'ct', '--forget-after-s', '90', '--grid-target=-3400', '--mdns'])).toMatchObject({ variant: 'ct', forgetAfterS: 90, gridTargetW: -3400, mdns: true });
  });

  it.each([
    [['--variant', 'gas'], /--variant must be "p1" or "ct"/],
    [['--grid-target', '30000'], /--grid-target/],
    [['--grid-target', '1.5'], /--grid-target/],
    [['--forget-after-s', '0'], /--forget-after-s/],
    [['--no-auth', '--user', 'P1234567'], /--no-auth/],
    [['--units', '2'], /units/],
  ])('refuses %j with a usage error naming the option', (args, message) => {
    expect(() => parseCliArgs(['sessy-meter', ...args])).toThrow(message);
    expect(() => parseCliArgs(['sessy-meter', ...args])).toThrow(CliUsageError);
  });

  it('is in --help', () => {
    expect(HELP).toContain('battsim sessy-meter [--variant p1|ct]');
  });
});

describe('battsim sessy-meter (the process)', () => {
  it('prints the --ready-json line and serves the meter at it', async () => {
    battsim = spawnBattsim(['sessy-meter', '--port', '0', '--speed', 'manual', '--seed', '5', '--ready-json']);
    const ready = await battsim.readyJson<ReadyLine>();
    expect(ready).toMatchObject({ device: 'sessy-meter', firmware: '1.11.11', seed: 5, clock: 'manual' });
    expect(ready.credentials?.user).toMatch(/^P[0-9A-Z]{7}$/);
    await fetch(`${ready.controlUrl}/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds":10}' });
    const auth = `Basic ${Buffer.from(`${ready.credentials!.user}:${ready.credentials!.password}`).toString('base64')}`;
    const details = (await (await fetch(`${ready.url}/api/v2/p1/details`, { headers: { authorization: auth } })).json()) as { state: string };
    expect(details.state).toBe('P1_OK');
    const state = (await (await fetch(`${ready.controlUrl}/state`)).json()) as { device: string };
    expect(state.device).toBe('sessy-meter');
    expect((await battsim.stop('SIGTERM')).code).toBe(0);
  });

  it('starts the CT variant', async () => {
    battsim = spawnBattsim(['sessy-meter', '--variant', 'ct', '--port', '0', '--speed', 'manual', '--no-auth', '--ready-json']);
    const ready = await battsim.readyJson<ReadyLine>();
    expect((await fetch(`${ready.url}/api/v1/ct/details`)).status).toBe(200);
    expect((await fetch(`${ready.url}/api/v2/p1/details`)).status).toBe(404);
  });

  it('runs the meter contracts against fresh P1 and CT emulators with `battsim contracts --device sessy-meter`', async () => {
    battsim = spawnBattsim(['contracts', '--device', 'sessy-meter', '--reporter', 'tap'], { env: { BATTSIM_URL: '', BATTSIM_USER: '', BATTSIM_PASSWORD: '' } });
    const { code } = await battsim.exited;
    const out = battsim.stdout();
    expect(out).toMatch(/^ok \d+ - METER-SPEC-001/m);
    expect(out).not.toMatch(/^not ok/m);
    expect(battsim.stderr()).toContain('sessy-meter p1 emulator, sessy-meter ct emulator');
    expect(code).toBe(0);
  }, 90_000);

  it('loads no server code for a usage error', async () => {
    const trace = join(mkdtempSync(join(tmpdir(), 'battsim-trace-')), 'modules.txt');
    const tracer = fileURLToPath(new URL('../support/module-trace.mjs', import.meta.url));
    const run = spawnBattsim(['sessy-meter', '--variant', 'gas'], { env: { BATTSIM_MODULE_TRACE: trace }, nodeOptions: ['--import', tracer] });
    expect((await run.exited).code).toBe(2);
    const loaded = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    expect(loaded.some((url) => url.endsWith('/simulator/cli-args-meter.ts'))).toBe(true);
    expect(loaded.filter((url) => /\/simulator\/(http|runtime\/start-|devices)\/|\/node_modules\/(fastify|openapi-backend)\//.test(url))).toEqual([]);
  });
});
