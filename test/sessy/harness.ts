/** Builds a Sessy app on a manual clock for inject() tests: no port, no wall time. */
import { createSessyDevice, type FirmwareVersion, type SessyDevice } from '../../simulator/devices/sessy/index.ts';
import type { SiteOptions } from '../../simulator/core/index.ts';
import { buildSessyApp } from '../../simulator/http/sessy/index.ts';
import { createSimulationHost } from '../../simulator/runtime/simulation-host.ts';
import { sleep } from '../../simulator/runtime/sleep.ts';

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
  const authorization = credentials ? `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}` : undefined;
  const headers = authorization ? { authorization } : {};
  return {
    app,
    device,
    runner,
    clock,
    control,
    credentials,
    authorization,
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload?: string) => app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, ...(payload !== undefined ? { payload } : {}) }),
    json: async (url: string) => JSON.parse((await app.inject({ method: 'GET', url, headers })).body) as Record<string, any>,
    /** Advances simulated time through the control plane, as a test client would. */
    advance: async (seconds: number) => {
      const r = await app.inject({ method: 'POST', url: '/_sim/clock/advance', payload: { seconds } });
      if (r.statusCode !== 200) throw new Error(`advance failed: ${r.statusCode} ${r.body}`);
    },
    simState: async () => JSON.parse((await app.inject({ method: 'GET', url: '/_sim/state' })).body) as Record<string, any>,
  };
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
