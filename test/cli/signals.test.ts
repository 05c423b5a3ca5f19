/**
 * Stopping: `battsim` and `npm start` stop on SIGINT and SIGTERM with nothing left listening, also while clients
 * hold a kept-alive connection and the /_sim/events stream open (issue 13: `npm start &` then `kill $!` used to
 * leave the emulator running on its port, because npm's shell did not pass the signal on). `npx battsim` and `npm
 * exec` run it through such a shell too: battsim started by npm stops once npm has gone (runtime/parent-watch.ts).
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ReadyLine } from '../../simulator/cli.ts';
import { alive, refused, REPO_ROOT, spawnBattsim, watch, type BattsimProcess } from '../support/battsim-process.ts';

const started: BattsimProcess[] = [];
/** Emulator processes npm started: if one outlives npm (the bug), the test must not leave it running. */
const grandchildren: number[] = [];
afterAll(async () => {
  await Promise.all(started.map((p) => p.stop('SIGKILL')));
  for (const pid of grandchildren) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

type StartLine = Record<'sessy' | 'homevolt', ReadyLine>;
const START_ARGS = ['start', '--sessy-port', '0', '--homevolt-port', '0', '--speed', 'manual', '--ready-json'];


/** Reads what is left of an event stream; true once it has ended or broken off. */
async function streamEnded(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  for (;;) {
    const chunk = await reader.read().catch(() => ({ done: true }));
    if (chunk.done) return true;
  }
}


/** A kept-alive vendor request and an open event stream on each emulator: what would hold a careless close. */
async function busyClients(line: StartLine): Promise<ReadableStreamDefaultReader<Uint8Array>[]> {
  const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];
  for (const { url } of Object.values(line)) {
    const events = await fetch(`${url}/_sim/events`);
    readers.push(events.body!.getReader());
  }
  expect((await fetch(`${line.homevolt.url}/status.json`)).status).toBe(200);
  return readers;
}

describe('stopping battsim', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops on %s with clients connected, exits 0 and leaves both ports closed', async (signal) => {
    const battsim = spawnBattsim(START_ARGS);
    started.push(battsim);
    const line = await battsim.readyJson<StartLine>();
    const readers = await busyClients(line);
    expect((await battsim.stop(signal)).code).toBe(0);
    for (const reader of readers) expect(await streamEnded(reader)).toBe(true);
    expect(await refused(line.sessy.port)).toBe(true);
    expect(await refused(line.homevolt.port)).toBe(true);
  });

  it('`npm start` stops when npm gets SIGTERM, as after `npm start &` and `kill $!`', async () => {
    const npm = watch(spawn('npm', ['start', '--', ...START_ARGS.slice(1)], { cwd: REPO_ROOT, stdio: 'pipe' }));
    started.push(npm);
    const out = await npm.waitFor(/^\{.*\}$/m);
    const line = JSON.parse(/^\{.*\}$/m.exec(out)![0]) as StartLine;
    grandchildren.push(line.sessy.pid);
    expect(line.sessy.pid).not.toBe(npm.child.pid);
    await npm.stop('SIGTERM');
    await vi.waitFor(() => expect(alive(line.sessy.pid)).toBe(false), { timeout: 5000, interval: 50 });
    expect(await refused(line.sessy.port)).toBe(true);
    expect(await refused(line.homevolt.port)).toBe(true);
  });

  it('`npx battsim` (npm exec) stops when npm gets SIGTERM, which its shell does not pass on, and says why', async () => {
    // npm exec runs the command as `sh -c '<command>' args`: the process tree of `npx --no-install battsim …`.
    const npm = watch(spawn('npm', ['exec', '--', process.execPath, '--import', 'tsx', 'test/support/battsim-cli.ts', 'sessy', '--port', '0', '--speed', 'manual', '--ready-json'], { cwd: REPO_ROOT, stdio: 'pipe' }));
    started.push(npm);
    const line = JSON.parse(/^\{.*\}$/m.exec(await npm.waitFor(/^\{.*\}$/m))![0]) as ReadyLine;
    grandchildren.push(line.pid);
    expect(line.pid).not.toBe(npm.child.pid);
    await npm.stop('SIGTERM');
    await vi.waitFor(() => expect(alive(line.pid)).toBe(false), { timeout: 5000, interval: 50 });
    expect(await refused(line.port)).toBe(true);
    await vi.waitFor(() => expect(npm.stderr()).toMatch(/stopping, as the process that started it through npm has exited.*BATTSIM_OUTLIVE_PARENT=1/), { timeout: 5000, interval: 50 });
  });
});
