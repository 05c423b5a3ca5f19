/** Builds a meter app on a manual clock for inject() tests: no port, no wall time. */
import type { SiteOptions } from '../../simulator/core/index.ts';
import { createSessyMeterDevice, type GridSource, type MeterVariant, type SessyMeterDevice } from '../../simulator/devices/sessy-meter/index.ts';
import { buildSessyMeterApp } from '../../simulator/http/sessy-meter/index.ts';
import { createSimulationHost } from '../../simulator/runtime/simulation-host.ts';
import { sleep } from '../../simulator/runtime/sleep.ts';
import { createInjectClient } from '../support/inject-client.ts';

export interface MeterHarnessOptions {
  readonly variant?: MeterVariant;
  readonly noAuth?: boolean;
  readonly site?: Omit<SiteOptions, 'seed' | 'startMs'>;
  readonly startMs?: number;
  readonly gridSource?: GridSource;
  readonly forgetAfterS?: number;
}

export async function createMeterHarness(options: MeterHarnessOptions = {}) {
  const createDevice = (): SessyMeterDevice =>
    createSessyMeterDevice({
      variant: options.variant ?? 'p1',
      site: { ...options.site, seed: 42, ...(options.startMs !== undefined ? { startMs: options.startMs } : {}) },
      ...(options.gridSource ? { gridSource: options.gridSource } : {}),
      ...(options.forgetAfterS !== undefined ? { forgetAfterS: options.forgetAfterS } : {}),
    });
  const { clock, runner, control, access } = createSimulationHost({ createDevice, speed: 'manual', host: '127.0.0.1' });
  const device = (): SessyMeterDevice => runner.device as SessyMeterDevice;
  const credentials = options.noAuth ? null : { user: device().identity.serial, password: device().identity.password };
  const app = await buildSessyMeterApp({ runner, credentials, control, access, sleep });
  return { app, device, runner, clock, control, credentials, ...createInjectClient(app, credentials) };
}

export type MeterHarness = Awaited<ReturnType<typeof createMeterHarness>>;

/** A dongle's NOM report body, with overrides. */
export function nomBody(id: string, over: Record<string, unknown> = {}): string {
  return JSON.stringify({ unique_id: id, state_of_charge: 0.5, sessy_power_w: 0, safety_state: 'SYSTEM_STATE_RUNNING_SAFE', min_power_w: 50, max_charge_power_w: 2200, max_discharge_power_w: 1700, overridden: false, gcl_data: null, ac_voltage_mv: 230000, override_power_w: 0, ...over });
}

/** A grid source a test sets by hand: per-phase power and voltage, energy integrated over the meter's steps. */
export function createManualGridSource(initial: { powerW: [number, number, number]; voltageV?: [number, number, number] }) {
  const state = { powerW: initial.powerW, voltageV: initial.voltageV ?? [230, 230, 230], lastMs: undefined as number | undefined };
  const phaseWh = [0, 1, 2].map(() => ({ importWh: 0, exportWh: 0 }));
  const total = { importWh: 0, exportWh: 0 };
  const source: GridSource = {
    readGrid(tMs) {
      if (state.lastMs !== undefined && tMs > state.lastMs) {
        const h = (tMs - state.lastMs) / 3_600_000;
        state.powerW.forEach((p, i) => (p > 0 ? (phaseWh[i]!.importWh += p * h) : (phaseWh[i]!.exportWh -= p * h)));
        const net = state.powerW[0] + state.powerW[1] + state.powerW[2];
        if (net > 0) total.importWh += net * h;
        else total.exportWh -= net * h;
      }
      state.lastMs = tMs;
      const phase = (i: number) => ({ voltageV: state.voltageV[i]!, powerW: state.powerW[i]!, importWh: phaseWh[i]!.importWh, exportWh: phaseWh[i]!.exportWh });
      return { phases: [phase(0), phase(1), phase(2)], importWh: total.importWh, exportWh: total.exportWh };
    },
  };
  return { source, set: (powerW: [number, number, number]) => (state.powerW = powerW) };
}
