/** The CLI as a user runs it: a separate process, addressed by URL, stopped with a signal. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../simulator/cli.ts';

const bin = fileURLToPath(new URL('../../bin/battsim.js', import.meta.url));
let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

/** Starts `battsim args…` and resolves with its stdout once `lines` lines matching `until` have appeared. */
function startCli(args: string[], until: RegExp, count = 1): Promise<string> {
  child = spawn(process.execPath, [bin, ...args], { stdio: 'pipe' });
  let out = '';
  return new Promise((resolve, reject) => {
    child!.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if ((out.match(new RegExp(until.source, 'g')) ?? []).length >= count) resolve(out);
    });
    child!.on('exit', (code) => reject(new Error(`battsim exited with ${code} before printing ${until}: ${out}`)));
  });
}

const exitOf = (p: ChildProcessWithoutNullStreams) => new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));

describe('battsim (the process)', () => {
  it('starts Sessy, prints its URL and credentials, serves, and stops cleanly on SIGTERM', async () => {
    const out = await startCli(['sessy', '--port', '0', '--speed', 'manual', '--seed', '5'], /Press Ctrl-C/);
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    expect(out).toMatch(/credentials: user D[0-9A-Z]{7}, password [0-9A-Z]{8}/);
    expect(out).toContain(`${url}/_sim/state`);
    const status = await fetch(`${url}/api/v1/power/status`);
    expect(status.status).toBe(200);
    const exit = exitOf(child!);
    child!.kill('SIGTERM');
    expect(await exit).toBe(0);
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
    const out = await startCli(['sessy', '--port', '0', '--speed', '1'], /Press Ctrl-C/);
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    let more = '';
    const line = new Promise<string>((resolve) =>
      child!.stdout.on('data', (chunk: Buffer) => {
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

  it('reports a missing scenario file and closes the server', async () => {
    const { lines, io } = capture();
    expect(await main(['sessy', '--port', '0', '--scenario', '/nonexistent.yaml'], io)).toBe(1);
    expect(lines.at(-1)).toMatch(/Failed to read the scenario file \/nonexistent.yaml/);
  });

  it('prints the version', async () => {
    const { lines, io } = capture();
    expect(await main(['--version'], io)).toBe(0);
    expect(lines[0]).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
