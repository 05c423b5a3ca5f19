/**
 * A shared grid: one household (load, PV, grid connection with a frequency) with any number of batteries on it,
 * each on its own phase, all stepped together with sub-steps of at most `maxStepS` (docs/physics.md §6).
 * The grid reading is household + PV + every battery, per phase (docs/physics.md §4.4):
 *   P_grid,L = P_load,L − P_pv,L − Σ P_bat,L     (+ = import; battery + = discharge)
 * Each battery is driven by its own controller (its device model), which sees the grid as it was at the end of the
 * previous sub-step, as a battery behind a real meter does. `attach()` hands a device model a `Site` that is its
 * battery's view of this grid, so the Sessy and Homevolt models run on it unchanged.
 * The household, PV, frequency, voltage, battery and actuator models are the ones `createSite` uses.
 */
import { createActuatorStepper } from './actuator.ts';
import { createBatteryState } from './battery.ts';
import { createBatteryStepper } from './battery-stepper.ts';
import { SimError, rejectUnknownKeys, requireFinite } from './errors.ts';
import { createFrequencyModel, type FrequencyModel, type FrequencyOverride, type FrequencyParams } from './grid-frequency.ts';
import { createGridVoltage } from './grid-voltage.ts';
import { createHouseholdModel, type HouseholdParams } from './household.ts';
import { addEnergy, createMeterSet, type MeterSet, type Register } from './meters.ts';
import { createPvModel, type PvParams, type WeatherType } from './pv.ts';
import { createRandomStreams, type RandomStreams } from './rng.ts';
import { createGridBattery, type GridBattery } from './grid-battery.ts';
import type { Site, SiteConfig } from './site.ts';

export interface SharedGridConfig {
  readonly seed: number | string;
  readonly startMs: number;
  readonly household: HouseholdParams;
  readonly pv: PvParams;
  readonly frequency: FrequencyParams;
  /** Largest sub-step [s]. */
  readonly maxStepS: number;
  /** How often meter registers are persisted [s]. */
  readonly meterPersistIntervalS: number;
}

const GRID_KEYS = ['seed', 'startMs', 'household', 'pv', 'frequency', 'maxStepS', 'meterPersistIntervalS'];

export type GridMeterKey = 'grid' | 'gridL1' | 'gridL2' | 'gridL3' | 'pv';

/** One battery as the grid sees it. */
export interface GridBatteryView {
  readonly name: string;
  /** 1..3, or 0 for a symmetric three-phase inverter. */
  readonly phase: number;
  /** AC power [W], + = discharge. */
  readonly batteryW: number;
  readonly socFraction: number;
}

export interface SharedGridSnapshot {
  readonly tMs: number;
  readonly freqHz: number;
  readonly loadW: number;
  readonly loadPhaseW: readonly number[];
  readonly pvW: number;
  readonly weather: WeatherType;
  /** Net power at the grid connection [W], + = import. */
  readonly gridW: number;
  readonly gridPhaseW: readonly number[];
  readonly phaseVoltageV: readonly number[];
  /** Sum of every battery's AC power [W], + = discharge. */
  readonly batteriesW: number;
  readonly batteries: readonly GridBatteryView[];
  readonly meters: Readonly<Record<GridMeterKey, { readonly importWh: number; readonly exportWh: number }>>;
}

export interface SharedGrid {
  readonly config: SharedGridConfig;
  readonly streams: RandomStreams;
  readonly frequency: FrequencyModel;
  readonly meters: MeterSet<GridMeterKey>;
  /** Changes whenever anything a snapshot shows may have changed: a cache key. */
  readonly version: number;
  now(): number;
  stepTo(tMs: number): void;
  snapshot(): SharedGridSnapshot;
  /**
   * Puts a battery on this grid and returns its view of the site: a `Site` whose battery, controller and meters
   * are its own, and whose household, PV, frequency and grid are this grid's. `config` gives the battery,
   * actuator, initial SOC and temperature, `batteryPhase` and the seed of the device's own random streams; its
   * household, PV and frequency are not used.
   */
  attach(name: string, config: SiteConfig): Site;
  setLoadOverride(w: number | null): void;
  setPvOverride(w: number | null): void;
}

export function createSharedGrid(config: SharedGridConfig): SharedGrid {
  rejectUnknownKeys('the shared grid', config, GRID_KEYS);
  requireFinite('grid.startMs', config.startMs);
  requireFinite('grid.maxStepS', config.maxStepS, 1e-3, 3600);
  requireFinite('grid.meterPersistIntervalS', config.meterPersistIntervalS, 0, 1e9);
  const streams = createRandomStreams(config.seed);
  const frequencyModel = createFrequencyModel(config.frequency, streams.stream('frequency'), streams.seed, config.startMs);
  const household = createHouseholdModel(config.household, streams.stream('load'), config.startMs);
  const pv = createPvModel(config.pv, streams.stream('pv'), config.startMs);
  const gridVoltage = createGridVoltage(streams.seed);
  const meters = createMeterSet<GridMeterKey>(['grid', 'gridL1', 'gridL2', 'gridL3', 'pv'], config.startMs, config.meterPersistIntervalS * 1000);
  const registers = meters.registers as Record<GridMeterKey, Register>;
  const batteries: GridBattery[] = [];
  const names = new Set<string>();
  let version = 0;

  const live = { tMs: config.startMs, gridW: 0, modelLoadW: household.totalW, loadW: household.totalW, pvW: pv.powerW, batteriesW: 0, auxW: 0 };
  let loadOverrideW: number | null = null;
  let pvOverrideW: number | null = null;
  const loadPhaseW = [0, 0, 0];
  const gridPhaseW = [0, 0, 0];
  const pvPhase = config.pv.phase;

  /** The household's load per phase (or the override, split as the model splits it), less PV and every battery. */
  const splitPhases = (): void => {
    const lp = household.phaseW;
    if (loadOverrideW === null) {
      for (let i = 0; i < 3; i++) loadPhaseW[i] = lp[i]!;
    } else {
      const modelW = live.modelLoadW;
      const scale = modelW > 0 ? loadOverrideW / modelW : 0;
      for (let i = 0; i < 3; i++) loadPhaseW[i] = modelW === 0 ? loadOverrideW / 3 : lp[i]! * scale;
    }
    let batteriesW = 0;
    for (let i = 0; i < 3; i++) gridPhaseW[i] = loadPhaseW[i]! - shareOf(pvPhase, i, live.pvW);
    for (const b of batteries) {
      batteriesW += b.live.batteryW;
      for (let i = 0; i < 3; i++) gridPhaseW[i]! -= shareOf(b.phase, i, b.live.batteryW);
    }
    live.batteriesW = batteriesW;
    live.gridW = gridPhaseW[0]! + gridPhaseW[1]! + gridPhaseW[2]!;
  };
  splitPhases();

  const subStep = (dtS: number): void => {
    const nextMs = live.tMs + dtS * 1000;
    frequencyModel.step(nextMs);
    household.step(nextMs);
    live.modelLoadW = household.now.totalW;
    live.loadW = loadOverrideW === null ? live.modelLoadW : loadOverrideW;
    if (pvOverrideW === null) {
      pv.step(nextMs);
      live.pvW = pv.now.powerW;
    } else {
      live.pvW = pvOverrideW;
    }
    let auxW = 0;
    for (const b of batteries) {
      b.step({ tMs: live.tMs, dtS, freqHz: frequencyModel.now.hz, gridW: live.gridW, gridPhaseW, loadW: live.loadW, pvW: live.pvW });
      auxW += b.live.auxFromGridW;
    }
    splitPhases();
    live.auxW = auxW;
    addEnergy(registers.grid, live.gridW + auxW, dtS);
    addEnergy(registers.gridL1, gridPhaseW[0]!, dtS);
    addEnergy(registers.gridL2, gridPhaseW[1]!, dtS);
    addEnergy(registers.gridL3, gridPhaseW[2]!, dtS);
    addEnergy(registers.pv, -live.pvW, dtS);
    for (const b of batteries) b.meter(live.gridW + auxW, gridPhaseW, live.pvW, dtS);
    live.tMs = nextMs;
    meters.persistIfDue(live.tMs);
    for (const b of batteries) b.meters.persistIfDue(live.tMs);
  };

  const frequency: FrequencyModel = {
    get hz() {
      return frequencyModel.hz;
    },
    get override() {
      return frequencyModel.override;
    },
    advanceTo: (t: number) => frequencyModel.advanceTo(t),
    setOverride(next: FrequencyOverride | null) {
      version++;
      frequencyModel.setOverride(next);
    },
  };

  const stepTo = (targetMs: number): void => {
    version++;
    if (!Number.isFinite(targetMs)) throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to step the grid: the target time ${targetMs} is not a finite number.`);
    if (targetMs < live.tMs) {
      throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to step the grid to ${new Date(targetMs).toISOString()}: it is already at ${new Date(live.tMs).toISOString()}. Simulated time only moves forward.`);
    }
    while (live.tMs < targetMs) {
      const remainingS = (targetMs - live.tMs) / 1000;
      subStep(remainingS > config.maxStepS ? config.maxStepS : remainingS);
      if (targetMs - live.tMs < 1e-6) live.tMs = targetMs;
    }
  };

  const snapshot = (): SharedGridSnapshot => {
    const r = meters.registers;
    const copy = (k: GridMeterKey) => ({ importWh: r[k].importWh, exportWh: r[k].exportWh });
    return {
      tMs: live.tMs,
      freqHz: frequencyModel.hz,
      loadW: live.loadW,
      loadPhaseW: [...loadPhaseW],
      pvW: live.pvW,
      weather: pv.weather,
      gridW: live.gridW,
      gridPhaseW: [...gridPhaseW],
      phaseVoltageV: [1, 2, 3].map((p) => gridVoltage(p, live.tMs, gridPhaseW[p - 1]!)),
      batteriesW: live.batteriesW,
      batteries: batteries.map((b) => ({ name: b.name, phase: b.phase, batteryW: b.live.batteryW, socFraction: b.stepper.now.socFraction })),
      meters: { grid: copy('grid'), gridL1: copy('gridL1'), gridL2: copy('gridL2'), gridL3: copy('gridL3'), pv: copy('pv') },
    };
  };

  const setLoadOverride = (w: number | null): void => {
    version++;
    if (w !== null) requireFinite('load override (W)', w, 0, 1e6);
    loadOverrideW = w;
    live.loadW = w ?? live.modelLoadW;
    splitPhases();
  };
  const setPvOverride = (w: number | null): void => {
    version++;
    if (w !== null) requireFinite('PV override (W)', w, 0, 1e6);
    pvOverrideW = w;
    live.pvW = w ?? pv.powerW;
    splitPhases();
  };

  const grid: SharedGrid = {
    get version() {
      return version;
    },
    config,
    streams,
    frequency,
    meters,
    now: () => live.tMs,
    stepTo,
    snapshot,
    setLoadOverride,
    setPvOverride,
    attach(name: string, siteConfig: SiteConfig): Site {
      if (typeof name !== 'string' || name === '' || names.has(name)) {
        throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to attach a battery to the grid: the name ${JSON.stringify(name)} is empty or taken. Give each battery its own name.`);
      }
      requireFinite(`${name}.batteryPhase`, siteConfig.batteryPhase, 0, 3);
      const stepper = createBatteryStepper(siteConfig.battery, createBatteryState(siteConfig.battery, siteConfig.initialSoc, siteConfig.initialTempC));
      const battery = createGridBattery({
        name,
        config: { ...siteConfig, startMs: live.tMs, household: config.household, pv: config.pv, frequency: config.frequency, maxStepS: config.maxStepS, meterPersistIntervalS: config.meterPersistIntervalS },
        stepper,
        actuate: createActuatorStepper(siteConfig.actuator),
        grid: { now: () => live.tMs, stepTo, snapshot, frequency, version: () => version, bump: () => version++, setLoadOverride, setPvOverride },
      });
      names.add(name);
      batteries.push(battery);
      version++;
      splitPhases();
      return battery.site;
    },
  };
  return grid;
}

/** A source's share of phase index i (0..2) [W]: a third when it feeds all three (phase 0), all of it on its own phase. */
function shareOf(phase: number, i: number, w: number): number {
  if (phase === 0) return w / 3;
  return phase === i + 1 ? w : 0;
}
