import { request as httpRequest, Agent } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getJson, postJson, startHarness, type Harness } from '../support/control-harness.ts';
import { createManualTimer, type ManualTimer } from '../support/manual-timer.ts';

// Wall time moves by hand: a latency, a trickle or a network-loss hold ends when the test says so, not after a sleep.
let h: Harness;
let timer: ManualTimer;
beforeEach(async () => {
  timer = createManualTimer();
  h = await startHarness({ networkLossHoldMs: 1500, sleep: timer.sleep, wallNowMs: timer.nowMs });
});
afterEach(async () => h.close());

const addFault = (spec: unknown) => postJson(`${h.url}/_sim/faults`, spec);

/** A raw GET that reports how the exchange ended, without a client library's interpretation. */
function rawGet(url: string, timeoutMs = 3000): Promise<{ outcome: 'response' | 'reset' | 'aborted' | 'timeout'; status?: number; body?: string; declaredLength?: number }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ outcome: 'response', status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
      res.on('aborted', () => resolve({ outcome: 'aborted', status: res.statusCode!, body: Buffer.concat(chunks).toString(), declaredLength: Number(res.headers['content-length']) }));
      res.on('error', () => resolve({ outcome: 'aborted', status: res.statusCode!, body: Buffer.concat(chunks).toString(), declaredLength: Number(res.headers['content-length']) }));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ outcome: 'timeout' });
    });
    req.on('error', () => resolve({ outcome: 'reset' }));
    req.end();
  });
}

describe('faults on vendor routes', () => {
  it('answers errors in the device’s own format', async () => {
    await addFault({ type: 'error', status: 500 });
    const r = await rawGet(`${h.url}/api/data`);
    expect(r).toMatchObject({ outcome: 'response', status: 500 });
    expect(JSON.parse(r.body!)).toEqual({ status: 'error', error: 'failure 500' });
  });

  it('applies an error rate from the seeded faults stream, reproducibly', async () => {
    await addFault({ type: 'error', status: 500, rate: 0.3 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await rawGet(`${h.url}/api/data`)).status!);
    const failures = statuses.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(25);
    await postJson(`${h.url}/_sim/reset`, {});
    await addFault({ type: 'error', status: 500, rate: 0.3 });
    const again: number[] = [];
    for (let i = 0; i < 40; i++) again.push((await rawGet(`${h.url}/api/data`)).status!);
    expect(again).toEqual(statuses);
  });

  it('resets the connection', async () => {
    await addFault({ type: 'reset' });
    expect((await rawGet(`${h.url}/api/data`)).outcome).toBe('reset');
  });

  it('truncates the body after the headers promised all of it', async () => {
    await addFault({ type: 'truncate', keepFraction: 0.25 });
    const r = await rawGet(`${h.url}/api/data`);
    expect(r.outcome).toBe('aborted');
    expect(r.status).toBe(200);
    expect(r.body!.length).toBeLessThan(r.declaredLength!);
  });

  it('trickles the body slowly but completely', async () => {
    await addFault({ type: 'trickle', bytesPerSecond: 4000 });
    const r = await timer.runUntil(rawGet(`${h.url}/api/data`));
    expect(r.outcome).toBe('response');
    expect(JSON.parse(r.body!).status).toBe('ok');
    const entry = (await getJson(`${h.url}/_sim/log`)).body.requests.at(-1);
    expect(entry.durationMs).toBe(100); // ~440 bytes at 4000 B/s in 400-byte chunks: one pause of 100 ms
  });

  it('edits a JSON answer as a drifted firmware would send it', async () => {
    await addFault({ type: 'json-edit', remove: ['soc'], set: { status: 'OK', 'extra.added': 1, renamed: true }, scope: { count: 1 } });
    const edited = await rawGet(`${h.url}/api/data`);
    const body = JSON.parse(edited.body!);
    expect(body).not.toHaveProperty('soc');
    expect(body).toMatchObject({ status: 'OK', renamed: true });
    expect(body).not.toHaveProperty('extra');
    expect(JSON.parse((await rawGet(`${h.url}/api/data`)).body!)).toHaveProperty('soc');
  });

  it('adds latency before answering', async () => {
    await addFault({ type: 'latency', latency: { distribution: 'fixed', ms: 120 } });
    const answer = rawGet(`${h.url}/api/data`);
    await timer.waiting();
    timer.advance(119);
    expect(timer.waitingMs).toEqual([120]); // not answered 1 ms early
    timer.advance(1);
    expect((await answer).status).toBe(200);
    const entry = (await getJson(`${h.url}/_sim/log`)).body.requests.at(-1);
    expect(entry.durationMs).toBe(120);
    expect(entry.faults).toEqual(['f1']);
  });

  it('answers 503 during a boot window', async () => {
    await addFault({ type: 'unavailable', scope: { durationS: 30 } });
    expect((await rawGet(`${h.url}/api/data`)).status).toBe(503);
    await postJson(`${h.url}/_sim/clock/advance`, { seconds: 31 });
    expect((await rawGet(`${h.url}/api/data`)).status).toBe(200);
  });

  it('drops off the network: a request goes unanswered for the hold, then its connection drops', async () => {
    await addFault({ type: 'network-loss' });
    const answer = rawGet(`${h.url}/api/data`);
    await timer.waiting();
    timer.advance(1499);
    expect(timer.waitingMs).toEqual([1500]); // held, unanswered
    timer.advance(1);
    expect((await answer).outcome).toBe('reset');
  });

  it('refuses connections beyond the socket limit', async () => {
    // Added through the Node API so that no client connection is open before the agent's.
    h.control.addFault({ type: 'socket-exhaustion', maxConnections: 1 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // Hold one keep-alive connection open.
    await new Promise<void>((resolve) => httpRequest(`${h.url}/api/data`, { agent }, (res) => res.resume().on('end', resolve)).end());
    expect((await rawGet(`${h.url}/api/data`)).outcome).toBe('reset');
    agent.destroy();
  });

  it('scopes a fault to a path pattern and a count of requests', async () => {
    await addFault({ type: 'error', status: 500, scope: { path: '/api/*', count: 2 } });
    expect((await rawGet(`${h.url}/api/data`)).status).toBe(500);
    expect((await rawGet(`${h.url}/api/data`)).status).toBe(500);
    expect((await rawGet(`${h.url}/api/data`)).status).toBe(200);
    expect((await getJson(`${h.url}/_sim/faults`)).body.faults).toEqual([]);
  });

  it('leaves other paths and the control plane alone', async () => {
    await addFault({ type: 'reset', scope: { path: '/api/other' } });
    expect((await rawGet(`${h.url}/api/data`)).status).toBe(200);
    await addFault({ type: 'reset' });
    expect((await getJson(`${h.url}/_sim/faults`)).status).toBe(200);
  });

  it('lists, removes and clears faults', async () => {
    const a = (await addFault({ type: 'error', status: 500 })).body.fault;
    await addFault({ type: 'latency', latency: { distribution: 'uniform', minMs: 1, maxMs: 2 } });
    expect(a).toMatchObject({ id: 'f1', type: 'error', status: 500, rate: 1, scope: { path: '*', method: '*', count: null, durationS: null } });
    expect((await getJson(`${h.url}/_sim/faults`)).body.faults).toHaveLength(2);
    const del = await fetch(`${h.url}/_sim/faults/f1`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await fetch(`${h.url}/_sim/faults/f1`, { method: 'DELETE' })).status).toBe(404);
    await fetch(`${h.url}/_sim/faults`, { method: 'DELETE' });
    expect((await getJson(`${h.url}/_sim/faults`)).body.faults).toEqual([]);
  });

  it('reboots the device at once', async () => {
    await postJson(`${h.url}/_sim/clock/advance`, { seconds: 120 });
    const { status } = await addFault({ type: 'reboot' });
    expect(status).toBe(201);
    const state = (await getJson(`${h.url}/_sim/state`)).body;
    expect(state.boots).toBe(2);
    expect(state.uptimeS).toBe(0);
  });

  it.each([
    [{ type: 'explode' }, /"type" must be one of/],
    [{ type: 'error', status: 200 }, /"status" must be a number from 400 to 599/],
    [{ type: 'error', rate: 2 }, /"rate" must be a number from 0 to 1/],
    [{ type: 'latency', latency: { distribution: 'gamma' } }, /"distribution" must be fixed, uniform or lognormal/],
    [{ type: 'reset', scope: { path: 'api' } }, /"path" must start with \//],
    [{ type: 'reset', colour: 'red' }, /unknown field "colour"/],
    [{ type: 'json-edit' }, /a json-edit needs "remove" or "set"/],
    [{ type: 'json-edit', remove: 'sessy.power' }, /"remove" must be a list of at most 100 dot paths/],
    [{ type: 'json-edit', set: { 'a..b': 1 } }, /"set" must map at most 100 dot paths .* to values/],
  ])('rejects %j with a message naming the field', async (spec, message) => {
    const { status, body } = await addFault(spec);
    expect(status).toBe(400);
    expect(body.error.code).toBe('SIM_ERR_INVALID_FAULT');
    expect(body.error.message).toMatch(message);
    expect((await getJson(`${h.url}/_sim/faults`)).body.faults).toEqual([]);
  });
});

describe('GET /_sim/log', () => {
  it('lists recent vendor requests with status, timing and faults', async () => {
    await rawGet(`${h.url}/api/data`);
    await addFault({ type: 'reset' });
    await rawGet(`${h.url}/api/data`);
    const { body } = await getJson(`${h.url}/_sim/log`);
    expect(body.requests.map((r: { status: number | null }) => r.status)).toEqual([200, null]);
    expect(body.requests[1]).toMatchObject({ method: 'GET', url: '/api/data', faults: ['f1'] });
  });
});
