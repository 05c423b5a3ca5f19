/**
 * Record, replay and the hybrid mode as a user runs them: each a separate `battsim` process, the device an
 * emulator process addressed by URL, exactly as a battery on the network would be.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../simulator/cli-args.ts';
import { spawnBattsim, type BattsimProcess } from '../support/battsim-process.ts';

const children: BattsimProcess[] = [];
afterAll(() => Promise.all(children.map((c) => c.stop('SIGKILL'))));

async function battsim(args: string[], until: RegExp): Promise<{ child: BattsimProcess; out: string }> {
  const child = spawnBattsim(args);
  children.push(child);
  return { child, out: await child.waitFor(until) };
}

const stop = async (child: BattsimProcess) => (await child.stop('SIGTERM')).code;

describe('battsim record, replay and --from-recording', () => {
  it('records a polled device, replays it byte for byte, and drives a hybrid emulator from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'battsim-cli-'));
    const har = join(dir, 'trace.har');
    const device = await battsim(['sessy', '--port', '0', '--speed', 'manual', '--seed', '9'], /Press Ctrl-C/);
    const deviceUrl = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(device.out)![1]!;
    const [, user, password] = /credentials: user (\S+), password (\S+)/.exec(device.out)!;

    const recorder = await battsim(['record', '--target', deviceUrl, '--out', har, '--port', '0'], /Press Ctrl-C/);
    const recorderUrl = /through (http:\/\/127\.0\.0\.1:\d+)/.exec(recorder.out)![1]!;
    const auth = { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
    const recorded: string[] = [];
    for (let i = 0; i < 3; i++) {
      recorded.push(await (await fetch(`${recorderUrl}/api/v1/power/status`)).text());
      await fetch(`${deviceUrl}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds": 60}' });
    }
    expect((await fetch(`${recorderUrl}/api/v1/system/info`, { headers: auth })).status).toBe(200);
    expect(await stop(recorder.child)).toBe(0);
    const raw = readFileSync(har, 'utf8');
    expect(JSON.parse(raw).log.entries).toHaveLength(4);
    expect(raw).not.toContain(password);

    const replay = await battsim(['replay', har, '--port', '0', '--mode', 'sequence'], /Press Ctrl-C/);
    const replayUrl = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(replay.out)![1]!;
    for (const body of recorded) expect(await (await fetch(`${replayUrl}/api/v1/power/status`)).text()).toBe(body);
    const miss = await fetch(`${replayUrl}/api/v1/energy/status`);
    expect(miss.status).toBe(501);
    expect(await miss.text()).toContain('/api/v1/power/status');

    const hybrid = await battsim(['sessy', '--port', '0', '--speed', 'manual', '--from-recording', har], /Press Ctrl-C/);
    // The recorder stamps exchanges in wall time, as it would with a real device: three quick polls span 0 s.
    expect(hybrid.out).toMatch(/outside world from .*trace\.har \(sessy, 3 samples over \d+ s\)/);
    const hybridUrl = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(hybrid.out)![1]!;
    const firstSoc = (JSON.parse(recorded[0]!) as { sessy: { state_of_charge: number } }).sessy.state_of_charge;
    const state = (await (await fetch(`${hybridUrl}/_sim/state`)).json()) as { socFraction: number; clock: { nowMs: number } };
    expect(state.socFraction).toBeCloseTo(firstSoc, 5);
    const firstExchangeMs = Date.parse((JSON.parse(raw) as { log: { entries: { startedDateTime: string }[] } }).log.entries[0]!.startedDateTime);
    expect(state.clock.nowMs).toBe(Math.floor(firstExchangeMs / 1000) * 1000);

    // With --ready-json the line about the recording goes to stderr: stdout carries the JSON line alone.
    const fixture = spawnBattsim(['sessy', '--port', '0', '--speed', 'manual', '--from-recording', har, '--ready-json']);
    children.push(fixture);
    const line = await fixture.readyJson();
    expect(fixture.stdout()).toBe(`${JSON.stringify(line)}\n`);
    expect(fixture.stderr()).toMatch(/outside world from .*trace\.har/);

    // replay and record print a ready line too, for a fixture that starts them on a free port.
    const replayed = spawnBattsim(['replay', har, '--port', '0', '--mode', 'sequence', '--ready-json']);
    children.push(replayed);
    const ready = await replayed.readyJson<{ kind: string; url: string; port: number; pid: number; clockUrl: string }>();
    expect(ready).toMatchObject({ kind: 'replay', url: `http://127.0.0.1:${ready.port}`, recording: har, mode: 'sequence', speed: 1, clockUrl: `${ready.url}/_replay/clock`, pid: replayed.child.pid });
    expect(replayed.stdout()).toBe(`${JSON.stringify(ready)}\n`);
    expect(replayed.stderr()).toContain('Press Ctrl-C to stop.');
    expect(await (await fetch(`${ready.url}/api/v1/power/status`)).text()).toBe(recorded[0]);
    const again = spawnBattsim(['record', '--target', deviceUrl, '--out', join(dir, 'again.har'), '--port', '0', '--ready-json']);
    children.push(again);
    const proxy = await again.readyJson<{ kind: string; url: string; port: number }>();
    expect(proxy).toMatchObject({ kind: 'record', url: `http://127.0.0.1:${proxy.port}`, target: deviceUrl, out: join(dir, 'again.har') });
    expect((await fetch(`${proxy.url}/api/v1/power/status`)).status).toBe(200);
    expect(again.stdout()).toBe(`${JSON.stringify(proxy)}\n`);
  }, 60_000); // four processes, each started through tsx: slow on 2 cores while the suite runs beside it
});

describe('parseCliArgs for record and replay', () => {
  it('gives record its defaults', () => {
    expect(parseCliArgs(['record', '--target', 'http://192.168.1.50', '--out', 't.har'])).toEqual({
      kind: 'record',
      target: 'http://192.168.1.50',
      out: 't.har',
      port: 8090,
      host: '127.0.0.1',
      redactIdentity: false,
      redactKey: undefined,
      timeoutMs: 10_000,
      ifExists: 'fail',
      maxBodyBytes: 1024 * 1024,
      readyJson: false,
    });
  });

  it.each([
    [['--append'], { ifExists: 'append' }],
    [['--force'], { ifExists: 'overwrite' }],
    [['--max-body', '4096'], { maxBodyBytes: 4096 }],
    [['--max-body', '512k'], { maxBodyBytes: 512 * 1024 }],
    [['--max-body', '4M'], { maxBodyBytes: 4 * 1024 * 1024 }],
  ])('takes record %j', (extra, expected) => {
    expect(parseCliArgs(['record', '--target', 'http://192.168.1.50', '--out', 't.har', ...extra])).toMatchObject(expected);
  });

  it('gives replay its defaults', () => {
    expect(parseCliArgs(['replay', 't.har'])).toMatchObject({ kind: 'replay', recording: 't.har', port: 8091, mode: 'time', speed: 1, noMatchStatus: 501 });
  });

  it.each([
    [['record', '--out', 't.har'], /record needs --target URL/],
    [['record', '--target', 'http://d', '--out', 't.har', '--append', '--force'], /--append .* or --force .*, not both/],
    [['record', '--target', 'http://d', '--out', 't.har', '--max-body', '1G'], /--max-body must be a size in bytes/],
    [['record', '--target', 'http://d', '--out', 't.har', '--max-body', '1.5M'], /--max-body must be a size in bytes/],
    [['replay'], /replay needs the HAR file first/],
    [['replay', 't.har', '--mode', 'shuffle'], /--mode must be "time" or "sequence"/],
    [['replay', 't.har', '--no-match-status', '500'], /--no-match-status must be 501 or 404/],
    [['replay', 't.har', '--user', 'admin'], /give --user and --password together/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
