/**
 * One battery on a shared grid, and the `Site` its device model sees: its own battery, controller, actuator and
 * meters; the grid's household, PV, frequency and grid reading. The view keeps its own time (how far its device
 * has been brought), so that each device's runner may sync it while another device has already stepped the grid.
 */
import type { BatteryStepper } from './battery-stepper.ts';
import { packVoltageV, withSoc, withTemperature } from './battery.ts';
import { SimError } from './errors.ts';
import type { FrequencyModel } from './grid-frequency.ts';
import { addEnergy, createMeterSet, type MeterSet, type Register } from './meters.ts';
import { createRandomStreams } from './rng.ts';
import type { ControlInputs, Controller, MeterKey, Site, SiteConfig, SiteSnapshot } from './site.ts';
import type { SharedGridSnapshot } from './shared-grid.ts';

/** What the grid shares with each of its batteries. */
export interface GridAccess {
  now(): number;
  stepTo(tMs: number): void;
  snapshot(): SharedGridSnapshot;
  readonly frequency: FrequencyModel;
  version(): number;
  bump(): void;
  setLoadOverride(w: number | null): void;
  setPvOverride(w: number | null): void;
}

/** The grid's part of a sub-step's inputs; the battery adds its own. */
export interface GridInputs {
  readonly tMs: number;
  readonly dtS: number;
  readonly freqHz: number;
  readonly gridW: number;
  readonly gridPhaseW: readonly number[];
  readonly loadW: number;
  readonly pvW: number;
}

export interface GridBattery {
  readonly name: string;
  readonly phase: number;
  readonly stepper: BatteryStepper;
  readonly meters: MeterSet<MeterKey>;
  readonly live: { readonly batteryW: number; readonly auxFromGridW: number };
  readonly site: Site;
  /** One sub-step: asks the controller, moves the actuator, steps the cells. */
  step(grid: GridInputs): void;
  /** Counts the sub-step's energy into this battery's registers (the grid ones mirror the shared meter). */
  meter(gridW: number, gridPhaseW: readonly number[], pvW: number, dtS: number): void;
}

export interface GridBatteryOptions {
  readonly name: string;
  readonly config: SiteConfig;
  readonly stepper: BatteryStepper;
  readonly actuate: (currentW: number, targetW: number, dtS: number) => number;
  readonly grid: GridAccess;
}

const idle: Controller = () => 0;

export function createGridBattery({ name, config, stepper, actuate, grid }: GridBatteryOptions): GridBattery {
  const meters = createMeterSet<MeterKey>(['battery', 'grid', 'gridL1', 'gridL2', 'gridL3', 'pv'], config.startMs, config.meterPersistIntervalS * 1000);
  const registers = meters.registers as Record<MeterKey, Register>;
  const live = { batteryW: 0, commandW: 0, chemWh: 0, selfDischargeWh: 0, auxFromGridW: 0, lastAcW: 0, syncedMs: config.startMs };
  let controller: Controller = idle;
  const inputs: { -readonly [K in keyof ControlInputs]: ControlInputs[K] } = {
    tMs: 0.5, dtS: 0.5, freqHz: 0.5, gridW: 0.5, gridPhaseW: [0, 0, 0], loadW: 0.5, pvW: 0.5, batteryW: 0.5, socFraction: 0.5, chargeLimitW: 0.5, dischargeLimitW: 0.5,
  };

  const step = (g: GridInputs): void => {
    inputs.tMs = g.tMs;
    inputs.dtS = g.dtS;
    inputs.freqHz = g.freqHz;
    inputs.gridW = g.gridW;
    inputs.gridPhaseW = g.gridPhaseW;
    inputs.loadW = g.loadW;
    inputs.pvW = g.pvW;
    inputs.batteryW = live.batteryW;
    inputs.socFraction = stepper.now.socFraction;
    inputs.chargeLimitW = stepper.now.chargeLimitW;
    inputs.dischargeLimitW = stepper.now.dischargeLimitW;
    const cmd = controller(inputs);
    if (!Number.isFinite(cmd)) throw new SimError('SIM_ERR_INVALID_COMMAND', `Failed to step the grid: the controller of ${name} returned ${cmd}, not a finite power in W.`);
    live.commandW = cmd;
    stepper.step(actuate(live.batteryW, cmd, g.dtS), g.dtS);
    const out = stepper.last;
    live.chemWh += out.chemWh;
    live.selfDischargeWh += out.selfDischargeWh;
    live.lastAcW = out.acW;
    // What the pack could not deliver does not stay in the actuator (no wind-up past a limit), as in createSite.
    live.batteryW = out.limitReached ? 0 : out.acW;
    live.auxFromGridW = (out.auxFromGridWh * 3600) / g.dtS;
  };

  const meter = (gridW: number, gridPhaseW: readonly number[], pvW: number, dtS: number): void => {
    addEnergy(registers.battery, -live.lastAcW + live.auxFromGridW, dtS);
    addEnergy(registers.grid, gridW, dtS);
    addEnergy(registers.gridL1, gridPhaseW[0]!, dtS);
    addEnergy(registers.gridL2, gridPhaseW[1]!, dtS);
    addEnergy(registers.gridL3, gridPhaseW[2]!, dtS);
    addEnergy(registers.pv, -pvW, dtS);
  };

  const copy = (k: MeterKey) => ({ importWh: registers[k].importWh, exportWh: registers[k].exportWh });
  const site: Site = {
    get version() {
      return grid.version();
    },
    config,
    streams: createRandomStreams(config.seed),
    frequency: grid.frequency,
    meters,
    now: () => live.syncedMs,
    stepTo(targetMs: number): void {
      if (!(targetMs >= live.syncedMs)) {
        throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to step ${name} to ${String(targetMs)}: it is already at ${new Date(live.syncedMs).toISOString()}. Simulated time only moves forward.`);
      }
      if (targetMs > grid.now()) grid.stepTo(targetMs);
      live.syncedMs = targetMs;
    },
    snapshot(): SiteSnapshot {
      const g = grid.snapshot();
      const state = stepper.state();
      return {
        tMs: g.tMs,
        freqHz: g.freqHz,
        loadW: g.loadW,
        loadPhaseW: g.loadPhaseW,
        pvW: g.pvW,
        weather: g.weather,
        batteryW: live.batteryW,
        batteryCommandW: live.commandW,
        gridW: g.gridW,
        gridPhaseW: g.gridPhaseW,
        phaseVoltageV: g.phaseVoltageV,
        socFraction: stepper.now.socFraction,
        energyWh: state.energyWh,
        packVoltageV: packVoltageV(config.battery, state),
        currentA: state.currentA,
        tempC: state.tempC,
        chargeLimitW: stepper.now.chargeLimitW,
        dischargeLimitW: stepper.now.dischargeLimitW,
        meters: { battery: copy('battery'), grid: copy('grid'), gridL1: copy('gridL1'), gridL2: copy('gridL2'), gridL3: copy('gridL3'), pv: copy('pv') },
        chemWh: live.chemWh,
        selfDischargeWh: live.selfDischargeWh,
      };
    },
    setController(next: Controller): void {
      grid.bump();
      controller = next;
    },
    setSoc(socFraction: number): void {
      grid.bump();
      stepper.setState(withSoc(config.battery, stepper.state(), socFraction));
    },
    setTemperature(tempC: number): void {
      grid.bump();
      stepper.setState(withTemperature(stepper.state(), tempC));
    },
    setLoadOverride: (w: number | null) => grid.setLoadOverride(w),
    setPvOverride: (w: number | null) => grid.setPvOverride(w),
  };
  return {
    name,
    phase: config.batteryPhase,
    stepper,
    meters,
    live,
    site,
    step,
    meter,
  };
}
