import { afterEach, describe, expect, it } from 'vitest';
import { createSessyMeterDevice, METER_ERROR_CODES, MeterError, meterAdvertisement, type SessyMeterDevice } from '../../simulator/devices/sessy-meter/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { RuntimeError } from '../../simulator/runtime/errors.ts';
import { describeSessyMeter, startSessyMeter } from '../../simulator/index.ts';
import { createManualGridSource } from './harness.ts';

let running: RunningEmulator<SessyMeterDevice> | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const basic = (e: RunningEmulator) => `Basic ${Buffer.from(`${e.credentials!.user}:${e.credentials!.password}`).toString('base64')}`;

describe('startSessyMeter', () => {
  it('listens on port 0 and answers over real HTTP with seed-derived credentials (P1 by default)', async () => {
    running = await startSessyMeter();
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.credentials?.user).toMatch(/^P[0-9A-Z]{7}$/);
    expect((await fetch(`${running.url}/api/v2/p1/details`)).status).toBe(401);
    expect((await fetch(`${running.url}/api/v2/p1/details`, { headers: { authorization: basic(running) } })).status).toBe(200);
    expect(describeSessyMeter(running)).toContain('P1 meter');
    expect(describeSessyMeter(running)).toContain(running.credentials!.password);
  });

  it('starts a CT meter with a C serial', async () => {
    running = await startSessyMeter({ variant: 'ct', seed: 3 });
    expect(running.credentials?.user).toMatch(/^C[0-9A-Z]{7}$/);
    expect((await fetch(`${running.url}/api/v1/ct/details`, { headers: { authorization: basic(running) } })).status).toBe(200);
  });

  it('reads an injected grid source instead of its own household', async () => {
    const grid = createManualGridSource({ powerW: [1234, 0, 0] });
    running = await startSessyMeter({ gridSource: grid.source, noAuth: true });
    running.control.advance(10);
    const body = (await (await fetch(`${running.url}/api/v2/p1/details`)).json()) as Record<string, number>;
    expect(body.power_total).toBe(1234);
    grid.set([-500, 0, 0]);
    running.control.advance(1);
    const after = (await (await fetch(`${running.url}/api/v2/p1/details`)).json()) as Record<string, number>;
    expect(after.power_total).toBe(-500);
    expect(after.power_produced).toBe(500);
  });

  it('keeps the forgetting timeout it is given', async () => {
    running = await startSessyMeter({ forgetAfterS: 90 });
    expect(running.device.forgetAfterS).toBe(90);
  });

  it.each([
    [{ variant: 'gas' }, /variant/],
    [{ port: -1 }, /port/],
    [{ bogus: 1 }, /bogus/],
    [{ gridSource: {} }, /gridSource/],
    [{ user: 'a b' }, /user/],
  ])('refuses bad options %j with a message naming them', async (options, message) => {
    await expect(startSessyMeter(options as never)).rejects.toThrow(message);
    await expect(startSessyMeter(options as never)).rejects.toBeInstanceOf(RuntimeError);
  });
});

describe('createSessyMeterDevice', () => {
  it.each([
    [{ forgetAfterS: 0 }, /forgetAfterS/],
    [{ optimalPowerW: -1 }, /optimalPowerW/],
    [{ nope: true }, /nope/],
  ])('refuses %j with METER_ERR_BAD_OPTION', (options, message) => {
    expect(() => createSessyMeterDevice(options as never)).toThrow(message);
    try {
      createSessyMeterDevice(options as never);
    } catch (e) {
      expect((e as MeterError).code).toBe('METER_ERR_BAD_OPTION');
    }
  });

  it('has a catalogue of stable codes', () => {
    expect(Object.keys(METER_ERROR_CODES)).toEqual(['METER_ERR_BAD_OPTION', 'METER_ERR_BAD_CONTROL']);
  });
});

describe('meterAdvertisement (docs/sessy.md §1.3)', () => {
  it('is the fixed host sessy-meter on _http._tcp, TXT serial then device', () => {
    expect(meterAdvertisement('p1', 'PABCDEFG', 80)).toEqual({ instanceName: 'sessy-meter', hostname: 'sessy-meter', serviceType: 'http', protocol: 'tcp', port: 80, txt: { serial: 'PABCDEFG', device: 'Sessy P1 Meter' } });
  });

  it('says CT in the device name of a CT meter (Homey filters on it)', () => {
    expect(meterAdvertisement('ct', 'CABCDEFG', 80).txt.device).toContain('CT');
  });
});
