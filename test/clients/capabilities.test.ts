/**
 * The capability types (clients/battery.ts) as the device clients implement them, checked against the device
 * models behind real emulators: what a client reads through them is the model's state, and what it commands
 * reaches the model. The emulators run on manual clocks; the clients' caches are off so every read goes to the wire.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Battery, ReadsGridPower } from '../../clients/battery.ts';
import { createHomevoltBattery, createHomevoltClient } from '../../clients/homevolt/index.ts';
import { createSessyBattery, createSessyClient } from '../../clients/sessy/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

let running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((e) => e.close()));
  running = [];
});

async function sessyBattery(): Promise<{ emulator: RunningEmulator; battery: Battery }> {
  const emulator = await startSessy();
  running.push(emulator);
  const client = createSessyClient({ baseUrl: emulator.url, credentials: emulator.credentials });
  return { emulator, battery: createSessyBattery({ client, statusMaxAgeMs: 0, settingsMaxAgeMs: 0 }) satisfies Battery };
}

async function homevoltBattery(): Promise<{ emulator: RunningEmulator; battery: Battery & ReadsGridPower }> {
  const emulator = await startHomevolt();
  running.push(emulator);
  const client = createHomevoltClient({ baseUrl: emulator.url, credentials: emulator.credentials });
  return { emulator, battery: createHomevoltBattery({ client, emsMaxAgeMs: 0 }) satisfies Battery & ReadsGridPower };
}

describe.each([
  ['Sessy', sessyBattery],
  ['Homevolt', homevoltBattery],
] as const)('a %s client as a Battery', (_name, make) => {
  it('reads the model’s state of charge', async () => {
    const { emulator, battery } = await make();
    for (const soc of [0.05, 0.37, 0.93]) {
      emulator.control.setState({ soc });
      expect(await battery.readSoc()).toBeCloseTo(emulator.device.site.snapshot().socFraction, 2);
    }
  });

  it('sends a charge command that the model follows, and reads the model’s power (+ = discharge)', async () => {
    const { emulator, battery } = await make();
    emulator.control.setState({ soc: 0.5 });
    await battery.commandPowerW(-800);
    emulator.control.advance(120); // a Sessy waits about a minute in its safe state before it runs
    const modelW = emulator.device.site.snapshot().batteryW;
    expect(modelW).toBeLessThan(-600);
    expect(await battery.readPowerW()).toBeCloseTo(modelW, -1);
    await battery.commandPowerW(600);
    emulator.control.advance(60);
    expect(emulator.device.site.snapshot().batteryW).toBeGreaterThan(400);
    await battery.releaseControl();
  });

  it('reads limits no larger than the model’s, and none for a full battery’s charge', async () => {
    const { emulator, battery } = await make();
    emulator.control.setState({ soc: 0.5 });
    const model = emulator.device.site.snapshot();
    const limits = await battery.readLimits();
    expect(limits.chargeW).toBeGreaterThan(0);
    expect(limits.dischargeW).toBeGreaterThan(0);
    expect(limits.chargeW).toBeLessThanOrEqual(Math.max(model.chargeLimitW, 2200) + 1);
    expect(limits.dischargeW).toBeLessThanOrEqual(model.dischargeLimitW + 1);
    emulator.control.setState({ soc: 1 });
    expect((await battery.readLimits()).chargeW).toBe(0);
  });
});

describe('releasing control', () => {
  it('hands a Sessy back to the strategy it had (NOM)', async () => {
    const { emulator, battery } = await sessyBattery();
    await battery.commandPowerW(-500);
    expect(await createSessyClient({ baseUrl: emulator.url, credentials: emulator.credentials }).getActiveStrategy()).toBe('POWER_STRATEGY_API');
    await battery.releaseControl();
    expect(await createSessyClient({ baseUrl: emulator.url, credentials: emulator.credentials }).getActiveStrategy()).toBe('POWER_STRATEGY_NOM');
  });

  it('takes a Homevolt out of the local mode it turned on', async () => {
    const { emulator, battery } = await homevoltBattery();
    await battery.commandPowerW(-500);
    const client = createHomevoltClient({ baseUrl: emulator.url, credentials: emulator.credentials });
    expect((await client.getSchedule()).local_mode).toBe(true);
    await battery.releaseControl();
    expect((await client.getSchedule()).local_mode).toBe(false);
  });
});

describe('a Homevolt client as a grid meter (ReadsGridPower)', () => {
  it('reads the model’s grid power, + = import', async () => {
    const { emulator, battery } = await homevoltBattery();
    emulator.control.setState({ loadW: 2500, pvW: 0 });
    emulator.control.advance(5);
    const gridW = emulator.device.site.snapshot().gridW;
    expect(gridW).toBeGreaterThan(1000);
    expect(await battery.readGridPowerW()).toBeCloseTo(gridW, -2);
  });
});
