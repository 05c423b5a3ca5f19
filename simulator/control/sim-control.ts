/**
 * The simulation control surface of one emulator, without HTTP: state, time, faults, scenarios, reset and
 * the request log. The `/_sim/` plugin is a thin adapter over it, and `startSessy()`/`startHomevolt()`
 * hand it to Node callers.
 */
import { quote } from './input-limits.ts';
import { BattsimError, frequencyDip, frequencyRamp, frequencyStep, SimError, type FrequencyOverride } from '../core/index.ts';
import type { SimulatedDevice } from '../devices/simulated-device.ts';
import type { DeviceRunner } from '../engine/device-runner.ts';
import { type FaultSpec, parseFaultSpec } from './fault-spec.ts';
import { type ActiveFault, createFaultTable, type FaultTable } from './fault-table.ts';
import { createRequestLog, type RequestLog } from './request-log.ts';
import { buildScenario, EVENTS_PER_SLICE, type FrequencyAction, parseScenarioText, type Scenario, type ScenarioAction } from './scenario.ts';
import { parseStatePatch, type StatePatch } from './state-patch.ts';

/** What the sim plane refuses although the request is well formed: an operation the model lacks, a missing item, a race. */
export class SimControlError extends BattsimError<'SIM_ERR_NOT_SUPPORTED' | 'SIM_ERR_NOT_FOUND' | 'SIM_ERR_CONFLICT' | 'SIM_ERR_UNSUPPORTED_MEDIA_TYPE'> {
  override readonly name = 'SimControlError';
}

export interface ClockView {
  readonly mode: 'manual' | 'scaled';
  readonly nowMs: number;
  readonly now: string;
  readonly speed: number;
  readonly paused: boolean;
}

export interface LoadedScenario {
  readonly name: string;
  readonly startedAtMs: number;
  readonly events: number;
}

export interface SimControl {
  /** The model's full state in SI units, with the clock. */
  state(): Record<string, unknown>;
  /** Applies a state change (validated); returns the new state. */
  setState(patch: StatePatch | unknown): Record<string, unknown>;
  clock(): ClockView;
  /** Manual clocks: advances by `seconds` and returns once the model has caught up. */
  advance(seconds: number): ClockView;
  /**
   * A device of a site (several devices on one clock): advances the whole site, with the exchanges between its
   * devices (the dongles' posts to the meter) on the way; `/_sim/clock/advance` uses it when present.
   */
  advanceInSite?(seconds: number): Promise<ClockView>;
  pause(): ClockView;
  resume(): ClockView;
  setSpeed(speed: number): ClockView;
  /** Adds a fault (validated). A reboot acts at once and is not kept in the list. */
  addFault(spec: FaultSpec | unknown): ActiveFault;
  faults(): readonly ActiveFault[];
  removeFault(id: string): void;
  clearFaults(): void;
  /**
   * Loads a scenario (text in YAML/JSON, parsed data, or a Scenario); its times count from now. It replaces
   * the events still pending from the scenario loaded before (faults those already added stay).
   */
  loadScenario(scenario: Scenario | string | unknown): LoadedScenario;
  /**
   * As loadScenario for untrusted input (text or parsed JSON, never a ready Scenario), validated in slices with
   * `await pause()` between them, so that a server keeps answering while a large scenario loads.
   */
  loadScenarioInSlices(input: string | unknown, pause: () => Promise<void>): Promise<LoadedScenario>;
  /** Back to the seeded start: a fresh device, clock at the start, no faults, no scenario, empty log. */
  reset(): Record<string, unknown>;
  readonly log: RequestLog;
  /** The fault table the HTTP layer consults for each vendor request. */
  readonly faultTable: FaultTable;
}

export interface SimControlOptions {
  readonly runner: DeviceRunner;
  /** Builds the device exactly as at start (same seed, same options). */
  readonly createDevice: () => SimulatedDevice;
  /** The simulated start time the clock returns to on reset [epoch ms]. */
  readonly startMs: number;
  /** Requests the log keeps; default DEFAULT_LOG_ENTRIES. */
  readonly logEntries?: number;
}

export function createSimControl({ runner, createDevice, startMs, logEntries }: SimControlOptions): SimControl {
  const newFaultTable = (device: SimulatedDevice): FaultTable => createFaultTable(device.site.streams.stream('faults'));
  let faultTable = newFaultTable(runner.device);
  const log = createRequestLog(logEntries);

  const clockView = (): ClockView => {
    const nowMs = runner.clock.now();
    return { mode: runner.clock.mode, nowMs: Math.floor(nowMs), now: new Date(nowMs).toISOString(), speed: runner.clock.speed, paused: runner.clock.paused };
  };
  const state = (): Record<string, unknown> => {
    runner.sync();
    return { clock: clockView(), ...runner.device.simState(), faults: faultTable.list(runner.clock.now()).length };
  };
  const device = (): SimulatedDevice => runner.device;

  const applyPatch = (patch: StatePatch): void => {
    const d = device();
    if (patch.externalSetpointW !== undefined && !d.setExternalSetpoint) {
      throw new SimControlError('SIM_ERR_NOT_SUPPORTED', `Failed to set externalSetpointW: the ${d.kind} device has no external setpoint. Use it with Sessy (SESSY_CONNECT).`);
    }
    if (patch.soc !== undefined) d.setSoc(patch.soc);
    if (patch.externalSetpointW !== undefined) d.setExternalSetpoint!(patch.externalSetpointW);
    if (patch.frequencyHz !== undefined) d.site.frequency.setOverride(patch.frequencyHz === null ? null : frequencyStep(d.site.now(), patch.frequencyHz));
    if (patch.frequencyEvent !== undefined) d.site.frequency.setOverride(frequencyOverrideOf(patch.frequencyEvent, d.site.now()));
    if (patch.loadW !== undefined) d.site.setLoadOverride(patch.loadW);
    if (patch.pvW !== undefined) d.site.setPvOverride(patch.pvW);
    if (patch.temperatureC !== undefined) d.site.setTemperature(patch.temperatureC);
  };

  const reboot = (): void => {
    const d = device();
    if (!d.reboot) throw new SimControlError('SIM_ERR_NOT_SUPPORTED', `Failed to reboot: the ${d.kind} model cannot reboot.`);
    d.reboot();
  };

  const addFault = (input: FaultSpec | unknown): ActiveFault => {
    const spec = parseFaultSpec(input);
    runner.sync();
    const nowMs = runner.clock.now();
    if (spec.type === 'reboot') {
      reboot();
      return { id: 'reboot', spec, addedAtMs: nowMs, hits: 1 };
    }
    const added = faultTable.add(spec, nowMs);
    noticeNetworkLoss(spec);
    return added;
  };

  /** A network-loss on every path and method is the device losing its own network, which the model may notice. */
  const noticeNetworkLoss = (spec: FaultSpec): void => {
    if (spec.type === 'network-loss' && (spec.scope.path === '*' || spec.scope.path === '/*') && spec.scope.method === '*') device().loseNetwork?.();
  };

  const runAction = (action: ScenarioAction): void => {
    switch (action.type) {
      case 'set':
        return applyPatch(action.patch);
      case 'reboot':
        return reboot();
      case 'fault':
        faultTable.add(action.fault, device().site.now());
        noticeNetworkLoss(action.fault);
        return;
      case 'frequency':
        device().site.frequency.setOverride(frequencyOverrideOf(action.frequency, device().site.now()));
    }
  };

  // Bumped by reset(), so that a load that yielded across a reset does not schedule onto the fresh device.
  let generation = 0;
  /**
   * Loads a validated scenario: builds its actions in slices, then replaces the pending events with them in
   * one step (so two loads never interleave: the last to finish wins), counted from when it was started.
   */
  function* startSteps(steps: Generator<void, Scenario>): Generator<void, LoadedScenario> {
    const loadedIn = generation;
    const scenario = yield* steps;
    runner.sync();
    const startedAtMs = device().site.now();
    const events = scenario.events;
    const items: { atMs: number; run: () => void }[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      if (i > 0 && i % (4 * EVENTS_PER_SLICE) === 0) yield;
      const action = events[i]!.action;
      items[i] = { atMs: startedAtMs + events[i]!.atS * 1000, run: () => runAction(action) };
    }
    if (generation !== loadedIn) throw new SimControlError('SIM_ERR_CONFLICT', 'Failed to load the scenario: the simulation was reset while it loaded. Load it again.');
    runner.clearSchedule();
    runner.scheduleAll(items);
    return { name: scenario.name, startedAtMs, events: events.length };
  }

  return {
    log,
    get faultTable() {
      return faultTable;
    },
    state,
    setState(input) {
      runner.sync();
      applyPatch(parseStatePatch(input));
      return state();
    },
    clock: clockView,
    advance(seconds) {
      if (!(typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0)) {
        throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to advance the clock: "seconds" must be a number ≥ 0, got ${quote(seconds)}.`);
      }
      runner.advance(seconds);
      return clockView();
    },
    pause() {
      runner.sync();
      runner.clock.pause();
      return clockView();
    },
    resume() {
      runner.clock.resume();
      return clockView();
    },
    setSpeed(speed) {
      runner.sync();
      runner.clock.setSpeed(speed);
      return clockView();
    },
    addFault,
    faults: () => faultTable.list(runner.clock.now()),
    removeFault(id) {
      if (!faultTable.remove(id)) throw new SimControlError('SIM_ERR_NOT_FOUND', `Failed to remove fault ${quote(id)}: no such fault is active. GET /_sim/faults lists them.`);
    },
    clearFaults: () => faultTable.clear(),
    loadScenario(input) {
      const steps = startSteps(scenarioSteps(input));
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
      }
    },
    async loadScenarioInSlices(input, pause) {
      const steps = startSteps(buildScenario(typeof input === 'string' ? parseScenarioText(input) : input));
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
        await pause();
      }
    },
    reset() {
      generation++;
      runner.clock.resetTo(startMs);
      runner.replaceDevice(createDevice());
      faultTable = newFaultTable(runner.device);
      log.clear();
      return state();
    },
  };
}

export function frequencyOverrideOf(action: FrequencyAction, atMs: number): FrequencyOverride | null {
  switch (action.kind) {
    case 'clear':
      return null;
    case 'step':
      return frequencyStep(atMs, action.hz, action.holdS);
    case 'ramp':
      return frequencyRamp(atMs, action.fromHz, action.toHz, action.rampS, action.holdS);
    case 'dip':
      return frequencyDip(atMs, action.minHz, action.holdS, action.fallS, action.recoverS);
  }
}

function* scenarioSteps(input: unknown): Generator<void, Scenario> {
  if (isScenario(input)) return input;
  return yield* buildScenario(typeof input === 'string' ? parseScenarioText(input) : input);
}

function isScenario(input: unknown): input is Scenario {
  if (typeof input !== 'object' || input === null) return false;
  const events = (input as Scenario).events;
  return Array.isArray(events) && events.length > 0 && events.every((e) => typeof e?.atS === 'number' && typeof e?.action === 'object');
}
