/** `battsim contracts` as a user runs it against a device on the network: here an emulator process addressed by URL. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sessySuite } from '../../contracts/index.ts';
import { CliUsageError, parseCliArgs } from '../../simulator/cli-args.ts';
import { spawnBattsim, type BattsimProcess } from '../support/battsim-process.ts';

/** Two processes start per test (an emulator, then the contracts), each through tsx's loader: slow on a busy machine. */
const PROCESS_TEST_MS = 90_000;
const children: BattsimProcess[] = [];
afterAll(() => Promise.all(children.map((c) => c.stop('SIGKILL'))));

/** Resolves once `until` appears on stdout (code null), or at exit with stdout and stderr together. */
async function run(args: string[], until?: RegExp): Promise<{ out: string; code: number | null }> {
  const child = spawnBattsim(args, { env: { BATTSIM_URL: '', BATTSIM_USER: '', BATTSIM_PASSWORD: '' } });
  children.push(child);
  if (until) return { out: await child.waitFor(until), code: null };
  const { code } = await child.exited;
  return { out: child.stdout() + child.stderr(), code };
}

describe('battsim contracts', () => {
  it('checks a device read-only through its URL, writes a JUnit file, and exits 0', async () => {
    const device = await run(['sessy', '--port', '0', '--speed', 'manual'], /Press Ctrl-C/);
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(device.out)![1]!;
    const [, user, password] = /credentials: user (\S+), password (\S+)/.exec(device.out)!;
    const junit = join(mkdtempSync(join(tmpdir(), 'battsim-contracts-')), 'report.xml');
    const result = await run(['contracts', '--device', 'sessy', '--url', url, '--as-device', '--user', user!, '--password', password!, '--pace-ms', '200', '--case', 'SESSY-AUTH-*', '--case', 'SESSY-UNITS-001', '--junit', junit]);
    expect(result.out).toContain('treated as hardware (--as-device): read-only, 200 ms between requests');
    expect(result.out).toMatch(/firmware +1\.11\.11\n +strictness +shape; read-only/);
    expect(result.out).toMatch(/PASS\s+SESSY-AUTH-001/);
    expect(result.code).toBe(0);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites[^>]*>[\s\S]*SESSY-UNITS-001/);
  }, PROCESS_TEST_MS);

  it('checks an emulator found at the URL through its control plane and streams JSON lines: header first, a line per case, the end last', async () => {
    const device = await run(['homevolt', '--port', '0', '--speed', 'manual', '--password', 'cli-test'], /Press Ctrl-C/);
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(device.out)![1]!;
    const result = await run(['contracts', '--device', 'homevolt', '--url', url, '--password', 'cli-test', '--case', 'HOMEVOLT-UNITS-*', '--reporter', 'jsonl']);
    expect(result.code).toBe(0);
    const events = result.out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { event: string; kind?: string; clock?: string; firmware?: string; id?: string; status?: string });
    expect(events[0]).toMatchObject({ event: 'target', kind: 'emulator', clock: 'manual', firmware: 'esp 3056-1a3446ed', strictness: 'exact', writes: true });
    expect(events.filter((e) => e.event === 'result').map((e) => `${e.id} ${e.status}`)).toEqual(['HOMEVOLT-UNITS-001 pass', 'HOMEVOLT-UNITS-002 pass', 'HOMEVOLT-UNITS-003 pass', 'HOMEVOLT-UNITS-004 pass', 'HOMEVOLT-UNITS-005 pass']);
    expect(events.at(-1)).toMatchObject({ event: 'end', exitCode: 0 });
    expect(result.out).toMatch(/serves battsim's simulation control \(\/_sim\/, a manual clock\)/);
  }, PROCESS_TEST_MS);

  it('fails the run at once with one message when nothing answers at the URL, and says so in TAP', async () => {
    const { closedPort } = await import('../contracts/dead-targets.ts');
    const dead = await closedPort();
    const result = await run(['contracts', '--device', 'sessy', '--url', dead.url, '--reporter', 'tap']);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^TAP version 13$/m);
    expect(result.out).toMatch(/^# sessy at http:\/\/127\.0\.0\.1:\d+ at .*did not answer GET \/api\/v1\/power\/status .*ECONNREFUSED/m);
    expect(result.out.match(/^not ok \d+ - SESSY-/gm)?.length).toBe(sessySuite.cases.length);
    expect(result.out).toMatch(new RegExp(`^1\\.\\.${sessySuite.cases.length}$`, 'm'));
  }, PROCESS_TEST_MS);

  it('fails with exit code 1 when the device breaks a contract: wrong credentials are not a device that answers 401', async () => {
    const device = await run(['sessy', '--port', '0', '--speed', 'manual', '--no-auth'], /Press Ctrl-C/);
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(device.out)![1]!;
    const result = await run(['contracts', '--device', 'sessy', '--url', url, '--user', 'DWRONG01', '--password', 'NOTRIGHT', '--pace-ms', '200', '--case', 'SESSY-AUTH-001']);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAIL\s+SESSY-AUTH-001/);
  }, PROCESS_TEST_MS);
});

describe('parseCliArgs for contracts', () => {
  it('defaults to emulators, read-only pacing of 1 s and every case', () => {
    expect(parseCliArgs(['contracts', '--device', 'homevolt'])).toEqual({
      kind: 'contracts',
      device: 'homevolt',
      url: undefined,
      user: undefined,
      password: undefined,
      allowWrites: false,
      paceMs: 1000,
      junit: undefined,
      strictness: undefined,
      cases: [],
      reporter: 'human',
      controlToken: undefined,
      asDevice: false,
    });
  });

  it('takes a reporter, a control token and --as-device for a URL', () => {
    expect(parseCliArgs(['contracts', '--device', 'sessy', '--url', 'http://127.0.0.1:1', '--reporter', 'tap', '--control-token', 'T'])).toMatchObject({ reporter: 'tap', controlToken: 'T', asDevice: false });
    expect(parseCliArgs(['contracts', '--device', 'sessy', '--url', 'http://127.0.0.1:1', '--as-device'])).toMatchObject({ reporter: 'human', asDevice: true });
  });

  it.each([
    [['contracts'], /contracts needs --device sessy, homevolt or sessy-meter/],
    [['contracts', '--device', 'tesla'], /got "tesla"/],
    [['contracts', '--device', 'sessy', '--strictness', 'loose'], /--strictness must be exact, tolerance or shape/],
    [['contracts', '--device', 'sessy', '--allow-writes'], /--allow-writes is for a real device/],
    [['contracts', '--device', 'sessy', '--url', 'http://x', '--pace-ms', '50'], /--pace-ms must be a whole number from 200/],
    [['contracts', '--device', 'sessy', '--reporter', 'xml'], /--reporter must be human, jsonl or tap, got "xml"/],
    [['contracts', '--device', 'sessy', '--as-device'], /--as-device and --control-token are about the target at --url/],
    [['contracts', '--device', 'sessy', '--control-token', 'T'], /--as-device and --control-token are about the target at --url/],
    [['contracts', '--device', 'sessy', '--url', 'http://x', '--as-device', '--control-token', 'T'], /cannot be combined/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
