/** Reading a Sessy home's grid power from its meter, as control code on hardware must (docs/sessy.md §6). */
import { afterEach, describe, expect, it } from 'vitest';
import { sessy } from '../../clients/index.ts';
import { startSessyMeter, type SessyMeterDevice } from '../../simulator/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { createManualGridSource } from '../sessy-meter/harness.ts';

let meter: RunningEmulator<SessyMeterDevice> | undefined;
afterEach(async () => {
  await meter?.close();
  meter = undefined;
});

describe('createSessyMeterGrid', () => {
  it.each(['p1', 'ct'] as const)('reads the grid power of a %s meter in W, + = import, with /_sim/ switched off', async (variant) => {
    const grid = createManualGridSource({ powerW: [900, -200, 0] });
    meter = await startSessyMeter({ variant, gridSource: grid.source, control: false });
    meter.runner.advance(10);
    const reader = sessy.createSessyMeterGrid({ baseUrl: meter.url, credentials: meter.credentials, variant });
    expect(await reader.readGridPowerW()).toBe(700);
    grid.set([0, 0, -1500]);
    meter.runner.advance(1);
    expect(await reader.readGridPowerW()).toBe(-1500);
  });

  it('fails with a message naming the credentials on a 401', async () => {
    meter = await startSessyMeter();
    const reader = sessy.createSessyMeterGrid({ baseUrl: meter.url, credentials: null });
    await expect(reader.readGridPowerW()).rejects.toThrow(/401.*serial and sticker code/);
  });

  it('refuses a P1 without a telegram rather than reading its zeros as 0 W', async () => {
    meter = await startSessyMeter();
    const reader = sessy.createSessyMeterGrid({ baseUrl: meter.url, credentials: meter.credentials });
    await expect(reader.readGridPowerW()).rejects.toThrow(/P1_NOT_CONNECTED/);
  });

  it('fails on a device that is not that meter', async () => {
    meter = await startSessyMeter({ variant: 'ct', noAuth: true });
    meter.runner.advance(10);
    const reader = sessy.createSessyMeterGrid({ baseUrl: meter.url, credentials: null, variant: 'p1' });
    await expect(reader.readGridPowerW()).rejects.toThrow(/answered 404 without a numeric power_total/);
  });
});
