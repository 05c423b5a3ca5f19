/**
 * Issue 19: the recorder in front of an emulator never hangs a client and never lets through what the device's
 * own server would not handle: a body that never comes is timed out by the device and its 408 passed on, a
 * connection whose request body was not all read closes after its answer, and nothing pipelined behind an answer
 * that closes the connection reaches the device.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHomevolt, startSessy } from '../../simulator/index.ts';
import { startRecorder, type RunningRecorder } from '../../simulator/replay/index.ts';
import { exchange } from '../support/raw-http.ts';

/** The emulators' receive timeout, short so that a stalled body is timed out quickly [ms]. */
const RECV_TIMEOUT_MS = 150;

let sessy: Awaited<ReturnType<typeof startSessy>>;
let homevolt: Awaited<ReturnType<typeof startHomevolt>>;
let sessyRecorder: RunningRecorder;
let homevoltRecorder: RunningRecorder;
let sessyAuth: string;
const portOf = (r: RunningRecorder): number => Number(new URL(r.url).port);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'battsim-recorder-connections-'));
  sessy = await startSessy({ seed: 7, recvTimeoutMs: RECV_TIMEOUT_MS });
  homevolt = await startHomevolt({ seed: 7, recvTimeoutMs: RECV_TIMEOUT_MS });
  // The recorder's own timeout is far longer than the device's: what the client sees must be the device's 408.
  sessyRecorder = await startRecorder({ target: sessy.url, out: join(dir, 'sessy.har'), timeoutMs: 5000 });
  homevoltRecorder = await startRecorder({ target: homevolt.url, out: join(dir, 'homevolt.har'), timeoutMs: 5000 });
  sessyAuth = `Basic ${Buffer.from(`${sessy.credentials!.user}:${sessy.credentials!.password}`).toString('base64')}`;
});
afterAll(async () => {
  await sessyRecorder.close();
  await homevoltRecorder.close();
  await sessy.close();
  await homevolt.close();
});

describe('issue 19: a body that never comes, through the recorder', () => {
  it.each([
    ['with no byte of it', ''],
    ['with part of it', '{"strategy":'],
  ])("that the device waits for, %s, is timed out by the device, and the device's 408 is passed on", async (_name, part) => {
    const r = await exchange(portOf(sessyRecorder), `POST /api/v1/power/active_strategy HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nContent-Length: 40\r\n\r\n${part}`);
    expect(r.statuses).toEqual([408]);
    expect(r.text).toContain('Server closed this connection');
  });

  it("that the device does not wait for gets the device's answer, and the connection closes after it", async () => {
    const r = await exchange(portOf(homevoltRecorder), 'GET /status.json HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n');
    expect(r.statuses).toEqual([200]);
    expect(r.text).toMatch(/\r\nConnection: close\r\n/i);
  });
});

describe('issue 19: pipelining through the recorder', () => {
  const strategy = async (): Promise<string> => JSON.stringify(await (await fetch(`${sessy.url}/api/v1/power/active_strategy`, { headers: { authorization: sessyAuth } })).json());

  it('sends nothing pipelined behind an answer that closes the connection to the device', async () => {
    const before = await strategy();
    const body = before.includes('POWER_STRATEGY_IDLE') ? '{"strategy":"POWER_STRATEGY_API"}' : '{"strategy":"POWER_STRATEGY_IDLE"}';
    const post = `POST /api/v1/power/active_strategy HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    // PUT on a GET-only URI: 405, after which the device closes its socket.
    const r = await exchange(portOf(sessyRecorder), `PUT /api/v1/ota/status HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nContent-Length: 2\r\n\r\nxx${post}`);
    expect(r.statuses).toEqual([405]);
    expect(await strategy()).toBe(before);
  });

  it('answers the requests of a keep-alive connection in order, each after the one before', async () => {
    const get = 'GET /api/v1/power/status HTTP/1.1\r\nHost: x\r\nAuthorization: ' + sessyAuth + '\r\n\r\n';
    const r = await exchange(portOf(sessyRecorder), `${get}GET /ping HTTP/1.1\r\nHost: x\r\n\r\n${get.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n')}`);
    expect(r.statuses).toEqual([200, 200, 200]);
    expect(r.text.indexOf('pong')).toBeGreaterThan(r.text.indexOf('HTTP/1.1 200'));
  });
});

describe('issue 19: CONNECT through the recorder', () => {
  it('comes after the answers owed to the requests before it, then a 400 and the close (fuzz seed 1 case 35117)', async () => {
    const r = await exchange(portOf(sessyRecorder), `GET /api/v1/power/status HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\n\r\nCONNECT /_sim/state HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(r.statuses).toEqual([200, 400]);
  });
});

describe('issue 19: bytes the recorder cannot parse behind a pipelined request', () => {
  it('come after the answer owed to the request before them, which reached the device (fuzz seed 1 case 19022)', async () => {
    const body = '{"strategy":"POWER_STRATEGY_IDLE"}';
    const r = await exchange(portOf(sessyRecorder), `POST /api/v1/power/active_strategy HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nContent-Length: ${body.length}\r\n\r\n${body}NOT AN HTTP REQUEST\r\n\r\n`);
    expect(r.statuses).toEqual([200, 400]);
    expect(sessy.device.strategy()).toBe('POWER_STRATEGY_IDLE');
  });
});

describe('issue 19: a parse error inside a body, through the recorder', () => {
  it('ends the connection with a 400 instead of holding it for a body that cannot come (fuzz seed 1, Transfer-Encoding cases)', async () => {
    const r = await exchange(portOf(sessyRecorder), `POST /api/v1/power/active_strategy HTTP/1.1\r\nHost: x\r\nAuthorization: ${sessyAuth}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"str\r\nzz\r\n`);
    expect(r.statuses.at(-1)).toBe(400);
  });
});
