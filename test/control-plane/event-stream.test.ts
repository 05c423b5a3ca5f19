/**
 * Issue 19 item 3: /_sim/events respects the socket's backpressure (one held event per client, the latest),
 * thins with ?everyS=N, and disconnects a client too slow for too long with a final event saying why.
 * The simulated clock and the wall clock of the stall limit are both driven by hand.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSseClient, type SseSink } from '../../simulator/http/control/sse-client.ts';
import { getJson, postJson, startHarness, type Harness } from '../support/control-harness.ts';

/** A sink that takes writes until `full`, then pushes back until `drain()`. */
function fakeSink() {
  const written: string[] = [];
  let drainListener: (() => void) | null = null;
  const sink = {
    full: false,
    ended: null as string | null,
    written,
    write(text: string) {
      written.push(text);
      return !sink.full;
    },
    end(text: string) {
      sink.ended = text;
    },
    onceDrain(listener: () => void) {
      drainListener = listener;
    },
    drain() {
      sink.full = false;
      const l = drainListener;
      drainListener = null;
      l?.();
    },
  };
  return sink satisfies SseSink;
}

const tick = (tS: number) => () => `t${tS}`;

describe('an SSE client', () => {
  const options = (wall: { ms: number }, everyS = 1) => ({ everyS, stallLimitMs: 30_000, wallNowMs: () => wall.ms, onClosed: () => {} });

  it('is sent every simulated second while its socket takes them', () => {
    const sink = fakeSink();
    const client = createSseClient(sink, 0, options({ ms: 0 }));
    for (let s = 1; s <= 3; s++) client.offer(s * 1000, tick(s));
    expect(sink.written).toEqual(['t1', 't2', 't3']);
  });

  it('with everyS=60 is sent one event per 60 simulated seconds, on the minute', () => {
    const sink = fakeSink();
    const client = createSseClient(sink, 30_000, options({ ms: 0 }, 60));
    for (let s = 31; s <= 200; s++) client.offer(s * 1000, tick(s));
    expect(sink.written).toEqual(['t60', 't120', 't180']);
  });

  it('holds only the latest event while the socket pushes back, and sends it at drain', () => {
    const sink = fakeSink();
    const client = createSseClient(sink, 0, options({ ms: 0 }));
    sink.full = true;
    client.offer(1000, tick(1)); // written, but the socket says "no more"
    const rendered: number[] = [];
    for (let s = 2; s <= 500; s++) {
      client.offer(s * 1000, () => {
        rendered.push(s);
        return `t${s}`;
      });
    }
    expect(sink.written).toEqual(['t1']);
    expect(rendered).toEqual([]); // held events are not even rendered until they go out
    expect(client.dropped).toBe(498);
    sink.drain();
    expect(sink.written).toEqual(['t1', 't500']);
    expect(rendered).toEqual([500]);
    client.offer(501_000, tick(501));
    expect(sink.written.at(-1)).toBe('t501');
  });

  it('is disconnected with a final event saying why once, while behind, it took less than one event per wall second', () => {
    const sink = fakeSink();
    const wall = { ms: 0 };
    let closed = 0;
    const client = createSseClient(sink, 0, { ...options(wall), onClosed: () => void closed++ });
    sink.full = true;
    client.offer(1000, tick(1)); // pushes back: behind from wall 0
    wall.ms = 30_000;
    client.offer(2000, tick(2));
    expect(sink.ended).toBeNull(); // exactly at the limit: still connected
    wall.ms = 30_001;
    client.offer(3000, tick(3));
    expect(sink.ended).toMatch(/^event: disconnect\ndata: \{"reason":"slow-client","message":"Closed the event stream: the client has been behind for 30001 ms \(the limit is 30000 ms\) and took 0 events/);
    expect(JSON.parse(sink.ended!.split('data: ')[1]!)).toMatchObject({ reason: 'slow-client', dropped: 1 });
    expect(closed).toBe(1);
    client.offer(4000, tick(4));
    sink.drain();
    expect(sink.written).toEqual(['t1']);
    expect(client.closed).toBe(true);
  });

  it('is disconnected when drains take one event now and then but it never catches up (a client that never reads)', () => {
    const sink = fakeSink();
    const wall = { ms: 0 };
    const client = createSseClient(sink, 0, options(wall));
    for (let s = 1; s <= 200 && !client.closed; s += 2) {
      sink.full = true;
      client.offer(s * 1000, tick(s)); // pushes back
      client.offer((s + 1) * 1000, tick(s + 1)); // held
      wall.ms += 5000;
      sink.drain(); // takes the held event: two events per 5 s
    }
    expect(client.closed).toBe(true);
    expect(sink.ended).toMatch(/took \d+ events in that time, fewer than one per second/);
  });

  it('stays connected while it reads, however many events it must skip to keep up', () => {
    const sink = fakeSink();
    const wall = { ms: 0 };
    const client = createSseClient(sink, 0, options(wall));
    let t = 0;
    for (let round = 0; round < 600; round++) {
      // A scaled clock at speed 1000: 200 simulated seconds per 200 ms tick, more than the socket takes at once.
      for (let i = 0; i < 200; i++) {
        t += 1000;
        client.offer(t, tick(t / 1000));
        if (i === 50) sink.full = true;
      }
      wall.ms += 200;
      sink.drain();
    }
    expect(client.closed).toBe(false);
    expect(client.dropped).toBeGreaterThan(600 * 100);
  });

  it('starts anew once it has caught up', () => {
    const sink = fakeSink();
    const wall = { ms: 0 };
    const client = createSseClient(sink, 0, options(wall));
    for (let s = 1; s <= 10; s++) {
      sink.full = true;
      client.offer(s * 1000, tick(s));
      wall.ms += 40_000; // each stall lasts 40 s, but a drain finds nothing held: it caught up
      sink.drain();
    }
    expect(client.closed).toBe(false);
    expect(sink.written).toHaveLength(10);
  });
});

describe('GET /_sim/events', () => {
  let h: Harness | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await h?.close();
    h = undefined;
  });

  /** Opens the stream on a raw socket whose reading the test controls. */
  const open = async (query = ''): Promise<{ socket: Socket; text: () => string; ended: Promise<void> }> => {
    const { port } = new URL(h!.url);
    const socket = connect(Number(port), '127.0.0.1');
    sockets.push(socket);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    const ended = new Promise<void>((resolve) => socket.once('end', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET /_sim/events${query} HTTP/1.1\r\nHost: x\r\n\r\n`);
    while (!text.includes('\n\n', text.indexOf('\r\n\r\n') + 4)) await new Promise((r) => socket.once('data', r));
    return { socket, text: () => text, ended };
  };
  const events = (text: string, name = 'state'): string[] => text.split('\n\n').filter((b) => b.includes(`event: ${name}\n`));

  it('?everyS=60 sends one event per 60 simulated seconds', async () => {
    h = await startHarness();
    const stream = await open('?everyS=60');
    await postJson(`${h.url}/_sim/clock/advance`, { seconds: 180 });
    await getJson(`${h.url}/_sim/clock`); // a round trip after the advance: its events are on the wire
    await new Promise((r) => setImmediate(r));
    while (events(stream.text()).length < 4) await new Promise((r) => stream.socket.once('data', r));
    const times = events(stream.text()).map((e) => Number(/^id: (\d+)/m.exec(e)![1]));
    expect(times.slice(1).map((t) => t - times[0]!)).toEqual([60_000, 120_000, 180_000]);
  });

  it.each(['0', '-1', 'abc', '86401', '1e3', '', 'Infinity', '0.5'])('answers 400 to everyS=%j in the control plane format', async (value) => {
    h = await startHarness();
    const { status, body } = await getJson(`${h.url}/_sim/events?everyS=${encodeURIComponent(value)}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('SIM_ERR_INVALID_PARAMETER');
    expect(body.error.message).toMatch(/"everyS" must be a number of simulated seconds from 1 to 86400/);
  });

  it('answers 400 to a repeated everyS and to an unknown parameter', async () => {
    h = await startHarness();
    expect((await getJson(`${h.url}/_sim/events?everyS=1&everyS=2`)).body.error.message).toMatch(/"everyS" must be a number/);
    expect((await getJson(`${h.url}/_sim/events?every=60`)).body.error.message).toMatch(/unknown query parameter "every"/);
  });

  it('drops what a client that never reads cannot take, and disconnects it with a final event saying why', async () => {
    const wall = { ms: 0 };
    h = await startHarness({ sseStallLimitMs: 30_000, wallNowMs: () => wall.ms });
    const stream = await open();
    stream.socket.pause(); // never reads: the kernel's buffers fill, then the server's socket pushes back
    const advancedS = 60_000;
    for (let s = 0; s < advancedS; s += 5000) {
      await postJson(`${h.url}/_sim/clock/advance`, { seconds: 5000 });
      wall.ms += 100_000; // as if each 5,000 simulated seconds took 100 s of wall time (speed 50)
    }
    stream.socket.resume();
    await stream.ended;
    const received = events(stream.text());
    // Ignoring backpressure would deliver all 60,001 seconds; respecting it delivers what the buffers held.
    expect(received.length).toBeLessThan(advancedS / 2);
    const [last] = events(stream.text(), 'disconnect');
    expect(JSON.parse(last!.split('data: ')[1]!)).toMatchObject({ reason: 'slow-client' });
    const text = stream.text();
    expect(text.indexOf('event: state', text.indexOf('event: disconnect'))).toBe(-1); // nothing after it
  });
});
