/**
 * The control plane lives in an app of its own, built on the first `/_sim/` request (lazy-control-app.ts). A client
 * sees what it saw when the routes were the device app's own: the device's 404 for a `/_sim/` URI the control plane
 * lacks (before a body is read), HEAD where the device's app made HEAD routes, bodies parsed as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessyMeter } from '../../simulator/runtime/start-sessy-meter.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const START = {
  sessy: () => startSessy({ seed: 3, noAuth: true }),
  'sessy-meter': () => startSessyMeter({ seed: 3, noAuth: true }),
  homevolt: () => startHomevolt({ seed: 3 }),
};

async function started(kind: keyof typeof START): Promise<RunningEmulator> {
  const e = await START[kind]();
  running.push(e);
  return e;
}

const answer = async (res: Response) => ({ status: res.status, type: res.headers.get('content-type'), body: await res.text() });

describe.each(Object.keys(START) as (keyof typeof START)[])('the control plane of %s, built on first use', (kind) => {
  it('answers a /_sim/ URI it does not serve as the device answers any URI it does not serve', async () => {
    const e = await started(kind);
    const device = await answer(await fetch(`${e.url}/no-such-uri`));
    expect(device.status).toBe(404);
    for (const method of ['GET', 'POST', 'DELETE']) expect(await answer(await fetch(`${e.url}/_sim/no-such-uri`, { method }))).toEqual(device);
    // The first request built the control plane; the next ones find it.
    expect((await fetch(`${e.url}/_sim/state`)).status).toBe(200);
    expect(await answer(await fetch(`${e.url}/_sim/no-such-uri`))).toEqual(device);
  });

  it('refuses a /_sim/ URI it does not serve before reading a body larger than any limit', async () => {
    const e = await started(kind);
    const device = await answer(await fetch(`${e.url}/no-such-uri`));
    const res = await fetch(`${e.url}/_sim/no-such-uri`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(2 * 1024 * 1024)}"` });
    expect(await answer(res)).toEqual(device);
  });

  it('reads a JSON body and answers the operation, as before', async () => {
    const e = await started(kind);
    const res = await fetch(`${e.url}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds": 60}' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { nowMs: number }).nowMs).toBe(e.startMs + 60_000);
  });
});

describe('HEAD on /_sim/', () => {
  it('answers on the Sessy emulators, whose apps make HEAD routes for GET', async () => {
    expect((await fetch(`${(await started('sessy')).url}/_sim/state`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${(await started('sessy-meter')).url}/_sim/state`, { method: 'HEAD' })).status).toBe(200);
  });

  it('is the device’s 404 on Homevolt, whose app makes none (ESP-IDF matches HEAD like any method)', async () => {
    const e = await started('homevolt');
    expect((await fetch(`${e.url}/_sim/state`, { method: 'HEAD' })).status).toBe(404);
  });
});
