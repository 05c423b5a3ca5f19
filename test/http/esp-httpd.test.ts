/**
 * Issue 19: what ESP-IDF's server does before any firmware code runs, over real loopback sockets (inject() has no
 * parser): methods its parser does not know, broken requests, a client that stops sending, pipelining.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHomevoltDevice } from '../../simulator/devices/homevolt/index.ts';
import { createSessyDevice, type SessyDevice } from '../../simulator/devices/sessy/index.ts';
import { buildHomevoltApp } from '../../simulator/http/homevolt/index.ts';
import { buildSessyApp } from '../../simulator/http/sessy/index.ts';
import { createDeviceRunner } from '../../simulator/engine/device-runner.ts';
import { createSimulationHost } from '../../simulator/runtime/simulation-host.ts';
import { createManualSimClock } from '../../simulator/engine/sim-clock.ts';
import { sleep } from '../../simulator/runtime/sleep.ts';
import { IDLE_CONNECTION_TIMEOUT_MS } from '../../simulator/http/shared/esp-httpd.ts';
import { exchange } from '../support/raw-http.ts';

/** A short receive timeout, so that a stalled client is answered quickly; the device's own is 5 s. */
const RECV_TIMEOUT_MS = 150;

let sessy: FastifyInstance;
let homevolt: FastifyInstance;
let sessyPort: number;
let homevoltPort: number;
let sessyAuth: string;

beforeAll(async () => {
  const { runner, control, access } = createSimulationHost({ createDevice: () => createSessyDevice({ site: { seed: 42 }, firmware: '1.11.11' }), speed: 'manual', host: '127.0.0.1' });
  const device = runner.device as SessyDevice;
  const credentials = { user: device.identity.dongleSerial, password: device.identity.password };
  sessyAuth = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
  sessy = await buildSessyApp({ runner, credentials, control, access, sleep, recvTimeoutMs: RECV_TIMEOUT_MS });
  await sessy.listen({ host: '127.0.0.1', port: 0 });
  sessyPort = (sessy.server.address() as { port: number }).port;
  const hv = createHomevoltDevice({});
  homevolt = await buildHomevoltApp({ runner: createDeviceRunner(hv, createManualSimClock(hv.site.now())), password: null, recvTimeoutMs: RECV_TIMEOUT_MS });
  await homevolt.listen({ host: '127.0.0.1', port: 0 });
  homevoltPort = (homevolt.server.address() as { port: number }).port;
});
afterAll(async () => {
  await sessy.close();
  await homevolt.close();
});

const port = (device: 'sessy' | 'homevolt'): number => (device === 'sessy' ? sessyPort : homevoltPort);

describe.each(['sessy', 'homevolt'] as const)('%s: requests ESP-IDF\'s parser refuses', (device) => {
  it.each([
    ['a method no parser knows', 'FOO /ping HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['QUERY, which ESP-IDF\'s parser does not know', 'QUERY /ping HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nx'],
    ['a header without a colon', 'GET /ping HTTP/1.1\r\nHost x\r\n\r\n'],
    ['a non-numeric Content-Length', 'POST /ping HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    ['CONNECT', 'CONNECT /ping HTTP/1.1\r\nHost: x\r\n\r\n'],
  ])('answers %s with 400 "Bad request syntax" as text/html and closes', async (_name, bytes) => {
    const r = await exchange(port(device), bytes);
    expect(r.statuses).toEqual([400]);
    expect(r.text).toMatch(/Content-Type: text\/html/i);
    expect(r.text.endsWith('\r\n\r\nBad request syntax')).toBe(true);
  });

  it('answers an HTTP/0.9 request line with 505, as verify_url does for a version that is not 1.x', async () => {
    const r = await exchange(port(device), 'GET /ping\r\n\r\n');
    expect(r.text).toMatch(/^HTTP\/1\.1 505 Version Not Supported/);
    expect(r.text.endsWith('HTTP version not supported by server')).toBe(true);
  });

  it('answers header fields beyond the parser\'s buffer with 431', async () => {
    const r = await exchange(port(device), `GET /ping HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(r.statuses).toEqual([431]);
    expect(r.text.endsWith('Header fields are too long')).toBe(true);
  });

  it('answers a body that stops arriving with 408 after the receive timeout and closes the socket', async () => {
    const r = await exchange(port(device), (s) => s.write('POST /params.json HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nk=a'));
    expect(r.statuses).toEqual([408]);
    expect(r.text.endsWith('Server closed this connection')).toBe(true);
  });

  it('answers a head that stops arriving with 408', async () => {
    const r = await exchange(port(device), (s) => s.write('GET /ping HTTP/1.1\r\nHost: x\r\n'));
    expect(r.statuses).toEqual([408]);
  });
});

describe('pipelining', () => {
  it('sends the answers owed to the requests before a malformed one, in order, then the 400', async () => {
    const get = 'GET /api/v1/power/status HTTP/1.1\r\nHost: x\r\n\r\n';
    const r = await exchange(sessyPort, `${get}GET /ping HTTP/1.1\r\nHost: x\r\n\r\n${get}GARBAGE\r\n\r\n`);
    expect(r.statuses).toEqual([200, 200, 200, 400]);
    expect(r.text).toContain('pong');
  });

  it('keeps the order when the answer before the garbage is not ready at once (an authenticated POST)', async () => {
    const body = '{"strategy":"POWER_STRATEGY_IDLE"}';
    const post = `POST /api/v1/power/active_strategy HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const r = await exchange(sessyPort, `${post}\u0001\u0002 garbage\r\n\r\n`);
    expect(r.statuses).toEqual([200, 400]);
  });

  it('handles no request pipelined behind an answer that closes the connection, as ESP-IDF closes the socket', async () => {
    const body = '{"strategy":"POWER_STRATEGY_IDLE"}';
    const before = (await sessy.inject({ method: 'GET', url: '/api/v1/power/active_strategy', headers: { authorization: sessyAuth } })).body;
    const post = `POST /api/v1/power/active_strategy HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const r = await exchange(sessyPort, `PUT /api/v1/ota/status HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nContent-Length: 2\r\n\r\nxx${post}`);
    expect(r.statuses).toEqual([405]);
    expect((await sessy.inject({ method: 'GET', url: '/api/v1/power/active_strategy', headers: { authorization: sessyAuth } })).body).toBe(before);
  });

  it('keeps one close listener per socket, however many bodies a keep-alive client sends (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    const body = '{"strategy":"POWER_STRATEGY_IDLE"}';
    const post = (close: boolean): string => `POST /api/v1/power/active_strategy HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nContent-Length: ${body.length}\r\n${close ? 'Connection: close\r\n' : ''}\r\n${body}`;
    const r = await exchange(sessyPort, `${Array.from({ length: 14 }, () => post(false)).join('')}${post(true)}`);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(r.statuses).toEqual(Array.from({ length: 15 }, () => 200));
    expect(warnings).toEqual([]);
  });

  it('handles no request Node parses after an answer closed the connection (fuzz seed 1 case 45663: a setpoint behind a 405)', async () => {
    const strategy = await sessy.inject({ method: 'POST', url: '/api/v1/power/active_strategy', headers: { authorization: sessyAuth }, payload: { strategy: 'POWER_STRATEGY_API' } });
    expect(strategy.statusCode).toBe(200);
    const setpointW = async (): Promise<string | undefined> => /"apiSetpointW":(-?\d+)/.exec((await sessy.inject({ method: 'GET', url: '/_sim/state' })).body)?.[1];
    const before = await setpointW();
    expect(before).toBe('0');
    const get = 'GET /api/v1/power/setpoint HTTP/1.1\r\nHost: x\r\nContent-Type: ~T $k1:%\r\nContent-Length: 9\r\n\r\n{"":true}';
    const body = '{"setpoint":-2991}';
    const post = `POST /api/v1/power/setpoint HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
    const r = await exchange(sessyPort, get + post);
    expect(r.statuses).toEqual([405]);
    expect(await setpointW()).toBe(before);
  });

  it('answers Homevolt requests before the garbage too', async () => {
    const r = await exchange(homevoltPort, 'GET /status.json HTTP/1.1\r\nHost: x\r\n\r\nGET /ems.json HTTP/1.1\r\nHost: x\r\n\r\nNOT HTTP\r\n\r\n');
    expect(r.statuses).toEqual([200, 200, 400]);
  });
});

describe.each(['sessy', 'homevolt'] as const)('%s: a kept-alive connection', (device) => {
  it('gets no Keep-Alive header with its answers, as ESP-IDF sets no idle timeout to announce', async () => {
    const path = device === 'sessy' ? '/api/v1/power/status' : '/status.json';
    const r = await exchange(port(device), `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\nGET /bad HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(r.statuses[0]).toBe(200);
    expect(r.text).not.toMatch(/^Keep-Alive:/im);
  });
});

describe('an idle connection', () => {
  it('is closed after the idle timeout, so that a client leaking connections cannot grow the emulator without end', async () => {
    const { runner, control, access } = createSimulationHost({ createDevice: () => createSessyDevice({ site: { seed: 42 } }), speed: 'manual', host: '127.0.0.1' });
    const app = await buildSessyApp({ runner, credentials: null, control, access, sleep, idleTimeoutMs: 200 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const r = await exchange((app.server.address() as { port: number }).port, 'GET /api/v1/power/status HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(r.statuses).toEqual([200]);
    } finally {
      await app.close();
    }
  });

  it('does not include an event stream, silent while a manual clock stands still', async () => {
    const { runner, control, access } = createSimulationHost({ createDevice: () => createSessyDevice({ site: { seed: 42 } }), speed: 'manual', host: '127.0.0.1' });
    const app = await buildSessyApp({ runner, credentials: null, control, access, sleep, idleTimeoutMs: 100 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const socket = connect({ host: '127.0.0.1', port: (app.server.address() as { port: number }).port });
    try {
      let closed = false;
      socket.on('close', () => (closed = true));
      await new Promise<void>((resolve) => {
        socket.once('data', () => resolve());
        socket.write('GET /_sim/events HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      await sleep(400);
      expect(closed).toBe(false);
    } finally {
      socket.destroy();
      await app.close();
    }
  });

  it('is kept for ten minutes by default, far beyond any client\'s keep-alive', () => {
    expect(sessy.server.timeout).toBe(IDLE_CONNECTION_TIMEOUT_MS);
    expect(homevolt.server.timeout).toBe(IDLE_CONNECTION_TIMEOUT_MS);
    expect(IDLE_CONNECTION_TIMEOUT_MS).toBe(600_000);
  });
});

describe('the receive-timeout watch of a body', () => {
  it('ends when the body is in, not at the socket\'s next request: until then it holds the request and its answer', async () => {
    const started = vi.spyOn(globalThis, 'setTimeout');
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    const socket = connect({ host: '127.0.0.1', port: sessyPort });
    try {
      const body = '{"strategy":"POWER_STRATEGY_IDLE"}';
      // A kept-alive connection that sends nothing more after its answer, as a dongle between two NOM posts.
      const answer = await new Promise<string>((resolve, reject) => {
        socket.once('error', reject);
        socket.once('data', (d) => resolve(d.toString('latin1')));
        socket.write(`POST /api/v1/power/active_strategy HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      const watches = started.mock.calls.flatMap((call, i) => (call[1] === RECV_TIMEOUT_MS ? [started.mock.results[i]!.value] : []));
      expect(watches).toHaveLength(1);
      expect(cleared.mock.calls.map((call) => call[0])).toContain(watches[0]);
    } finally {
      started.mockRestore();
      cleared.mockRestore();
      socket.destroy();
    }
  });
});
