/** Builds a Sessy app on a manual clock for inject() tests: no port, no wall time. */
import { createSessyDevice, type FirmwareVersion, type SessyDevice } from '../../simulator/devices/sessy/index.ts';
import type { SiteOptions } from '../../simulator/core/index.ts';
import { buildSessyApp } from '../../simulator/http/sessy/index.ts';
import { createSimulationHost } from '../../simulator/runtime/simulation-host.ts';
import { sleep } from '../../simulator/runtime/sleep.ts';
import { createInjectClient } from '../support/inject-client.ts';

export interface HarnessOptions {
  readonly firmware?: FirmwareVersion;
  readonly noAuth?: boolean;
  readonly serial?: string;
  readonly site?: Omit<SiteOptions, 'seed' | 'startMs'>;
  readonly startMs?: number;
}

export async function createHarness(options: HarnessOptions = {}) {
  const createDevice = (): SessyDevice =>
    createSessyDevice({
      site: { ...options.site, seed: 42, ...(options.startMs !== undefined ? { startMs: options.startMs } : {}) },
      firmware: options.firmware ?? '1.11.11',
      ...(options.serial !== undefined ? { serial: options.serial } : {}),
    });
  const { clock, runner, control, access } = createSimulationHost({ createDevice, speed: 'manual', host: '127.0.0.1' });
  const device = runner.device as SessyDevice;
  const credentials = options.noAuth ? null : { user: device.identity.dongleSerial, password: device.identity.password };
  const app = await buildSessyApp({ runner, credentials, control, access, sleep });
  return { app, device, runner, clock, control, credentials, ...createInjectClient(app, credentials) };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Advances time in 30 s steps with a status poll after each, as a client (HA polls every 5 s) would. */
export async function pollFor(h: Harness, seconds: number): Promise<void> {
  for (let left = seconds; left > 0; left -= 30) {
    await h.advance(Math.min(30, left));
    await h.get('/api/v1/power/status');
  }
}

/** Puts the device in API mode with a setpoint and lets it pass standby and the safe-situation wait, polling. */
export async function runApi(h: Harness, setpointW: number, seconds = 90): Promise<void> {
  await h.post('/api/v1/power/active_strategy', '{"strategy":"POWER_STRATEGY_API"}');
  const r = await h.post('/api/v1/power/setpoint', JSON.stringify({ setpoint: setpointW }));
  if (r.statusCode !== 200) throw new Error(r.body);
  await pollFor(h, seconds);
}
