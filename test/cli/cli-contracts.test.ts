/** `battsim contracts` as a user runs it against a device on the network: here an emulator process addressed by URL. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../simulator/cli-args.ts';
import { spawnBattsim, type BattsimProcess } from '../support/battsim-process.ts';

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
    const result = await run(['contracts', '--device', 'sessy', '--url', url, '--user', user!, '--password', password!, '--pace-ms', '200', '--case', 'SESSY-AUTH-*', '--case', 'SESSY-UNITS-001', '--junit', junit]);
    expect(result.out).toContain('read-only, 200 ms between requests');
    expect(result.out).toMatch(/PASS\s+SESSY-AUTH-001/);
    expect(result.code).toBe(0);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites[^>]*>[\s\S]*SESSY-UNITS-001/);
  });

  it('fails with exit code 1 when the device breaks a contract: wrong credentials are not a device that answers 401', async () => {
    const device = await run(['sessy', '--port', '0', '--speed', 'manual', '--no-auth'], /Press Ctrl-C/);
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(device.out)![1]!;
    const result = await run(['contracts', '--device', 'sessy', '--url', url, '--user', 'DWRONG01', '--password', 'NOTRIGHT', '--pace-ms', '200', '--case', 'SESSY-AUTH-001']);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAIL\s+SESSY-AUTH-001/);
  });
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
    });
  });

  it.each([
    [['contracts'], /contracts needs --device sessy or --device homevolt/],
    [['contracts', '--device', 'tesla'], /got "tesla"/],
    [['contracts', '--device', 'sessy', '--strictness', 'loose'], /--strictness must be exact, tolerance or shape/],
    [['contracts', '--device', 'sessy', '--allow-writes'], /--allow-writes is for a real device/],
    [['contracts', '--device', 'sessy', '--url', 'http://x', '--pace-ms', '50'], /--pace-ms must be a whole number from 200/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
