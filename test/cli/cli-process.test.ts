/** The CLI as a user runs it: a separate process, addressed by URL, stopped with a signal. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main, reportOf, type ReadyLine } from '../../simulator/cli.ts';
import { REPO_ROOT, spawnBattsim, type BattsimProcess } from '../support/battsim-process.ts';

let battsim: BattsimProcess | undefined;
afterEach(async () => {
  await battsim?.stop('SIGKILL');
  battsim = undefined;
});

/** Starts `battsim args…` and resolves with its stdout once `until` has matched `count` times. */
function startCli(args: string[], until: RegExp, count = 1): Promise<string> {
  battsim = spawnBattsim(args);
  return battsim.waitFor(until, count);
}

describe('battsim (the process)', () => {
  it('starts Sessy, prints its URL and credentials, serves, and stops cleanly on SIGTERM', async () => {
    const out = await startCli(['sessy', '--port', '0', '--speed', 'manual', '--seed', '5'], /Press Ctrl-C/);
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    expect(out).toMatch(/credentials: user D[0-9A-Z]{7}, password [0-9A-Z]{8}/);
    expect(out).toContain(`${url}/_sim/state`);
    const status = await fetch(`${url}/api/v1/power/status`);
    expect(status.status).toBe(200);
    expect((await battsim!.stop('SIGTERM')).code).toBe(0);
  });

  it('starts both emulators with `start`', async () => {
    const out = await startCli(['start', '--sessy-port', '0', '--homevolt-port', '0', '--speed', 'manual'], /Press Ctrl-C/);
    const urls = [...out.matchAll(/(?:at|on) (http:\/\/127\.0\.0\.1:\d+)/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(out).toContain(`dashboard: ${url}/_sim/ui/`);
    expect((await fetch(`${urls[0]}/api/v1/power/status`)).status).toBe(200);
    expect((await fetch(`${urls[1]}/status.json`)).status).not.toBe(404);
  });

  it('prints one short line per vendor request while the clock runs, with simulated and wall time', async () => {
    const out = await startCli(['sessy', '--port', '0', '--speed', '1', '--start', '2026-06-01T00:00:00Z'], /Press Ctrl-C/);
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    let more = '';
    const line = new Promise<string>((resolve) =>
      battsim!.child.stdout.on('data', (chunk: Buffer) => {
        more += chunk.toString();
        const hit = /^.*GET \/api\/v1\/power\/status.*$/m.exec(more);
        if (hit) resolve(hit[0]);
      }),
    );
    await fetch(`${url}/_sim/state`);
    await fetch(`${url}/api/v1/power/status`);
    expect(await line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} \[sim 2026-06-01 00:00:\d\d\] sessy GET \/api\/v1\/power\/status 200 \d+\.\d ms$/);
    expect(more).not.toContain('/_sim/state');
  });

  it('loads a scenario given with --scenario', async () => {
    const scenario = fileURLToPath(new URL('../../simulator/scenarios/evening-dip-and-reboot.yaml', import.meta.url));
    const out = await startCli(['sessy', '--port', '0', '--speed', 'manual', '--scenario', scenario], /Press Ctrl-C/);
    expect(out).toContain('scenario "Evening dip and reboot" loaded: 4 events');
  });
});

describe('battsim --ready-json', () => {
  it('prints one JSON line on stdout with all a fixture needs, and the text for people on stderr', async () => {
    battsim = spawnBattsim(['sessy', '--port', '0', '--speed', 'manual', '--seed', '5', '--ready-json']);
    const line = await battsim.readyJson<ReadyLine>();
    expect(line).toMatchObject({ device: 'sessy', firmware: '1.11.11', seed: 5, clock: 'manual', controlTokenRequired: false, pid: battsim.child.pid });
    expect(line.url).toBe(`http://127.0.0.1:${line.port}`);
    expect(line.controlUrl).toBe(`${line.url}/_sim`);
    await battsim.waitFor(/\n/);
    expect(battsim.stdout()).toBe(`${JSON.stringify(line)}\n`);
    expect(battsim.stderr()).toContain('Press Ctrl-C to stop.');
    const auth = `Basic ${btoa(`${line.credentials!.user}:${line.credentials!.password}`)}`;
    expect((await fetch(`${line.url}/api/v1/power/status`, { headers: { authorization: auth } })).status).toBe(200);
    const advanced = await fetch(`${line.controlUrl}/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds":60}' });
    expect(advanced.status).toBe(200);
  });

  it.each([
    ['sessy', ['sessy', '--port', '0'], '/api/v1/power/status'],
    ['homevolt', ['homevolt', '--port', '0'], '/status.json'],
    ['sessy-meter', ['sessy-meter', '--port', '0', '--no-auth'], '/api/v2/p1/details'],
    ['start', ['start', '--sessy-port', '0', '--homevolt-port', '0'], '/api/v1/power/status'],
  ])('%s on a running clock logs to stderr, so stdout carries the JSON line alone, first', async (_, args, path) => {
    battsim = spawnBattsim([...args, '--speed', '60', '--ready-json']);
    const ready = await battsim.readyJson<ReadyLine | Record<string, ReadyLine>>();
    // `start` prints one line for both emulators: {"sessy": …, "homevolt": …}.
    const { url, credentials: auth } = typeof ready.url === 'string' ? (ready as ReadyLine) : (ready as Record<string, ReadyLine>).sessy!;
    const answer = await fetch(`${url}${path}`, auth ? { headers: { authorization: `Basic ${btoa(`${auth.user}:${auth.password}`)}` } } : {});
    expect(answer.status).toBe(200);
    await vi.waitFor(() => expect(battsim!.stderr()).toContain(path), { timeout: 5000, interval: 20 });
    expect(battsim.stderr()).toMatch(/Server listening at http:\/\/127\.0\.0\.1:\d+/);
    expect(battsim.stdout()).toBe(`${JSON.stringify(ready)}\n`);
  });

  it('takes the control token from BATTSIM_CONTROL_TOKEN, and the vendor API never sees it', async () => {
    battsim = spawnBattsim(['homevolt', '--port', '0', '--speed', 'manual', '--ready-json'], { env: { BATTSIM_CONTROL_TOKEN: 'from-the-environment' } });
    const line = await battsim.readyJson<ReadyLine>();
    expect(line).toMatchObject({ device: 'homevolt', controlTokenRequired: true, credentials: null });
    expect((await fetch(`${line.controlUrl}/state`)).status).toBe(401);
    expect((await fetch(`${line.controlUrl}/state`, { headers: { authorization: 'Bearer from-the-environment' } })).status).toBe(200);
    expect((await fetch(`${line.url}/status.json`)).status).toBe(200);
  });
});

/** A copy of a site file with every port 0 (a free one). */
function freePortsCopy(file: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'battsim-site-')), 'home.yaml');
  writeFileSync(copy, readFileSync(file, 'utf8').replace(/port: \d+/g, 'port: 0'));
  return copy;
}

describe('main', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`), untilShutdown: () => Promise.resolve() } };
  };

  it('prints help and exits 0', async () => {
    const { lines, io } = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(lines.join('\n')).toContain('battsim sessy');
  });

  it('exits 2 on a usage error, naming it', async () => {
    const { lines, io } = capture();
    expect(await main(['sessy', '--port', 'x'], io)).toBe(2);
    expect(lines[0]).toMatch(/^ERR battsim: --port must be a whole number/);
  });

  it('refuses a public address without a control token, with the reason, and exits 1', async () => {
    const { lines, io } = capture();
    expect(await main(['sessy', '--host', '0.0.0.0', '--port', '0'], io)).toBe(1);
    expect(lines[0]).toMatch(/ERR battsim: Failed to start: the simulation control .* without a token/);
  });

  it('says what to do when the port is taken, and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const { lines, io } = capture();
      expect(await main(['sessy', '--port', String(port), '--speed', 'manual'], io)).toBe(1);
      expect(lines).toEqual([`ERR battsim: listen EADDRINUSE: address already in use 127.0.0.1:${port}. Another program (another battsim?) listens there: choose another port, or 0 for a free one.`]);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it.each([
    ['EACCES', 'listen EACCES: permission denied 0.0.0.0:80', /\. Ports below 1024 need root or CAP_NET_BIND_SERVICE: choose a port from 1024 up\.$/],
    ['EADDRNOTAVAIL', 'listen EADDRNOTAVAIL: address not available 10.9.9.9:8080', /\. That address is not one of this machine's: use 127\.0\.0\.1, 0\.0\.0\.0 \(every interface\) or an address of this machine\.$/],
  ])('says what to do about %s after the system\'s own words', (code, message, hint) => {
    // No test binds beyond loopback, so these two are built as Node builds them rather than provoked.
    const line = reportOf(Object.assign(new Error(message), { code }));
    expect(line.startsWith(`battsim: ${message}. `)).toBe(true);
    expect(line).toMatch(hint);
  });

  it('record prints its target without the password of its user information, and says that it is not sent', async () => {
    const { lines, io } = capture();
    const out = join(mkdtempSync(join(tmpdir(), 'battsim-cli-')), 'trace.har');
    expect(await main(['record', '--target', 'http://admin:pw-secret-107@127.0.0.1:9', '--out', out, '--port', '0'], io)).toBe(0);
    expect(lines.join('\n')).not.toContain('pw-secret-107');
    expect(lines[0]).toMatch(/^Recording http:\/\/admin:\*\*\*@127\.0\.0\.1:9 through http:\/\/127\.0\.0\.1:\d+ into /);
    expect(lines[1]).toBe("The user and password in --target are not sent: the recorder passes on your client's own credentials.");
  });

  it.each([
    ['sessy', ['sessy', '--port', '0', '--speed', 'manual', '--ready-json']],
    ['start', ['start', '--sessy-port', '0', '--homevolt-port', '0', '--speed', 'manual', '--ready-json']],
    ['site', ['site', join(REPO_ROOT, 'examples', 'sites', 'home-3-sessy.yaml'), '--speed', 'manual', '--ready-json']],
  ])('%s listens for SIGTERM before it prints the ready line, so a fixture may stop it the moment it reads it', async (name, args) => {
    // The shipped site file's fixed ports may be taken where the tests run: a copy on free ports.
    const argv = name === 'site' ? ['site', freePortsCopy(args[1]!), ...args.slice(2)] : args;
    let waiting = false;
    let waitingAtReady: boolean | undefined;
    let stop: () => void = () => {};
    const io = {
      out: (line: string) => {
        if (line.startsWith('{')) waitingAtReady = waiting;
      },
      err: () => {},
      untilShutdown: () => {
        waiting = true;
        return new Promise<void>((resolve) => (stop = resolve));
      },
    };
    const exit = main(argv, io);
    await vi.waitFor(() => expect(waitingAtReady).toBeDefined(), { timeout: 20_000, interval: 10 });
    expect(waitingAtReady).toBe(true);
    stop();
    expect(await exit).toBe(0);
  }, 30_000);

  it('reports a missing scenario file and closes the server', async () => {
    const { lines, io } = capture();
    expect(await main(['sessy', '--port', '0', '--scenario', '/nonexistent.yaml'], io)).toBe(1);
    expect(lines.at(-1)).toMatch(/Failed to read the scenario file \/nonexistent.yaml/);
  });

  // issue 14: real-time runs start at the host's now; --speed manual at the fixed default; --start chooses.
  it.each([
    [['sessy', '--port', '0'], 'now'],
    [['homevolt', '--port', '0', '--speed', '60'], 'now'],
    [['sessy', '--port', '0', '--speed', 'manual'], '2026-06-01T00:00:00.000Z'],
    [['homevolt', '--port', '0', '--start', '2026-03-29'], '2026-03-28T23:00:00.000Z'],
    [['start', '--sessy-port', '0', '--homevolt-port', '0', '--start', '2026-10-25T00:30:00Z'], '2026-10-25T00:30:00.000Z'],
  ])('%j prints the simulated start: %s', async (argv, expected) => {
    const { lines, io } = capture();
    const before = Date.now();
    expect(await main(argv, io)).toBe(0);
    const starts = lines.join('\n').match(/clock \w+ from (\S+)\)/g)!.map((m) => Date.parse(m.slice(m.indexOf('from ') + 5, -1)));
    expect(starts.length).toBe(argv[0] === 'start' ? 2 : 1);
    for (const startMs of starts) {
      if (expected === 'now') {
        expect(startMs).toBeGreaterThanOrEqual(before);
        expect(startMs).toBeLessThanOrEqual(Date.now());
      } else expect(new Date(startMs).toISOString()).toBe(expected);
    }
  });

  it('prints the version', async () => {
    const { lines, io } = capture();
    expect(await main(['--version'], io)).toBe(0);
    expect(lines[0]).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
