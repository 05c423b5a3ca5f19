/**
 * Zero on the meter over real HTTP: the control code of clients/control driving a client `Battery` against an
 * in-process emulator on a manual clock, scored per minute as test/control/zero-on-meter-day.ts scores the
 * in-process plant. Shared by test/clients/zero-on-meter-http.test.ts and bench/clients-day.ts.
 *
 * Each 5 s the test advances the emulator's clock in process (the runner; the same as POST /_sim/clock/advance
 * without its round trip) and the runner ticks the controller, whose reads and command all go over HTTP:
 * Sessy: GET /_sim/state (the site's grid power: the dongle measures none), GET power/status, POST setpoint;
 * Homevolt: GET /ems.json (grid CT, power, limits) and POST console.json (sched_set), read back on a type change.
 * Scoring reads the emulator's own meters in process: a minute passes when its mean grid power is within
 * ±toleranceW; it is excluded when at some sample (every cadence) the net demand lay outside the battery's limits.
 */
import { createRunner, createZeroOnMeterController } from '../../clients/control/index.ts';
import { createHomevoltBattery, createHomevoltClient } from '../../clients/homevolt/index.ts';
import { createSessyBattery, createSessyClient } from '../../clients/sessy/index.ts';
import { createKeepAliveFetch } from '../../clients/shared/keep-alive-fetch.ts';
import type { FetchResponseLike } from '../../clients/shared/transport.ts';
import { createSimGridMeter } from '../../clients/shared/sim-grid-meter.ts';
import type { Battery, ReadsGridPower } from '../../clients/battery.ts';
import { DEFAULT_START_MS } from '../../simulator/core/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

export interface HttpDayOptions {
  readonly device: 'sessy' | 'homevolt';
  /** Simulated length [s]; default one day. */
  readonly durationS?: number;
  /** Start this long after the core's default start (2026-06-01T00:00Z) [s]; default 0. */
  readonly startOffsetS?: number;
  /** Control runs this long before scoring starts [s], for the take-over (Sessy: standby to running takes up to 60 s); default 0. */
  readonly warmupS?: number;
  readonly cadenceMs?: number;
  readonly seed?: number;
  readonly toleranceW?: number;
  /** Resend an unchanged command only after this long [ms of simulated time]; default 0 (always). */
  readonly resendAfterMs?: number;
  /** The clients' transport: the global fetch (default) or the keep-alive one on undici's pool (clients/shared/keep-alive-fetch.ts). */
  readonly transport?: 'fetch' | 'keep-alive';
}

export interface HttpDayResult {
  readonly minutes: number;
  readonly minutesAtLimit: number;
  readonly minutesWithinTolerance: number;
  readonly shareWithinTolerance: number;
  readonly controlSteps: number;
  readonly errors: number;
  readonly requests: number;
  readonly finalSoc: number;
}

export async function runZeroOnMeterOverHttp(options: HttpDayOptions): Promise<HttpDayResult> {
  const toleranceW = options.toleranceW ?? 50;
  const durationS = options.durationS ?? 86_400;
  const cadenceMs = options.cadenceMs ?? 5000;
  const seed = options.seed ?? 42;
  const startMs = DEFAULT_START_MS + (options.startOffsetS ?? 0) * 1000;
  let requests = 0;
  const keepAlive = options.transport === 'keep-alive' ? createKeepAliveFetch() : undefined;
  const countingFetch = (input: string, init: RequestInit): Promise<FetchResponseLike> => {
    requests++;
    return keepAlive ? keepAlive(input, init) : fetch(input, init);
  };
  let emulator: RunningEmulator;
  let battery: Battery;
  let meter: ReadsGridPower;
  if (options.device === 'sessy') {
    emulator = await startSessy({ seed, startMs, site: { initialSoc: 0.5 } });
    const client = createSessyClient({ baseUrl: emulator.url, credentials: emulator.credentials, fetch: countingFetch });
    battery = createSessyBattery({ client, clock: emulator.clock, resendAfterMs: options.resendAfterMs ?? 0 });
    meter = createSimGridMeter({ baseUrl: emulator.url, fetch: countingFetch });
  } else {
    emulator = await startHomevolt({ seed, startMs, initialSoc: 0.5 });
    const client = createHomevoltClient({ baseUrl: emulator.url, credentials: emulator.credentials, fetch: countingFetch });
    const hv = createHomevoltBattery({ client, clock: emulator.clock, resendAfterMs: options.resendAfterMs ?? 0 });
    battery = hv;
    meter = hv;
  }
  try {
    const controller = createZeroOnMeterController({ meter, battery });
    let errors = 0;
    const runner = createRunner({ clock: emulator.clock, cadenceMs, task: (nowMs) => controller.step(nowMs), onError: () => errors++ });
    const site = emulator.device.site;
    const gridNetWh = (): number => site.meters.registers.grid.importWh - site.meters.registers.grid.exportWh;
    const stepsPerMinute = Math.max(1, Math.round(60_000 / cadenceMs));
    let minutes = 0;
    let minutesAtLimit = 0;
    let minutesWithin = 0;
    await runner.tick();
    for (let t = 0; t < (options.warmupS ?? 0) * 1000; t += cadenceMs) {
      emulator.runner.advance(cadenceMs / 1000);
      await runner.tick();
    }
    for (let minute = 0; minute < durationS / 60; minute++) {
      const beforeWh = gridNetWh();
      let atLimit = false;
      for (let s = 0; s < stepsPerMinute; s++) {
        emulator.runner.advance(cadenceMs / 1000);
        const snap = site.snapshot();
        const demandW = snap.loadW - snap.pvW;
        atLimit ||= demandW - toleranceW > snap.dischargeLimitW || demandW + toleranceW < -snap.chargeLimitW;
        await runner.tick();
      }
      const meanW = ((gridNetWh() - beforeWh) * 3600) / 60;
      minutes++;
      if (atLimit) minutesAtLimit++;
      else if (Math.abs(meanW) <= toleranceW) minutesWithin++;
    }
    const free = minutes - minutesAtLimit;
    return {
      minutes,
      minutesAtLimit,
      minutesWithinTolerance: minutesWithin,
      shareWithinTolerance: free > 0 ? minutesWithin / free : 1,
      controlSteps: runner.runs,
      errors,
      requests,
      finalSoc: site.snapshot().socFraction,
    };
  } finally {
    await battery.releaseControl().catch(() => undefined);
    keepAlive?.close();
    await emulator.close();
  }
}
