import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHar } from '../../simulator/replay/index.ts';
import { killed, spawnScript, type Child } from './support/child.ts';
import { basic } from './support/har-fixtures.ts';
import { send } from './support/session.ts';

interface EmulatorReady {
  url: string;
  credentials: { user: string; password: string } | null;
}

const children: Array<Child<unknown>> = [];
afterEach(async () => {
  for (const c of children.splice(0)) await killed(c.process, 'SIGTERM');
});

describe('killing the recorder mid-run (issue 8)', () => {
  it('leaves a file that parses and holds every exchange that completed', async () => {
    // Both run as their own processes: the emulator is addressed by URL, as a device on the network would be.
    const emulator = await spawnScript<EmulatorReady>('./start-emulator.ts', ['sessy']);
    children.push(emulator);
    const out = join(mkdtempSync(join(tmpdir(), 'battsim-crash-')), 'trace.har');
    const recorder = await spawnScript<{ url: string }>('./start-recorder.ts', [emulator.ready.url, out]);
    children.push(recorder);
    const auth = basic(emulator.ready.credentials?.user ?? '', emulator.ready.credentials?.password ?? '');
    const paths = ['/api/v1/power/status', '/api/v1/system/settings', '/api/v1/energy/status', '/api/v1/power/active_strategy'];
    const completed: string[] = [];
    for (let i = 0; i < 12; i++) {
      const path = paths[i % paths.length] ?? '/';
      const answer = await send(recorder.ready.url, { path, auth });
      expect(answer.status).toBe(200);
      completed.push(path);
    }
    // One more request in flight while the recorder dies.
    const inFlight = send(recorder.ready.url, { path: '/api/v1/power/status', auth }).catch(() => null);
    await killed(recorder.process, 'SIGKILL');
    await inFlight;
    const har = parseHar(readFileSync(out, 'utf8'));
    const recorded = har.log.entries.map((e) => new URL(e.request.url).pathname);
    expect(recorded.slice(0, completed.length)).toEqual(completed);
    expect(recorded.length - completed.length).toBeLessThanOrEqual(1);
    for (const e of har.log.entries) expect(e.response.status).toBe(200);
  }, 60_000); // three processes, each started through tsx: slow on 2 cores while the suite runs beside it
});
