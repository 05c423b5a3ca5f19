/**
 * Every client error type, produced by the emulators' real behaviour (wrong credentials, the lockout, a setpoint
 * outside API, local mode off, old firmware) or by a real fault through the simulation control (/_sim/faults),
 * never by a mock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHomevoltClient, HOMEVOLT_CLIENT_ERROR_CODES, HomevoltClientError, setScheduleVerified } from '../../clients/homevolt/index.ts';
import { createSessyClient, SESSY_CLIENT_ERROR_CODES } from '../../clients/sessy/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});
async function track(emulator: Promise<RunningEmulator>): Promise<RunningEmulator> {
  const e = await emulator;
  running.push(e);
  return e;
}
/** Adds a fault through the simulation control, as a test client would; the emulator must accept it. */
async function addFault(url: string, fault: object): Promise<void> {
  const response = await fetch(`${url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  expect(response.status).toBe(201);
}
async function caught(promise: Promise<unknown>): Promise<{ code: string; kind: string; jsonPath?: string; deviceMessage?: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a rejection');
}

describe('the error catalogues', () => {
  it('keep stable, unique codes with one prefix per area', () => {
    expect(SESSY_CLIENT_ERROR_CODES).toEqual([
      'SESSY_CLIENT_ERR_AUTH_FAILED',
      'SESSY_CLIENT_ERR_DEVICE',
      'SESSY_CLIENT_ERR_NOT_API_STRATEGY',
      'SESSY_CLIENT_ERR_TIMEOUT',
      'SESSY_CLIENT_ERR_CONNECTION_DROPPED',
      'SESSY_CLIENT_ERR_PROTOCOL',
      'SESSY_CLIENT_ERR_BAD_ARGUMENT',
    ]);
    expect(HOMEVOLT_CLIENT_ERROR_CODES).toEqual([
      'HOMEVOLT_CLIENT_ERR_AUTH_FAILED',
      'HOMEVOLT_CLIENT_ERR_LOCKED_OUT',
      'HOMEVOLT_CLIENT_ERR_DEVICE',
      'HOMEVOLT_CLIENT_ERR_COMMAND_FAILED',
      'HOMEVOLT_CLIENT_ERR_NOT_LOCAL_MODE',
      'HOMEVOLT_CLIENT_ERR_VERIFY_FAILED',
      'HOMEVOLT_CLIENT_ERR_TIMEOUT',
      'HOMEVOLT_CLIENT_ERR_CONNECTION_DROPPED',
      'HOMEVOLT_CLIENT_ERR_PROTOCOL',
      'HOMEVOLT_CLIENT_ERR_BAD_ARGUMENT',
    ]);
  });
  it('reject unknown options by name', () => {
    expect(() => createSessyClient({ baseUrl: 'http://x', credentials: null, retry: 1 } as never)).toThrow(/option "retry" is unknown/);
    expect(() => createHomevoltClient({ baseUrl: 'nope', credentials: null })).toThrow(HomevoltClientError);
  });
});

describe('Sessy client errors from the emulator', () => {
  it('fails authentication with wrong credentials', async () => {
    const e = await track(startSessy());
    const client = createSessyClient({ baseUrl: e.url, credentials: { user: 'WRONG', password: 'WRONG' } });
    expect(await caught(client.getActiveStrategy())).toMatchObject({ code: 'SESSY_CLIENT_ERR_AUTH_FAILED', kind: 'auth', status: 401 });
  });
  it('refuses a setpoint while the strategy is not API, carrying the firmware text', async () => {
    const e = await track(startSessy());
    const client = createSessyClient({ baseUrl: e.url, credentials: e.credentials });
    const error = await caught(client.setPowerSetpoint(500));
    expect(error).toMatchObject({ code: 'SESSY_CLIENT_ERR_NOT_API_STRATEGY', kind: 'not-in-control', status: 400 });
    expect(error.deviceMessage).toContain("The 'open mode' is not set as the active power strategy");
  });
  it('carries the device message of a 404 on a removed endpoint', async () => {
    const e = await track(startSessy());
    const client = createSessyClient({ baseUrl: e.url, credentials: e.credentials });
    expect(await caught(client.getDynamicScheduleV1())).toMatchObject({ code: 'SESSY_CLIENT_ERR_DEVICE', status: 404, deviceMessage: 'Nothing matches the given URI' });
  });
  it('names the JSON path when a drifted firmware leaves out a field the spec requires', async () => {
    const e = await track(startSessy());
    const client = createSessyClient({ baseUrl: e.url, credentials: e.credentials, retries: 0 });
    await addFault(e.url, { type: 'json-edit', remove: ['sessy.power'], scope: { path: '/api/v1/power/status', count: 1 } });
    expect(await caught(client.getPowerStatus())).toMatchObject({ code: 'SESSY_CLIENT_ERR_PROTOCOL', kind: 'protocol', jsonPath: '$.sessy.power' });
  });
  it('reads a 1.7.2 dongle, which predates external_power, pack_voltage, inverter_current_ma and strategy_overridden', async () => {
    const e = await track(startSessy({ firmware: '1.7.2' }));
    const status = await createSessyClient({ baseUrl: e.url, credentials: e.credentials }).getPowerStatus();
    expect(status).toMatchObject({ externalPowerW: null, packVoltageV: null, inverterCurrentA: null, strategyOverridden: null });
    expect(status.socFraction).toBeGreaterThan(0);
  });
  it('turns an injected 500 into a device error, and retries a read through a single one', async () => {
    const e = await track(startSessy());
    const client = createSessyClient({ baseUrl: e.url, credentials: e.credentials, retryDelayMs: 0 });
    await addFault(e.url, { type: 'error', status: 500, scope: { path: '/api/v1/power/setpoint', count: 1 } });
    expect(await caught(client.setPowerSetpoint(100))).toMatchObject({ code: 'SESSY_CLIENT_ERR_DEVICE', status: 500 });
    await addFault(e.url, { type: 'error', status: 500, scope: { path: '/api/v1/power/status', count: 1 } });
    expect((await client.getPowerStatus()).socFraction).toBeGreaterThan(0);
  });
  it('times out on injected latency', async () => {
    const e = await track(startSessy());
    const client = createSessyClient({ baseUrl: e.url, credentials: e.credentials, timeoutMs: 100, retries: 0 });
    await addFault(e.url, { type: 'latency', latency: { distribution: 'fixed', ms: 400 }, scope: { path: '/api/v1/power/status', count: 1 } });
    expect(await caught(client.getPowerStatus())).toMatchObject({ code: 'SESSY_CLIENT_ERR_TIMEOUT', kind: 'timeout' });
  });
  it.each([
    ['a reset', { type: 'reset' }],
    ['a truncated body', { type: 'truncate', keepFraction: 0.5 }],
  ])('reports a dropped connection on %s, and never retries a POST', async (_name, fault) => {
    const e = await track(startSessy());
    const client = createSessyClient({ baseUrl: e.url, credentials: e.credentials, retries: 0 });
    await addFault(e.url, { ...fault, scope: { path: '/api/v1/power/active_strategy', count: 1 } });
    expect(await caught(client.setActiveStrategy('POWER_STRATEGY_API'))).toMatchObject({ code: 'SESSY_CLIENT_ERR_CONNECTION_DROPPED', kind: 'connection', attempts: 1 });
  });
});

describe('Homevolt client errors from the emulator', () => {
  it('fails authentication, then locks out after five failures (429 with Retry-After)', async () => {
    const e = await track(startHomevolt({ password: 'secret' }));
    const client = createHomevoltClient({ baseUrl: e.url, credentials: { user: 'admin', password: 'wrong' } });
    expect(await caught(client.getStatus())).toMatchObject({ code: 'HOMEVOLT_CLIENT_ERR_AUTH_FAILED', kind: 'auth', status: 401 });
    for (let i = 0; i < 4; i++) await caught(client.getStatus());
    const lockout = await caught(client.getStatus());
    expect(lockout).toMatchObject({ code: 'HOMEVOLT_CLIENT_ERR_LOCKED_OUT', kind: 'lockout', status: 429 });
    expect((lockout as HomevoltClientError).retryAfterS).toBeGreaterThan(0);
  });
  it('refuses a schedule command while settings_local is off, and reports a failing command with its text', async () => {
    const e = await track(startHomevolt());
    const client = createHomevoltClient({ baseUrl: e.url, credentials: e.credentials });
    expect(await caught(client.runCommand('sched_set 2 --setpoint=1000'))).toMatchObject({ code: 'HOMEVOLT_CLIENT_ERR_NOT_LOCAL_MODE', kind: 'not-in-control' });
    await client.setParam('settings_local', true);
    expect(await caught(client.runCommand('sched_set 3'))).toMatchObject({ code: 'HOMEVOLT_CLIENT_ERR_COMMAND_FAILED', deviceMessage: 'Missing power setpoint' });
  });
  it('reports a failed read-back when the firmware stores idle instead', async () => {
    const e = await track(startHomevolt({ scheduleTypes: [0, 1, 2, 6, 7] }));
    const client = createHomevoltClient({ baseUrl: e.url, credentials: e.credentials });
    await client.setParam('settings_local', true);
    expect(await caught(setScheduleVerified(client, { type: 3, setpointW: 0 }))).toMatchObject({ code: 'HOMEVOLT_CLIENT_ERR_VERIFY_FAILED', kind: 'verify' });
    expect((await setScheduleVerified(client, { type: 2, setpointW: 800 }))?.schedule[0]).toMatchObject({ type: 2, params: { setpoint: 800 } });
  });
  it('carries the device text of a 404', async () => {
    const e = await track(startHomevolt());
    const client = createHomevoltClient({ baseUrl: e.url, credentials: e.credentials });
    expect(await caught(client.getCt(99))).toMatchObject({ code: 'HOMEVOLT_CLIENT_ERR_DEVICE', status: 404 });
  });
  it.each([
    ['timeout', { type: 'latency', latency: { distribution: 'fixed', ms: 400 } }, 'HOMEVOLT_CLIENT_ERR_TIMEOUT'],
    ['reset', { type: 'reset' }, 'HOMEVOLT_CLIENT_ERR_CONNECTION_DROPPED'],
    ['error 503', { type: 'unavailable' }, 'HOMEVOLT_CLIENT_ERR_DEVICE'],
  ])('turns an injected %s into its error', async (_name, fault, code) => {
    const e = await track(startHomevolt());
    const client = createHomevoltClient({ baseUrl: e.url, credentials: e.credentials, timeoutMs: 100, retries: 0 });
    await addFault(e.url, { ...fault, scope: { path: '/ems.json', count: 1 } });
    expect(await caught(client.getEms())).toMatchObject({ code });
  });
});
