/**
 * A site: one battery behind a meter, in a house with load and PV, on a grid with a frequency.
 * `stepTo(t)` advances everything with sub-steps of at most `maxStepS` (docs/physics.md §6); a controller,
 * supplied by a device model, decides the battery's AC command at each sub-step.
 * Power signs: battery + = discharge; grid + = import.
 */
import { type ActuatorParams, createActuatorStepper } from './actuator.ts';
import type { BatteryParams } from './battery-params.ts';
import { createBatteryState, packVoltageV, withSoc, withTemperature } from './battery.ts';
import { createBatteryStepper } from './battery-stepper.ts';
import { SimError, rejectUnknownKeys, requireFinite } from './errors.ts';
import { createFrequencyModel, type FrequencyModel, type FrequencyOverride, type FrequencyParams } from './grid-frequency.ts';
import { createGridVoltage } from './grid-voltage.ts';
import { createHouseholdModel, type HouseholdParams } from './household.ts';
import { addEnergy, createMeterSet, type MeterSet, type Register } from './meters.ts';
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

/**
 * What a controller sees at each sub-step. One object per site, rewritten before every call (allocating a fresh
 * one at every sub-step was most of the site's garbage): read it during the call, and copy what must outlive the
 * next sub-step. Between steps it holds the last sub-step's inputs.
 */
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

/** Its own function, so that the message's template stays out of the sub-step V8 compiles and inlines. */
function rejectCommand(cmd: number): never {
  throw new SimError('SIM_ERR_INVALID_COMMAND', `Failed to step the site: the controller returned ${cmd}, not a finite power in W.`);
}

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
    advanceTo: (t: number) => frequencyModel.advanceTo(t),
    setOverride(next: FrequencyOverride | null) {
      version++;
      frequencyModel.setOverride(next);
    },
    get hz() {
      return frequencyModel.hz;
    },
    get override() {
      return frequencyModel.override;
    },
  };
  const gridVoltage = createGridVoltage(streams.seed);
  const household = createHouseholdModel(config.household, streams.stream('load'), config.startMs);
  const pv = createPvModel(config.pv, streams.stream('pv'), config.startMs);
  const meters = createMeterSet<MeterKey>(['battery', 'grid', 'gridL1', 'gridL2', 'gridL3', 'pv'], config.startMs, config.meterPersistIntervalS * 1000);

  // The register objects keep their identity (rollback restores into them): hold them rather than look them up.
  const registers = meters.registers as Record<MeterKey, Register>;
  const battery = createBatteryStepper(bp, createBatteryState(bp, config.initialSoc, config.initialTempC));
  const actuate = createActuatorStepper(config.actuator);

  // What changes at every sub-step lives in one object: V8 boxes a closure's `let` number anew on every write.
  const live = {
    tMs: config.startMs,
    /** AC power of the battery [W], + = discharge. */
    batteryW: 0,
    /** The controller's last command [W]. */
    commandW: 0,
    /** Energy taken from the cells and lost to self-discharge since the start [Wh]. */
    chemWh: 0,
    selfDischargeWh: 0,
    /** Net grid power [W], + = import. */
    gridW: 0,
    /** The household model's load [W], before any override. */
    modelLoadW: household.totalW,
    loadW: household.totalW,
    pvW: pv.powerW,
  };
  let controller: Controller = idle;
  let loadOverrideW: number | null = null;
  let pvOverrideW: number | null = null;
  const gridPhaseW = [0, 0, 0];
  const loadPhaseW = [0, 0, 0];

  // The sub-step calls the models' closures directly: no property lookups on the model objects at every step.
  // The models' step functions return nothing and leave their results in `now` objects: a double returned from a
  // call V8 does not inline costs a heap box.
  const stepFrequency = frequencyModel.step;
  const frequencyNow = frequencyModel.now;
  const stepHousehold = household.step;
  const householdNow = household.now;
  const householdPhaseW = household.phaseW;
  const stepPv = pv.step;
  const pvNow = pv.now;
  const stepBatteryInPlace = battery.step;
  const batteryNow = battery.now;
  const batteryLast = battery.last;
  const persistMetersIfDue = meters.persistIfDue;

  const pvPhase = config.pv.phase;
  const batteryPhase = config.batteryPhase;
  const splitPhases = (): void => {
    const lp = householdPhaseW;
    const modelW = live.modelLoadW;
    if (loadOverrideW === null) {
      loadPhaseW[0] = lp[0]!;
      loadPhaseW[1] = lp[1]!;
      loadPhaseW[2] = lp[2]!;
    } else {
      // An override keeps the model's split between phases, or spreads evenly when the model draws nothing.
      const scale = modelW > 0 ? loadOverrideW / modelW : 0;
      for (let i = 0; i < 3; i++) loadPhaseW[i] = modelW === 0 ? loadOverrideW / 3 : lp[i]! * scale;
    }
    // A source's share of a phase: a third when it feeds all three (phase 0), all of it on its own phase, else 0.
    // Written out per phase, and the thirds divided only for a three-phase source.
    const pvW = live.pvW;
    const batteryW = live.batteryW;
    const pvThirdW = pvPhase === 0 ? pvW / 3 : 0;
    const batteryThirdW = batteryPhase === 0 ? batteryW / 3 : 0;
    const g0 = loadPhaseW[0]! - (pvPhase === 0 ? pvThirdW : pvPhase === 1 ? pvW : 0) - (batteryPhase === 0 ? batteryThirdW : batteryPhase === 1 ? batteryW : 0);
    const g1 = loadPhaseW[1]! - (pvPhase === 0 ? pvThirdW : pvPhase === 2 ? pvW : 0) - (batteryPhase === 0 ? batteryThirdW : batteryPhase === 2 ? batteryW : 0);
    const g2 = loadPhaseW[2]! - (pvPhase === 0 ? pvThirdW : pvPhase === 3 ? pvW : 0) - (batteryPhase === 0 ? batteryThirdW : batteryPhase === 3 ? batteryW : 0);
    gridPhaseW[0] = g0;
    gridPhaseW[1] = g1;
    gridPhaseW[2] = g2;
    let gridW = 0;
    gridW += g0;
    gridW += g1;
    gridW += g2;
    live.gridW = gridW;
  };
  splitPhases();

  // The controller's inputs, rewritten at every sub-step. Fractional initial values give V8 double fields from the start.
  const controlInputs: { -readonly [K in keyof ControlInputs]: ControlInputs[K] } = {
    tMs: 0.5,
    dtS: 0.5,
    freqHz: 0.5,
    gridW: 0.5,
    gridPhaseW,
    loadW: 0.5,
    pvW: 0.5,
    batteryW: 0.5,
    socFraction: 0.5,
    chargeLimitW: 0.5,
    dischargeLimitW: 0.5,
  };

  const subStep = (dtS: number): void => {
    const nextMs = live.tMs + dtS * 1000;
    stepFrequency(nextMs);
    const freqHz = frequencyNow.hz;
    stepHousehold(nextMs);
    live.modelLoadW = householdNow.totalW;
    // Not `??`: joining the override (number or null) with the model's double would box the double at every step.
    live.loadW = loadOverrideW === null ? live.modelLoadW : +loadOverrideW;
    if (pvOverrideW === null) {
      stepPv(nextMs);
      live.pvW = pvNow.powerW;
    } else {
      live.pvW = pvOverrideW;
    }
    const inputs = controlInputs;
    inputs.tMs = live.tMs;
    inputs.dtS = dtS;
    inputs.freqHz = freqHz;
    inputs.gridW = live.gridW;
    inputs.loadW = live.loadW;
    inputs.pvW = live.pvW;
    inputs.batteryW = live.batteryW;
    inputs.socFraction = batteryNow.socFraction;
    inputs.chargeLimitW = batteryNow.chargeLimitW;
    inputs.dischargeLimitW = batteryNow.dischargeLimitW;
    const cmd = controller(inputs);
    if (!Number.isFinite(cmd)) rejectCommand(cmd);
    live.commandW = cmd;
    const wantedW = actuate(live.batteryW, cmd, dtS);
    stepBatteryInPlace(wantedW, dtS);
    const step = batteryLast;
    live.chemWh += step.chemWh;
    live.selfDischargeWh += step.selfDischargeWh;
    // What the pack could not deliver does not stay in the actuator (no wind-up past a limit).
    live.batteryW = step.limitReached ? 0 : step.acW;
    splitPhases();
    addEnergy(registers.battery, -step.acW + (step.auxFromGridWh * 3600) / dtS, dtS);
    addEnergy(registers.grid, live.gridW + (step.auxFromGridWh * 3600) / dtS, dtS);
    addEnergy(registers.gridL1, gridPhaseW[0]!, dtS);
    addEnergy(registers.gridL2, gridPhaseW[1]!, dtS);
    addEnergy(registers.gridL3, gridPhaseW[2]!, dtS);
    addEnergy(registers.pv, -live.pvW, dtS);
    live.tMs = nextMs;
    persistMetersIfDue(live.tMs);
  };

  const maxStepS = config.maxStepS;
  const twoMaxStepsMs = 2 * maxStepS * 1000;
  const site = {
    config,
    streams,
    frequency,
    meters,
    get version(): number {
      return version;
    },
    now: () => live.tMs,
    stepTo(targetMs: number): void {
      version++;
      if (!Number.isFinite(targetMs)) {
        throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to step the site: the target time ${targetMs} is not a finite number.`);
      }
      if (targetMs < live.tMs) {
        throw new SimError('SIM_ERR_TIME_BACKWARDS', `Failed to step the site to ${new Date(targetMs).toISOString()}: it is already at ${new Date(live.tMs).toISOString()}. Simulated time only moves forward.`);
      }
      while (live.tMs < targetMs) {
        const remainingMs = targetMs - live.tMs;
        if (remainingMs >= twoMaxStepsMs) {
          // Surely more than a full sub-step left: the division below would pick maxStepS too.
          subStep(maxStepS);
        } else {
          const remainingS = remainingMs / 1000;
          subStep(remainingS > maxStepS ? maxStepS : remainingS);
          if (targetMs - live.tMs < 1e-6) live.tMs = targetMs;
        }
      }
    },
    snapshot(): SiteSnapshot {
      const r = meters.registers;
      const copy = (k: MeterKey) => ({ importWh: r[k].importWh, exportWh: r[k].exportWh });
      return {
        tMs: live.tMs,
        freqHz: frequency.hz,
        loadW: live.loadW,
        loadPhaseW: [...loadPhaseW],
        pvW: live.pvW,
        weather: pv.weather,
        batteryW: live.batteryW,
        batteryCommandW: live.commandW,
        gridW: live.gridW,
        gridPhaseW: [...gridPhaseW],
        phaseVoltageV: gridPhaseW.map((w, i) => gridVoltage(i + 1, live.tMs, w)),
        socFraction: batteryNow.socFraction,
        energyWh: battery.state().energyWh,
        packVoltageV: packVoltageV(bp, battery.state()),
        currentA: battery.state().currentA,
        tempC: battery.state().tempC,
        chargeLimitW: batteryNow.chargeLimitW,
        dischargeLimitW: batteryNow.dischargeLimitW,
        meters: { battery: copy('battery'), grid: copy('grid'), gridL1: copy('gridL1'), gridL2: copy('gridL2'), gridL3: copy('gridL3'), pv: copy('pv') },
        chemWh: live.chemWh,
        selfDischargeWh: live.selfDischargeWh,
      };
    },
    setController(next: Controller): void {
      version++;
      controller = next;
    },
    setSoc(socFraction: number): void {
      version++;
      battery.setState(withSoc(bp, battery.state(), socFraction));
    },
    setTemperature(tempC: number): void {
      version++;
      battery.setState(withTemperature(battery.state(), tempC));
    },
    setLoadOverride(w: number | null): void {
      version++;
      if (w !== null) requireFinite('load override (W)', w, 0, 1e6);
      loadOverrideW = w;
      live.loadW = w ?? live.modelLoadW;
      splitPhases();
    },
    setPvOverride(w: number | null): void {
      version++;
      if (w !== null) requireFinite('PV override (W)', w, 0, 1e6);
      pvOverrideW = w;
      live.pvW = w ?? pv.powerW;
      splitPhases();
    },
  };
  return site satisfies Site;
}
