/** The clients' HTTP edge on its own: timeouts per attempt, retries for reads only, one request at a time. */
import { describe, expect, it } from 'vitest';
import { createTransport, TransportFailure, type FetchLike, type FetchResponseLike } from '../../clients/shared/transport.ts';

const answer = (status: number, text: string): FetchResponseLike => ({
  status,
  ok: status >= 200 && status < 300,
  headers: { get: () => null },
  text: async () => text,
  json: async () => JSON.parse(text) as unknown,
  arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
});

/** A fetch whose first `hangs` calls never answer (they end only when aborted); later calls answer 200 "ok". */
function scriptedFetch(hangs: number) {
  const calls = { started: 0, aborted: 0 };
  const fetchFn: FetchLike = (_url, init) => {
    calls.started++;
    if (calls.started > hangs) return Promise.resolve(answer(200, 'ok'));
    return new Promise((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => {
        calls.aborted++;
        reject(new Error('aborted'));
      });
    });
  };
  return { fetchFn, calls };
}

describe('createTransport', () => {
  it('aborts an attempt that gets no answer within timeoutMs, and retries a read', async () => {
    const { fetchFn, calls } = scriptedFetch(2);
    const transport = createTransport({ baseUrl: 'http://device', fetch: fetchFn, timeoutMs: 20, retries: 2, retryDelayMs: 1 });
    const response = await transport.send({ method: 'GET', path: '/ems.json', idempotent: true });
    expect([response.status, response.text, response.attempts]).toEqual([200, 'ok', 3]);
    expect(calls).toEqual({ started: 3, aborted: 2 });
  });

  it('sends a command once: a timed-out POST is a timeout, not a second command', async () => {
    const { fetchFn, calls } = scriptedFetch(1);
    const transport = createTransport({ baseUrl: 'http://device', fetch: fetchFn, timeoutMs: 20, retries: 2, retryDelayMs: 1 });
    const failure = await transport.send({ method: 'POST', path: '/console.json', body: 'cmd=sched_clear', idempotent: false }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransportFailure);
    expect([(failure as TransportFailure).kind, (failure as TransportFailure).attempts]).toEqual(['timeout', 1]);
    expect(calls).toEqual({ started: 1, aborted: 1 });
  });

  it('times out requests in flight together, each after its own timeout, and spares the answers that came in time', async () => {
    const { fetchFn, calls } = scriptedFetch(2);
    const transport = createTransport({ baseUrl: 'http://device', fetch: fetchFn, timeoutMs: 30, retries: 0, maxConcurrent: 3 });
    const outcomes = await Promise.all(
      ['/a', '/b', '/c'].map((path) =>
        transport.send({ method: 'GET', path, idempotent: true }).then(
          (r) => r.text,
          (e: TransportFailure) => e.kind,
        ),
      ),
    );
    expect(outcomes).toEqual(['timeout', 'timeout', 'ok']);
    expect(calls.aborted).toBe(2);
    // A fast answer after timed-out ones is not cut short by a timer left from them.
    expect((await transport.send({ method: 'GET', path: '/d', idempotent: true })).text).toBe('ok');
  });

  it('recycles one abort signal over attempts that do not overlap, retires it after 64, and never reuses an aborted one', async () => {
    const signals: AbortSignal[] = [];
    let hang = false;
    const fetchFn: FetchLike = (_url, init) => {
      signals.push(init.signal!);
      if (!hang) return Promise.resolve(answer(200, 'ok'));
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    };
    const transport = createTransport({ baseUrl: 'http://device', fetch: fetchFn, timeoutMs: 20, retries: 0 });
    for (let i = 0; i < 200; i++) await transport.send({ method: 'GET', path: '/ems.json', idempotent: true });
    // Creating a controller costs a tenth of a loopback request; undici lets go of its listeners only at GC.
    expect(new Set(signals).size).toBe(Math.ceil(200 / 64));
    hang = true;
    await transport.send({ method: 'GET', path: '/ems.json', idempotent: true }).catch(() => undefined);
    const timedOut = signals.at(-1)!;
    expect(timedOut.aborted).toBe(true);
    hang = false;
    await transport.send({ method: 'GET', path: '/ems.json', idempotent: true });
    expect(signals.at(-1)!.aborted).toBe(false);
    expect(signals.at(-1)).not.toBe(timedOut);
  });

  it('gives attempts in flight together signals of their own', async () => {
    const signals: AbortSignal[] = [];
    const fetchFn: FetchLike = async (_url, init) => {
      signals.push(init.signal!);
      await new Promise((resolve) => setImmediate(resolve));
      return answer(200, 'ok');
    };
    const transport = createTransport({ baseUrl: 'http://device', fetch: fetchFn, maxConcurrent: 3 });
    await Promise.all(['/a', '/b', '/c'].map((path) => transport.send({ method: 'GET', path, idempotent: true })));
    expect(new Set(signals).size).toBe(3);
  });
});
