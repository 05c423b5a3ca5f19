/**
 * A site: one battery behind a meter, in a house with load and PV, on a grid with a frequency.
 * `stepTo(t)` advances everything with sub-steps of at most `maxStepS` (physics.md §6); a controller,
 * supplied by a device model, decides the battery's AC command at each sub-step.
 * Power signs: battery + = discharge; grid + = import.
 */
import { type ActuatorParams, createActuatorStepper } from './actuator.ts';
import type { BatteryParams } from './battery-params.ts';
import { type BatteryState, chargeLimitW, createBatteryState, createBatteryStepper, dischargeLimitW, packVoltageV, socOf, withSoc, withTemperature } from './battery.ts';
import { SimError, rejectUnknownKeys, requireFinite } from './errors.ts';
import { createFrequencyModel, type FrequencyModel, type FrequencyParams } from './grid-frequency.ts';
import { createGridVoltage } from './grid-voltage.ts';
import { createHouseholdModel, type HouseholdParams } from './household.ts';
import { createMeterSet, type MeterSet } from './meters.ts';
import { createPvModel, type PvParams, type WeatherType } from './pv.ts';
import { createRandomStreams, type RandomStreams } from './rng.ts';

export interface SiteConfig {
  readonly seed: number | string;
  readonly startMs: number;
  readonly battery: BatteryParams;
  readonly actuator: ActuatorParams;
  readonly household: HouseholdParams;
  readonly pv: PvParams;
  readonly frequency: FrequencyParams;
  /** SOC at the start [fraction]. */
  readonly initialSoc: number;
  /** Cell temperature at the start [°C]. */
  readonly initialTempC: number;
  /** Phase the battery's inverter feeds: 1..3, or 0 for a symmetric three-phase inverter. */
  readonly batteryPhase: number;
  /** Largest sub-step [s]. */
  readonly maxStepS: number;
  /** How often meter registers are persisted [s]. */
  readonly meterPersistIntervalS: number;
}

const SITE_KEYS = ['seed', 'startMs', 'battery', 'actuator', 'household', 'pv', 'frequency', 'initialSoc', 'initialTempC', 'batteryPhase', 'maxStepS', 'meterPersistIntervalS'];

/** What a controller sees at each sub-step. */
export interface ControlInputs {
  readonly tMs: number;
  readonly dtS: number;
  readonly freqHz: number;
  /** Net power at the grid meter during the previous sub-step [W], + = import. */
  readonly gridW: number;
  readonly gridPhaseW: readonly number[];
  readonly loadW: number;
  readonly pvW: number;
  /** AC power the battery delivers now [W], + = discharge. */
  readonly batteryW: number;
  readonly socFraction: number;
  readonly chargeLimitW: number;
  readonly dischargeLimitW: number;
}

/** Decides the battery's AC command for the next sub-step [W], + = discharge. */
export type Controller = (inputs: ControlInputs) => number;

export type MeterKey = 'battery' | 'grid' | 'gridL1' | 'gridL2' | 'gridL3' | 'pv';

export interface SiteSnapshot {
  readonly tMs: number;
  readonly freqHz: number;
  readonly loadW: number;
  readonly loadPhaseW: readonly number[];
  readonly pvW: number;
  readonly weather: WeatherType;
  readonly batteryW: number;
  readonly batteryCommandW: number;
  readonly gridW: number;
  readonly gridPhaseW: readonly number[];
  readonly phaseVoltageV: readonly number[];
  readonly socFraction: number;
  readonly energyWh: number;
  readonly packVoltageV: number;
  readonly currentA: number;
  readonly tempC: number;
  readonly chargeLimitW: number;
  readonly dischargeLimitW: number;
  readonly meters: Readonly<Record<MeterKey, { readonly importWh: number; readonly exportWh: number }>>;
  /** Energy taken from the cells since the start [Wh], and lost to self-discharge: ΔE = −(chemWh + selfDischargeWh). */
  readonly chemWh: number;
  readonly selfDischargeWh: number;
}

export interface Site {
  readonly config: SiteConfig;
  readonly streams: RandomStreams;
  readonly frequency: FrequencyModel;
  readonly meters: MeterSet<MeterKey>;
  /** Changes whenever anything a snapshot shows may have changed (a step, an override, a setter): a cache key. */
  readonly version: number;
  now(): number;
  stepTo(tMs: number): void;
  snapshot(): SiteSnapshot;
  setController(controller: Controller): void;
  setSoc(socFraction: number): void;
  setTemperature(tempC: number): void;
  /** Replaces the modelled household load [W] (null: back to the model). */
  setLoadOverride(w: number | null): void;
  /** Replaces the modelled PV output [W] (null: back to the model). */
  setPvOverride(w: number | null): void;
}

const idle: Controller = () => 0;

export function createSite(config: SiteConfig): Site {
  rejectUnknownKeys('the site', config, SITE_KEYS);
  requireFinite('site.startMs', config.startMs);
  requireFinite('site.maxStepS', config.maxStepS, 1e-3, 3600);
  requireFinite('site.meterPersistIntervalS', config.meterPersistIntervalS, 0, 1e9);
  requireFinite('site.batteryPhase', config.batteryPhase, 0, 3);
  const streams = createRandomStreams(config.seed);
  const bp = config.battery;
  const frequencyModel = createFrequencyModel(config.frequency, streams.stream('frequency'), streams.seed, config.startMs);
  let version = 0;
  const frequency: FrequencyModel = {
    get hz() {
      return frequencyModel.hz;
    },
    get override() {
      return frequencyModel.override;
    },
    advanceTo: (t) => frequencyModel.advanceTo(t),
    setOverride(next) {
      version++;
      frequencyModel.setOverride(next);
    },
  };
  const gridVoltage = createGridVoltage(streams.seed);
  const household = createHouseholdModel(config.household, streams.stream('load'), config.startMs);
  const pv = createPvModel(config.pv, streams.stream('pv'), config.startMs);
  const meters = createMeterSet<MeterKey>(['battery', 'grid', 'gridL1', 'gridL2', 'gridL3', 'pv'], config.startMs, config.meterPersistIntervalS * 1000);

  const batteryStepper = createBatteryStepper(bp);
  const actuate = createActuatorStepper(config.actuator);

  let tMs = config.startMs;
  let battery: BatteryState = createBatteryState(bp, config.initialSoc, config.initialTempC);
  let batteryW = 0;
  let commandW = 0;
  let controller: Controller = idle;
  let loadOverrideW: number | null = null;
  let pvOverrideW: number | null = null;
  let chemWh = 0;
  let selfDischargeWh = 0;
  const gridPhaseW = [0, 0, 0];
  let gridW = 0;
  let loadW = household.load.totalW;
  let pvW = pv.powerW;
  const loadPhaseW = [0, 0, 0];

  const splitPhases = (): void => {
    const lp = household.load.phaseW;
    const scale = loadOverrideW === null ? 1 : household.load.totalW > 0 ? loadOverrideW / household.load.totalW : 0;
    for (let i = 0; i < 3; i++) loadPhaseW[i] = loadOverrideW !== null && household.load.totalW === 0 ? loadOverrideW / 3 : lp[i]! * scale;
    gridW = 0;
    for (let i = 0; i < 3; i++) {
      const pvShare = config.pv.phase === 0 ? pvW / 3 : config.pv.phase === i + 1 ? pvW : 0;
      const batShare = config.batteryPhase === 0 ? batteryW / 3 : config.batteryPhase === i + 1 ? batteryW : 0;
      gridPhaseW[i] = loadPhaseW[i]! - pvShare - batShare;
      gridW += gridPhaseW[i]!;
    }
  };
  splitPhases();

  const subStep = (dtS: number): void => {
    const nextMs = tMs + dtS * 1000;
    const freqHz = frequency.advanceTo(nextMs);
    const load = household.advanceTo(nextMs);
    loadW = loadOverrideW ?? load.totalW;
    pvW = pvOverrideW ?? pv.advanceTo(nextMs);
    const cmd = controller({
      tMs,
      dtS,
      freqHz,
      gridW,
      gridPhaseW,
      loadW,
      pvW,
      batteryW,
      socFraction: socOf(bp, battery),
      chargeLimitW: batteryStepper.chargeLimitW(battery),
      dischargeLimitW: batteryStepper.dischargeLimitW(battery),
    });
    if (!Number.isFinite(cmd)) {
      throw new SimError('SIM_ERR_INVALID_COMMAND', `Failed to step the site: the controller returned ${cmd}, not a finite power in W.`);
    }
    commandW = cmd;
    const wantedW = actuate(batteryW, cmd, dtS);
    const step = batteryStepper.step(battery, wantedW, dtS);
    battery = step.state;
    chemWh += step.chemWh;
    selfDischargeWh += step.selfDischargeWh;
    // What the pack could not deliver does not stay in the actuator (no wind-up past a limit).
    batteryW = step.limitReached ? 0 : step.acW;
    splitPhases();
    meters.add('battery', -step.acW + (step.auxFromGridWh * 3600) / dtS, dtS);
    meters.add('grid', gridW + (step.auxFromGridWh * 3600) / dtS, dtS);
    meters.add('gridL1', gridPhaseW[0]!, dtS);
    meters.add('gridL2', gridPhaseW[1]!, dtS);
    meters.add('gridL3', gridPhaseW[2]!, dtS);
    meters.add('pv', -pvW, dtS);
    tMs = nextMs;
    meters.persistIfDue(tMs);
  };

  return {
    config,
    streams,
    frequency,
    meters,
    get version() {
      return version;
    },
    now: () => tMs,
    stepTo(targetMs) {
      version++;
      if (!Number.isFinite(targetMs)) {
        throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to step the site: the target time ${targetMs} is not a finite number.`);
      }
      if (targetMs < tMs) {
        throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to step the site to ${new Date(targetMs).toISOString()}: it is already at ${new Date(tMs).toISOString()}. Simulated time only moves forward.`);
      }
      while (tMs < targetMs) {
        const remainingS = (targetMs - tMs) / 1000;
        subStep(remainingS > config.maxStepS ? config.maxStepS : remainingS);
        if (targetMs - tMs < 1e-6) tMs = targetMs;
      }
    },
    snapshot() {
      const r = meters.registers;
      const copy = (k: MeterKey) => ({ importWh: r[k].importWh, exportWh: r[k].exportWh });
      return {
        tMs,
        freqHz: frequency.hz,
        loadW,
        loadPhaseW: [...loadPhaseW],
        pvW,
        weather: pv.weather,
        batteryW,
        batteryCommandW: commandW,
        gridW,
        gridPhaseW: [...gridPhaseW],
        phaseVoltageV: gridPhaseW.map((w, i) => gridVoltage(i + 1, tMs, w)),
        socFraction: socOf(bp, battery),
        energyWh: battery.energyWh,
        packVoltageV: packVoltageV(bp, battery),
        currentA: battery.currentA,
        tempC: battery.tempC,
        chargeLimitW: chargeLimitW(bp, battery),
        dischargeLimitW: dischargeLimitW(bp, battery),
        meters: { battery: copy('battery'), grid: copy('grid'), gridL1: copy('gridL1'), gridL2: copy('gridL2'), gridL3: copy('gridL3'), pv: copy('pv') },
        chemWh,
        selfDischargeWh,
      };
    },
    setController(next) {
      version++;
      controller = next;
    },
    setSoc(socFraction) {
      version++;
      battery = withSoc(bp, battery, socFraction);
    },
    setTemperature(tempC) {
      version++;
      battery = withTemperature(battery, tempC);
    },
    setLoadOverride(w) {
      version++;
      if (w !== null) requireFinite('load override (W)', w, 0, 1e6);
      loadOverrideW = w;
      loadW = w ?? household.load.totalW;
      splitPhases();
    },
    setPvOverride(w) {
      version++;
      if (w !== null) requireFinite('PV override (W)', w, 0, 1e6);
      pvOverrideW = w;
      pvW = w ?? pv.powerW;
      splitPhases();
    },
  };
}
