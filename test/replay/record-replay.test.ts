import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseHar, startRecorder, startReplay } from '../../simulator/replay/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';
import { basic } from './support/har-fixtures.ts';
import { advanceSim, send, type SessionAnswer, type SessionRequest } from './support/session.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

// One Sessy emulator for the file: starting one takes seconds. Each test puts the strategy back to NOM first.
let sessy: RunningEmulator;
beforeAll(async () => {
  sessy = await startSessy();
});
afterAll(async () => {
  await sessy.close();
});

async function freshSessy(): Promise<{ emulator: RunningEmulator; auth: string }> {
  const auth = basic(sessy.credentials?.user ?? '', sessy.credentials?.password ?? '');
  await send(sessy.url, { method: 'POST', path: '/api/v1/power/active_strategy', auth, body: '{"strategy":"POWER_STRATEGY_NOM"}' });
  return { emulator: sessy, auth };
}

const outFile = (): string => join(mkdtempSync(join(tmpdir(), 'battsim-replay-')), 'trace.har');

/** Runs `session` through a recorder in front of `emulator`, advancing simulated time between steps. */
async function record(emulator: RunningEmulator, session: readonly SessionRequest[], stepS: number, redactIdentity = false): Promise<{ out: string; answers: SessionAnswer[] }> {
  const out = outFile();
  const recorder = await startRecorder({ target: emulator.url, out, redactIdentity, nowMs: () => emulator.clock.now() });
  closers.push(() => recorder.close());
  const answers: SessionAnswer[] = [];
  for (const r of session) {
    answers.push(await send(recorder.url, r));
    await advanceSim(emulator.url, stepS);
  }
  return { out, answers };
}

async function replay(out: string, session: readonly SessionRequest[], mode: 'time' | 'sequence', stepS: number): Promise<SessionAnswer[]> {
  const server = await startReplay({ recording: out, mode, speed: 'manual' });
  closers.push(() => server.close());
  const answers: SessionAnswer[] = [];
  for (const r of session) {
    answers.push(await send(server.url, r));
    await fetch(`${server.url}/_replay/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds: stepS }) });
  }
  return answers;
}

function sessySession(auth: string): SessionRequest[] {
  return [
    { path: '/api/v1/power/status' },
    { path: '/api/v1/system/info' },
    { path: '/api/v1/power/active_strategy', auth },
    { method: 'POST', path: '/api/v1/power/setpoint', auth, body: '{"setpoint":-1500}' },
    { method: 'POST', path: '/api/v1/power/active_strategy', auth, body: '{"strategy":"POWER_STRATEGY_API"}' },
    { method: 'POST', path: '/api/v1/power/setpoint', auth, body: '{"setpoint":-1500}' },
    { path: '/api/v1/power/status' },
    { path: '/api/v1/power/status' },
    { path: '/api/v1/energy/status', auth },
    { path: '/api/v1/system/settings', auth },
    { path: '/api/v1/network/status', auth },
    { path: '/api/v1/power/status' },
    { path: '/nothing/here', auth },
  ];
}

function homevoltSession(auth: string): SessionRequest[] {
  const form = 'application/x-www-form-urlencoded';
  return [
    { path: '/status.json', auth },
    { path: '/ems.json', auth },
    { path: '/ems.json' },
    { method: 'POST', path: '/params.json', auth, contentType: form, body: 'k=settings_local&v=true&store=0' },
    { path: '/schedule.json', auth },
    { method: 'POST', path: '/console.json', auth, contentType: form, body: 'cmd=sched_set 5 -s -2000' },
    { path: '/ems.json', auth },
    { method: 'POST', path: '/console.json', auth, contentType: form, body: 'cmd=sched_list' },
    { path: '/params.json', auth },
    { path: '/ems.json', auth },
  ];
}

const comparable = (a: SessionAnswer): object => ({ status: a.status, statusText: a.statusText, contentType: a.contentType, body: a.body.toString('base64') });

describe('record, then replay, a client session', () => {
  it('gives the same responses byte for byte against the Sessy emulator', async () => {
    const { emulator, auth } = await freshSessy();
    const session = sessySession(auth);
    const { out, answers } = await record(emulator, session, 7);
    expect(answers.map((a) => a.status)).toContain(401);
    expect(answers.map((a) => a.status)).toContain(400);
    expect(new Set(answers.filter((_, i) => session[i]?.path === '/api/v1/power/status').map((a) => a.body.toString())).size).toBeGreaterThan(1);
    for (const mode of ['sequence', 'time'] as const) {
      expect((await replay(out, session, mode, 7)).map(comparable), mode).toEqual(answers.map(comparable));
    }
  });

  it('gives the same responses byte for byte against the Homevolt emulator', async () => {
    const emulator = await startHomevolt({ password: 'HV-PASSW0RD' });
    closers.push(() => emulator.close());
    const session = homevoltSession(basic('admin', 'HV-PASSW0RD'));
    const { out, answers } = await record(emulator, session, 11);
    expect(answers.map((a) => a.status)).toContain(401);
    for (const mode of ['sequence', 'time'] as const) {
      expect((await replay(out, session, mode, 11)).map(comparable), mode).toEqual(answers.map(comparable));
    }
  });

  it('writes a HAR 1.2 document with every field a viewer needs', async () => {
    const { emulator, auth } = await freshSessy();
    const { out } = await record(emulator, sessySession(auth).slice(0, 6), 1);
    const har = parseHar(readFileSync(out, 'utf8'));
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: 'battsim' } });
    expect(har.log.entries).toHaveLength(6);
    const post = har.log.entries[3];
    expect(post?.request).toMatchObject({ method: 'POST', httpVersion: 'HTTP/1.1', postData: { mimeType: 'application/json', text: '{"setpoint":-1500}' }, bodySize: 18 });
    expect(post?.request.url).toBe(`${emulator.url}/api/v1/power/setpoint`);
    expect(post?.response).toMatchObject({ status: 400, redirectURL: '', content: { mimeType: 'text/html' } });
    for (const e of har.log.entries) {
      expect(Object.keys(e.timings)).toEqual(expect.arrayContaining(['send', 'wait', 'receive']));
      expect(e.response.headersSize).toBeGreaterThan(0);
      expect(e.response.content.size).toBe(e.response.bodySize);
    }
  });
});
