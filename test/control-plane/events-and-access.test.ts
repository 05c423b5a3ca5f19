import { afterEach, describe, expect, it } from 'vitest';
import { ControlAccessError, isLoopback, resolveControlAccess } from '../../simulator/control/control-access.ts';
import { getJson, postJson, startHarness, type Harness } from '../support/control-harness.ts';

let h: Harness | undefined;
afterEach(async () => h?.close());

describe('GET /_sim/events', () => {
  it('streams the state once per simulated second as Server-Sent Events', async () => {
    h = await startHarness();
    const abort = new AbortController();
    const res = await fetch(`${h.url}/_sim/events`, { signal: abort.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (events: number) => {
      while ((text.match(/\n\n/g) ?? []).length < events) text += decoder.decode((await reader.read()).value);
    };
    await readUntil(1);
    await postJson(`${h.url}/_sim/clock/advance`, { seconds: 3 });
    await readUntil(4);
    abort.abort();
    const events = text.trim().split('\n\n').map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6)));
    const times = events.slice(1).map((e) => e.simTimeMs);
    expect(times[1]! - times[0]!).toBe(1000);
    expect(times[2]! - times[1]!).toBe(1000);
    expect(events[1]).toHaveProperty('socFraction');
  });
});

describe('control-plane access', () => {
  it('is on without a token on loopback only', () => {
    expect(resolveControlAccess('127.0.0.1', {})).toEqual({ enabled: true, token: null });
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });

  it('refuses to start on a non-loopback address without a token, with a clear message', () => {
    expect(() => resolveControlAccess('0.0.0.0', {})).toThrow(ControlAccessError);
    expect(() => resolveControlAccess('0.0.0.0', {})).toThrow(/--control-token <secret>.*--no-control/);
    expect(() => resolveControlAccess('0.0.0.0', { controlToken: 'short' })).toThrow(/at least 8 characters/);
    expect(resolveControlAccess('0.0.0.0', { control: false })).toEqual({ enabled: false });
  });

  it('answers 401 without the token, and the vendor routes never need it', async () => {
    h = await startHarness({ access: resolveControlAccess('0.0.0.0', { controlToken: 's3cret-token' }) });
    expect((await getJson(`${h.url}/_sim/state`)).status).toBe(401);
    const wrong = await getJson(`${h.url}/_sim/state`, { authorization: 'Bearer nope-nope-nope' });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'SIM_ERR_UNAUTHORIZED' } } });
    expect((await getJson(`${h.url}/_sim/state`, { authorization: 'Bearer s3cret-token' })).status).toBe(200);
    expect((await getJson(`${h.url}/_sim/state`, { 'x-battsim-token': 's3cret-token' })).status).toBe(200);
    expect((await postJson(`${h.url}/_sim/state`, { soc: 0.9 })).status).toBe(401);
    expect(h.control.state().socFraction).toBeCloseTo(0.5, 6);
    expect((await getJson(`${h.url}/api/data`)).status).toBe(200);
  });

  it('issue 19: takes the Bearer scheme in any case (RFC 7235 §2.1), and only with the right token', async () => {
    h = await startHarness({ access: resolveControlAccess('0.0.0.0', { controlToken: 's3cret-token' }) });
    for (const scheme of ['bearer', 'BEARER', 'bEaReR', 'Bearer  ']) {
      expect((await getJson(`${h.url}/_sim/state`, { authorization: `${scheme} s3cret-token` })).status).toBe(200);
    }
    for (const authorization of ['bearer s3cret-tokenX', 'bearers3cret-token', 'Basic s3cret-token', 'bearer', 's3cret-token']) {
      expect((await getJson(`${h.url}/_sim/state`, { authorization })).status).toBe(401);
    }
  });

  it('is absent with --no-control', async () => {
    h = await startHarness({ access: { enabled: false } });
    expect((await getJson(`${h.url}/_sim/state`)).status).toBe(404);
  });
});
