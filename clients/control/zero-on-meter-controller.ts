/**
 * The thin async side of zero on the meter: read the meter and the battery through the capability interfaces,
 * take one pure step, send the command. No timers: a runner (runner.ts) or a test decides when to step.
 */
import type { AcceptsPowerSetpoint, ReadsGridPower, ReadsLimits, ReadsPower } from '../battery.ts';
import { requireReading } from './errors.ts';
import {
  buildZeroOnMeterParams,
  createZeroOnMeterState,
  stepZeroOnMeter,
  type ZeroOnMeterParams,
  type ZeroOnMeterState,
  type ZeroOnMeterStep,
} from './zero-on-meter.ts';

/** The battery capabilities zero on the meter needs. */
export type ZeroOnMeterBattery = AcceptsPowerSetpoint & ReadsLimits & ReadsPower;

export interface ZeroOnMeterControllerOptions {
  /** The meter at the grid connection: a P1 meter or Homevolt's grid CT. */
  readonly meter: ReadsGridPower;
  readonly battery: ZeroOnMeterBattery;
  readonly params?: Partial<ZeroOnMeterParams>;
}

/** What one step read and sent, for logging and tests. */
export interface ZeroOnMeterReport extends ZeroOnMeterStep {
  readonly gridW: number;
  readonly batteryW: number;
}

export interface ZeroOnMeterController {
  readonly params: ZeroOnMeterParams;
  readonly state: ZeroOnMeterState;
  /** Reads, steps and commands once at `nowMs` [epoch ms]. A failed read sends nothing and keeps the state. */
  step(nowMs: number): Promise<ZeroOnMeterReport>;
  /** Forgets the integrator, e.g. after the device's own strategy had control. */
  reset(): void;
}

export function createZeroOnMeterController(options: ZeroOnMeterControllerOptions): ZeroOnMeterController {
  const params = buildZeroOnMeterParams(options.params);
  const { meter, battery } = options;
  let state = createZeroOnMeterState();
  return {
    params,
    get state() {
      return state;
    },
    async step(nowMs) {
      // One request at a time: the meter and the battery are often the same small embedded server.
      const gridW = requireReading('the grid meter', await meter.readGridPowerW());
      const batteryW = requireReading('the battery power', await battery.readPowerW());
      const limits = await battery.readLimits();
      requireReading('the charge limit', limits.chargeW);
      requireReading('the discharge limit', limits.dischargeW);
      const next = stepZeroOnMeter(params, state, { nowMs, gridW, batteryW, limits });
      await battery.commandPowerW(next.commandW);
      state = next.state;
      return { ...next, gridW, batteryW };
    },
    reset() {
      state = createZeroOnMeterState();
    },
  };
}
