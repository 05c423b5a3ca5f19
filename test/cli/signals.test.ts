/**
 * Stopping: `battsim` and `npm start` stop on SIGINT and SIGTERM with nothing left listening, also while clients
 * hold a kept-alive connection and the /_sim/events stream open (issue 13: `npm start &` then `kill $!` used to
 * leave the emulator running on its port, because npm's shell did not pass the signal on).
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ReadyLine } from '../../simulator/cli.ts';
import { REPO_ROOT, spawnBattsim, watch, type BattsimProcess } from '../support/battsim-process.ts';

const started: BattsimProcess[] = [];
/** Emulator processes npm started: if one outlives npm (the bug), the test must not leave it running. */
const grandchildren: number[] = [];
afterAll(async () => {
  await Promise.all(started.map((p) => p.stop('SIGKILL')));
  for (const pid of grandchildren) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

type StartLine = Record<'sessy' | 'homevolt', ReadyLine>;
const START_ARGS = ['start', '--sessy-port', '0', '--homevolt-port', '0', '--speed', 'manual', '--ready-json'];

/** Resolves true when a TCP connection to the port is refused, false when something accepts it. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}

/** Reads what is left of an event stream; true once it has ended or broken off. */
async function streamEnded(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  for (;;) {
    const chunk = await reader.read().catch(() => ({ done: true }));
    if (chunk.done) return true;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
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
});
