/**
 * A simulated day of zero on the meter against the in-process plant, scored per minute. Shared by the test
 * and the bench (bench/control-day.ts), and meant to be repeated over HTTP against the emulators.
 *
 * Scoring: a minute passes when the mean grid power over it, taken from the grid meter's import and export
 * registers (what a P1 meter bills), lies within ±toleranceW. A minute is excluded when at any sub-step the
 * house's net demand (load − PV) lay outside what the battery could answer within the tolerance, i.e. the
 * battery was at a limit (full, empty, or at its rated power); that is where docs/physics.md §4.5 expects the
 * remainder on the meter.
 */
import { createRunner, createZeroOnMeterController, type ZeroOnMeterParams } from '../../clients/control/index.ts';
import { DEFAULT_START_MS, type DeviceKind } from '../../simulator/core/index.ts';
import { createCorePlant } from './core-plant.ts';

export interface DayOptions {
  readonly device: DeviceKind;
  /** Control cadence [ms]. */
  readonly cadenceMs: number;
  readonly seed?: number;
  /** Simulated length [s]; default one day. */
  readonly durationS?: number;
  readonly params?: Partial<ZeroOnMeterParams>;
  /** Leave the battery idle: the baseline for the bench. */
  readonly idle?: boolean;
  readonly toleranceW?: number;
}

export interface DayResult {
  readonly minutes: number;
  readonly minutesAtLimit: number;
  readonly minutesWithinTolerance: number;
  /** Passing share of the minutes not at a limit. */
  readonly shareWithinTolerance: number;
  /** Share of sub-steps (not at a limit) whose instantaneous grid power lay within the tolerance. */
  readonly shareOfSecondsWithinTolerance: number;
  readonly controlSteps: number;
  readonly finalSoc: number;
}

export async function simulateZeroOnMeterDay(options: DayOptions): Promise<DayResult> {
  const toleranceW = options.toleranceW ?? 50;
  const durationS = options.durationS ?? 86_400;
  const plant = createCorePlant(options.device, { seed: options.seed ?? 42, startMs: DEFAULT_START_MS, initialSoc: 0.5 });
  const { site } = plant;
  const controller = createZeroOnMeterController({ meter: plant.meter, battery: plant.battery, params: options.params ?? {} });
  const runner = createRunner({ clock: site, cadenceMs: options.cadenceMs, task: (nowMs) => controller.step(nowMs) });

  let atLimit = false;
  let seconds = 0;
  let secondsWithin = 0;
  plant.onSubStep((inputs) => {
    const demandW = inputs.loadW - inputs.pvW;
    const limited = demandW - toleranceW > inputs.dischargeLimitW || demandW + toleranceW < -inputs.chargeLimitW;
    atLimit ||= limited;
    if (!limited) {
      seconds++;
      if (Math.abs(inputs.gridW) <= toleranceW) secondsWithin++;
    }
  });
  const gridNetWh = (): number => site.meters.registers.grid.importWh - site.meters.registers.grid.exportWh;

  let minutes = 0;
  let minutesAtLimit = 0;
  let minutesWithin = 0;
  const startMs = site.now();
  for (let minute = 0; minute < durationS / 60; minute++) {
    const beforeWh = gridNetWh();
    atLimit = false;
    for (let s = 1; s <= 60; s++) {
      site.stepTo(startMs + minute * 60_000 + s * 1000);
      if (!options.idle) await runner.tick();
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
    shareOfSecondsWithinTolerance: seconds > 0 ? secondsWithin / seconds : 1,
    controlSteps: runner.runs,
    finalSoc: site.snapshot().socFraction,
  };
}
