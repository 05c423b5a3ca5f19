/**
 * The clients and the simulator's device models satisfy the same capability types (clients/battery.ts). The
 * models are synchronous and act on the site directly, so thin adapters in the test put them behind the async
 * interfaces; the check is at compile time (`satisfies`) and the adapters are exercised once.
 */
import { describe, expect, it } from 'vitest';
import type { Battery, ReadsGridPower } from '../../clients/battery.ts';
import { createHomevoltBattery, createHomevoltClient } from '../../clients/homevolt/index.ts';
import { createSessyBattery, createSessyClient } from '../../clients/sessy/index.ts';
import type { SimulatedDevice } from '../../simulator/devices/simulated-device.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

function modelAsBattery(device: SimulatedDevice) {
  let commandW = 0;
  return {
    readSoc: async () => device.site.snapshot().socFraction,
    readPowerW: async () => device.site.snapshot().batteryW,
    readLimits: async () => {
      const s = device.site.snapshot();
      return { chargeW: s.chargeLimitW, dischargeW: s.dischargeLimitW };
    },
    commandPowerW: async (w: number) => {
      commandW = w;
      device.setExternalSetpoint?.(commandW);
    },
    releaseControl: async () => {
      commandW = 0;
    },
    readGridPowerW: async () => device.site.snapshot().gridW,
  } satisfies Battery & ReadsGridPower;
}

describe('capability types', () => {
  it('are met by both clients and both device models', async () => {
    const sessy = await startSessy();
    const homevolt = await startHomevolt();
    try {
      const clients = [
        createSessyBattery({ client: createSessyClient({ baseUrl: sessy.url, credentials: sessy.credentials }) }) satisfies Battery,
        createHomevoltBattery({ client: createHomevoltClient({ baseUrl: homevolt.url, credentials: homevolt.credentials }) }) satisfies Battery & ReadsGridPower,
      ];
      const models = [modelAsBattery(sessy.device), modelAsBattery(homevolt.device)];
      for (const battery of [...clients, ...models]) {
        const soc = await battery.readSoc();
        expect(soc).toBeGreaterThanOrEqual(0);
        expect(soc).toBeLessThanOrEqual(1);
        const limits = await battery.readLimits();
        expect(limits.chargeW).toBeGreaterThanOrEqual(0);
        expect(limits.dischargeW).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(await battery.readPowerW())).toBe(true);
      }
      // Commands reach the devices and hand back.
      for (const battery of clients) {
        await battery.commandPowerW(-500);
        await battery.releaseControl();
      }
      expect(await createSessyClient({ baseUrl: sessy.url, credentials: sessy.credentials }).getActiveStrategy()).toBe('POWER_STRATEGY_NOM');
      expect((await createHomevoltClient({ baseUrl: homevolt.url, credentials: null }).getSchedule()).local_mode).toBe(false);
    } finally {
      await sessy.close();
      await homevolt.close();
    }
  });
});
