import { afterEach, describe, expect, it } from 'vitest';
import { startReplay, type HarDocument, type ReplayOptions } from '../../simulator/replay/index.ts';
import { basic, fixtureHar } from './support/har-fixtures.ts';
import { send } from './support/session.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const recording: HarDocument = fixtureHar([
  { atS: 0, path: '/api/v1/power/status', response: '{"soc":0.50}' },
  { atS: 0.5, path: '/api/v1/system/info', status: 401, statusText: 'UNAUTHORIZED', response: '', responseHeaders: ['Content-Type', 'application/json', 'WWW-Authenticate', 'Basic realm="Sessy"', 'Connection', 'keep-alive'] },
  { atS: 1, path: '/api/v1/system/info', auth: basic('DABCD123', 'R7DKR35K'), response: '{"status":"ok"}' },
  { atS: 60, path: '/api/v1/power/status', response: '{"soc":0.51}' },
  { atS: 120, path: '/api/v1/power/status', response: '{"soc":0.52}' },
]);

async function serve(options: Omit<ReplayOptions, 'recording'> = {}): Promise<string> {
  const server = await startReplay({ recording, speed: 'manual', ...options });
  closers.push(() => server.close());
  return server.url;
}

const advance = (url: string, seconds: number) => fetch(`${url}/_replay/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds }) });
const text = async (url: string, path: string, auth?: string) => (await send(url, { path, ...(auth ? { auth } : {}) })).body.toString();

describe('replay server', () => {
  it('walks a polled GET through the recorded telemetry as the manual clock is advanced', async () => {
    const url = await serve();
    const seen = [await text(url, '/api/v1/power/status')];
    for (let i = 0; i < 2; i++) {
      expect((await advance(url, 60)).status).toBe(200);
      seen.push(await text(url, '/api/v1/power/status'));
    }
    expect(seen).toEqual(['{"soc":0.50}', '{"soc":0.51}', '{"soc":0.52}']);
  });

  it('runs replay time at --speed × wall time', async () => {
    let wallMs = 0;
    const url = await serve({ speed: 60, wallNowMs: () => wallMs });
    expect(await text(url, '/api/v1/power/status')).toBe('{"soc":0.50}');
    wallMs = 2000;
    expect(await text(url, '/api/v1/power/status')).toBe('{"soc":0.52}');
    expect((await advance(url, 1)).status).toBe(409);
  });

  it('keeps its control plane off the device paths and reports the replay clock', async () => {
    const url = await serve();
    const clock = (await (await fetch(`${url}/_replay/clock`)).json()) as { nowMs: number; mode: string };
    expect(clock).toMatchObject({ mode: 'manual', nowMs: Date.parse(recording.log.entries[0]?.startedDateTime ?? '') });
    expect((await advance(url, -1)).status).toBe(400);
  });

  it.each([501, 404] as const)('answers a request with no match with %d and names the closest recorded ones', async (status) => {
    const url = await serve({ noMatchStatus: status });
    const answer = await send(url, { method: 'POST', path: '/api/v1/power/status', body: '{}' });
    expect(answer.status).toBe(status);
    const body = JSON.parse(answer.body.toString()) as { error: string; message: string; closest: Array<{ method: string; target: string }> };
    expect(body.error).toBe('REPLAY_ERR_NO_MATCH');
    expect(body.message).toContain('Failed to replay POST /api/v1/power/status');
    expect(body.closest[0]).toMatchObject({ method: 'GET', target: '/api/v1/power/status' });
  });

  it('accepts any credentials by default', async () => {
    const url = await serve();
    expect(await text(url, '/api/v1/system/info', basic('anyone', 'anything'))).toBe('{"status":"ok"}');
  });

  it('requires the credentials given on the command line, answering 401 as the device did', async () => {
    const url = await serve({ user: 'DABCD123', password: 'R7DKR35K' });
    expect(await text(url, '/api/v1/system/info', basic('DABCD123', 'R7DKR35K'))).toBe('{"status":"ok"}');
    const wrong = await send(url, { path: '/api/v1/system/info', auth: basic('DABCD123', 'WRONG') });
    expect([wrong.status, wrong.statusText, wrong.body.length]).toEqual([401, 'UNAUTHORIZED', 0]);
    // The device served power/status without credentials, so the replay does too (docs/sessy.md §1.2).
    expect(await text(url, '/api/v1/power/status')).toBe('{"soc":0.50}');
  });
});
