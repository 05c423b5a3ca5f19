/**
 * Devices of one kind in a process are served by one app behind a server each (runtime/device-apps.ts): every
 * request must reach the device whose port it came to, with that device's credentials, faults, log, control plane
 * and model, and a device that stops must leave the others serving.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessyDevice } from '../../simulator/devices/sessy/index.ts';
import type { SessyMeterDevice } from '../../simulator/devices/sessy-meter/index.ts';
import { startSessy, startSessyMeter } from '../../simulator/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { sessyAppFor, sessyMeterAppFor } from '../../simulator/runtime/device-apps.ts';
import { bindingLookup } from '../../simulator/http/shared/device-binding.ts';
import type { IncomingMessage } from 'node:http';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function sessy(seed: number): Promise<RunningEmulator<SessyDevice>> {
  const e = await startSessy({ seed, speed: 'manual' });
  running.push(e);
  return e;
}

const basic = (e: RunningEmulator): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${e.credentials!.user}:${e.credentials!.password}`).toString('base64')}` });
const getJson = async (e: RunningEmulator, path: string, headers = basic(e)): Promise<{ status: number; body: any }> => {
  const r = await fetch(`${e.url}${path}`, { headers });
  const text = await r.text();
  return { status: r.status, body: text.startsWith('{') ? JSON.parse(text) : text };
};

describe('dongles of one kind in a process', () => {
  it('share one app, and a dongle of another firmware gets its own', async () => {
    const kind = { controlPlane: true, inSite: false };
    expect(await sessyAppFor('1.11.11', kind)).toBe(await sessyAppFor('1.11.11', kind));
    expect(await sessyAppFor('1.9.2', kind)).not.toBe(await sessyAppFor('1.11.11', kind));
    expect(await sessyAppFor('1.11.11', { controlPlane: false, inSite: false })).not.toBe(await sessyAppFor('1.11.11', kind));
    expect(await sessyMeterAppFor('p1', kind)).toBe(await sessyMeterAppFor('p1', kind));
    // Fastify's own logger (true) is another app than none (false); so is each logger configuration.
    expect(await sessyAppFor('1.11.11', kind, true)).not.toBe(await sessyAppFor('1.11.11', kind, false));
    const logger = { level: 'info' as const, stream: { write: () => undefined }, timestamp: () => '' };
    expect(await sessyAppFor('1.11.11', kind, logger)).toBe(await sessyAppFor('1.11.11', kind, logger));
    expect(await sessyAppFor('1.11.11', kind, logger)).not.toBe(await sessyAppFor('1.11.11', kind, { ...logger }));
  });

  it('answer each request as the dongle whose port it reached, with that dongle’s credentials', async () => {
    const [a, b] = [await sessy(1), await sessy(2)];
    expect(a.credentials!.user).not.toBe(b.credentials!.user);
    expect((await getJson(a, '/api/v1/system/info')).body.self_serial).toBe(a.credentials!.user);
    expect((await getJson(b, '/api/v1/system/info')).body.self_serial).toBe(b.credentials!.user);
    // One dongle's password does not open the other.
    expect((await getJson(b, '/api/v1/system/info', basic(a))).status).toBe(401);
    expect((await getJson(a, '/api/v1/system/info', basic(b))).status).toBe(401);
  });

  it('keep their own model, faults, request log and control plane', async () => {
    const [a, b] = [await sessy(1), await sessy(2)];
    const fault = await fetch(`${a.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'error', status: 500 }) });
    expect(fault.status).toBe(201);
    expect((await getJson(a, '/api/v1/power/status')).status).toBe(500);
    expect((await getJson(b, '/api/v1/power/status')).status).toBe(200);
    const setState = await fetch(`${b.url}/_sim/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ soc: 0.2 }) });
    expect(setState.status).toBe(200);
    expect(b.device.site.snapshot().socFraction).toBeCloseTo(0.2, 6);
    expect(a.device.site.snapshot().socFraction).not.toBeCloseTo(0.2, 6);
    expect((await getJson(a, '/_sim/state', {})).body.soc).not.toBeCloseTo(0.2, 6);
    expect(a.control.log.entries().map((e) => e.status)).toEqual([500]);
    expect(b.control.log.entries().map((e) => e.status)).toEqual([200]);
  });

  it('leave the others serving when one stops', async () => {
    const [a, b] = [await sessy(1), await sessy(2)];
    expect((await getJson(a, '/_sim/clock', {})).status).toBe(200);
    await a.close();
    running.splice(running.indexOf(a), 1);
    await expect(fetch(`${a.url}/api/v1/power/status`)).rejects.toThrow();
    expect((await getJson(b, '/api/v1/power/status')).status).toBe(200);
    expect((await getJson(b, '/_sim/clock', {})).status).toBe(200);
  });

  it('serve a meter beside dongles, each on its own port', async () => {
    const a = await sessy(1);
    const meter = (await startSessyMeter({ seed: 1, speed: 'manual' })) as RunningEmulator<SessyMeterDevice>;
    running.push(meter);
    expect((await getJson(meter, '/api/v2/p1/details')).status).toBe(200);
    expect((await getJson(a, '/api/v2/p1/details')).status).toBe(404);
    expect((await getJson(meter, '/api/v1/power/status')).status).toBe(404);
  });
});

describe('an app serving many devices', () => {
  it('refuses a request no device server marked, naming the wiring error', () => {
    const lookup = bindingLookup<object>(undefined);
    expect(() => lookup({} as IncomingMessage)).toThrow(/did not come through a device server/);
    const one = {};
    expect(bindingLookup(one)({} as IncomingMessage)).toBe(one);
  });
});
