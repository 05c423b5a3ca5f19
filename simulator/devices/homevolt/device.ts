/**
 * The Homevolt device model: N units (leader + followers) over one core Site, the schedule book running on
 * the physics through a Controller, parameters with flash persistence, logs, SPIFFS, the login lockout and
 * the boot/OTA life cycle – all in simulated time. It never builds JSON: `view()` gives SI state.
 */
import { applyGridCode, buildGridCodeParams, buildSiteConfig, createSite, INITIAL_GRID_CODE_STATE, type ControlInputs, type GridCodeState, type Site, type SiteOptions } from '../../core/index.ts';
import type { SimulatedDevice } from '../simulated-device.ts';
import { INITIAL_PID, scheduleCommand, type PidState } from './schedule-command.ts';
import { FIRMWARE_PROFILES, type FirmwareProfile } from './firmware.ts';
import { createIdentity, type DeviceIdentity } from './identity.ts';
import { createAuthLockout, type AuthLockout } from './lockout.ts';
import { createLogBuffer, type LogBuffer, type LogLevel } from './logs.ts';
import { applyEnergyDelta, createModuleBank, rescale, withUniformSoc, type ModuleBank } from './modules.ts';
import { parseDeviceOptions, type HomevoltDeviceOptions } from './options.ts';
import { createParamStore, type ParamStore } from './params.ts';
import { cloudPlan, createScheduleBook, type ScheduleBook } from './schedule.ts';
import { createSpiffsStore, type SpiffsStore } from './spiffs.ts';
import { buildView } from './view-builder.ts';
import type { HomevoltView } from './view.ts';

export type Availability = 'up' | 'booting' | 'updating';

export interface HomevoltDevice extends SimulatedDevice {
  readonly identity: DeviceIdentity;
  readonly firmware: FirmwareProfile;
  readonly units: number;
  readonly params: ParamStore;
  readonly schedule: ScheduleBook;
  readonly logs: LogBuffer;
  /** Notable events (trips, lockouts, schedule changes, reboots) for /error_history.json. */
  readonly history: LogBuffer;
  readonly spiffs: SpiffsStore;
  readonly lockout: AuthLockout;
  availability(): Availability;
  /** Epoch ms at which the device answers again; null when up. */
  availableAtMs(): number | null;
  view(): HomevoltView;
  log(level: LogLevel, tag: string, data: string, task?: string): void;
  /** Logs and records an event in the error history. */
  event(level: LogLevel, tag: string, data: string): void;
  /** Reboots after `delayMs` of simulated time; 0 cancels a pending reboot (console `reset`). */
  scheduleReboot(delayMs: number): void;
  /** Starts installing an uploaded image: unavailable for the install window, then a reboot. */
  startOta(bytes: number): void;
  readonly bootedAtMs: number;
  /**
   * Counts changes that do not come from the passing of time (parameters, schedule, SOC, site overrides,
   * reboots): with the simulated time it identifies a state, so the HTTP layer may reuse a rendered payload.
   */
  revision(): number;
  /** One sample a simulated minute, newest last, at most a day (for /ems_history.json). */
  emsHistory(): readonly EmsSample[];
}

/** A minute sample of the site [W, fraction, epoch ms]. */
export interface EmsSample {
  readonly tMs: number;
  readonly batteryW: number;
  readonly gridW: number;
  readonly pvW: number;
  readonly socFraction: number;
}

const HISTORY_SAMPLES = 1440;

export function createHomevoltDevice(options: HomevoltDeviceOptions = {}): HomevoltDevice {
  const o = parseDeviceOptions(options);
  const siteOptions: SiteOptions = { seed: o.seed, startMs: o.startMs, units: o.units, initialSoc: o.initialSoc, ...o.site };
  const siteConfig = buildSiteConfig('homevolt', siteOptions);
  const coreSite: Site = o.placeOn ? o.placeOn(siteConfig) : createSite(siteConfig);
  let revision = 0;
  const bump = <A extends unknown[], R>(f: (...args: A) => R) => (...args: A): R => {
    revision++;
    return f(...args);
  };
  // The site as others see it: overrides count as state changes.
  const site: Site = Object.assign(Object.create(coreSite) as Site, {
    setSoc: bump(coreSite.setSoc),
    setTemperature: bump(coreSite.setTemperature),
    setLoadOverride: bump(coreSite.setLoadOverride),
    setPvOverride: bump(coreSite.setPvOverride),
  });
  const identity = createIdentity(site.streams.stream('identity'), o.units);
  const firmware = FIRMWARE_PROFILES[o.firmware];
  const rawParams = createParamStore();
  const params: ParamStore = { ...rawParams, set: bump(rawParams.set), store: bump(rawParams.store), load: bump(rawParams.load), reset: bump(rawParams.reset) };
  const rawSchedule = createScheduleBook(o.scheduleTypes ?? firmware.scheduleTypes, identity.cloudScheduleId);
  const schedule: ScheduleBook = Object.assign(Object.create(rawSchedule) as ScheduleBook, {
    set: bump(rawSchedule.set),
    add: bump(rawSchedule.add),
    del: bump(rawSchedule.del),
    clear: bump(rawSchedule.clear),
    replace: bump(rawSchedule.replace),
  });
  schedule.replace(identity.cloudScheduleId, cloudPlan(o.startMs));
  const logs = createLogBuffer(o.logCapacity);
  const history = createLogBuffer(64);
  const spiffs = createSpiffsStore(o.spiffsQuotaBytes);
  const lockout = createAuthLockout();
  const capacityWh = site.config.battery.capacityWh;
  const offsets = identity.units.flatMap((u) => u.moduleSocOffset);
  let bank: ModuleBank = createModuleBank(o.units, capacityWh, site.snapshot().energyWh, offsets);
  let lastEnergyWh = site.snapshot().energyWh;
  let pid: PidState = INITIAL_PID;
  let gridCode: GridCodeState = INITIAL_GRID_CODE_STATE;
  const gridCodeParams = buildGridCodeParams();
  let reserveW = 0;
  let phase: Availability = o.bootS > 0 ? 'booting' : 'up';
  let untilMs = o.startMs + o.bootS * 1000;
  let bootedAtMs = o.startMs;
  let rebootAtMs: number | null = null;

  const log = (level: LogLevel, tag: string, data: string, task = 'main'): void => {
    logs.add({ timestampMs: Math.floor(site.now()), core: task === 'main' ? 0 : 1, level, data, tag, task });
  };
  const event = (level: LogLevel, tag: string, data: string): void => {
    log(level, tag, data);
    history.add({ timestampMs: Math.floor(site.now()), core: 0, level, data, tag, task: 'main' });
  };

  const trackModules = (energyWh: number): void => {
    bank = applyEnergyDelta(bank, energyWh - lastEnergyWh);
    lastEnergyWh = energyWh;
  };

  let samples: EmsSample[] = [];
  let lastSampleMinute = Math.floor(o.startMs / 60_000);
  const controller = (inputs: ControlInputs): number => {
    trackModules(inputs.socFraction * capacityWh);
    const minute = Math.floor(inputs.tMs / 60_000);
    if (minute > lastSampleMinute) {
      lastSampleMinute = minute;
      samples.push({ tMs: minute * 60_000, batteryW: inputs.batteryW, gridW: inputs.gridW, pvW: inputs.pvW, socFraction: inputs.socFraction });
      if (samples.length > HISTORY_SAMPLES) samples = samples.slice(samples.length - HISTORY_SAMPLES);
    }
    if (phase !== 'up') return 0;
    const entry = schedule.active(inputs.tMs);
    const tune = params.get('ems_pid_tune') as readonly number[];
    const trigger = entry?.params.use_ffr_custom_trig_freq === true ? params.getNumber('inverter_ffr_test_trigger_freq') : 9900;
    const result = scheduleCommand(entry, inputs, pid, { kp: tune[0]!, ki: tune[1]!, kd: tune[2]!, antiWindup: tune[3]!, cutoffHz: tune[4]! }, {
      maxChargeW: site.config.battery.chargeRatedW,
      maxDischargeW: site.config.battery.dischargeRatedW,
      // ffr_fstart_freq and the test trigger are in 0.01 % of 50 Hz.
      ffrTriggerHz: (trigger / 10_000) * 50,
    });
    pid = result.pid;
    reserveW = result.reserveW;
    const before = gridCode.mode;
    const gc = applyGridCode(gridCodeParams, gridCode, {
      freqHz: inputs.freqHz,
      strategyW: result.commandW,
      actualW: inputs.batteryW,
      ratedW: site.config.battery.dischargeRatedW,
      chargeLimitW: inputs.chargeLimitW,
      dischargeLimitW: inputs.dischargeLimitW,
      dtS: inputs.dtS,
    });
    gridCode = gc.state;
    if (gridCode.mode !== before && (gridCode.mode === 'disconnected' || before === 'disconnected')) {
      event(gridCode.mode === 'disconnected' ? 'error' : 'info', 'ems_grid', gridCode.mode === 'disconnected' ? `Grid trip at ${inputs.freqHz.toFixed(3)} Hz: inverter disconnected` : 'Grid back in band: inverter reconnecting');
    }
    return gc.powerW;
  };
  site.setController(controller);

  const reboot = (atMs: number): void => {
    revision++;
    params.load();
    pid = INITIAL_PID;
    phase = 'booting';
    untilMs = atMs + o.rebootS * 1000;
    bootedAtMs = atMs;
    rebootAtMs = null;
    logs.clear();
    event('warning', 'system', 'Rebooting: runtime parameters reloaded from flash');
  };

  const nextEventMs = (): number | null => (phase !== 'up' ? untilMs : rebootAtMs);

  const device: HomevoltDevice = {
    kind: 'homevolt',
    site,
    identity,
    firmware,
    units: o.units,
    params,
    schedule,
    logs,
    history,
    spiffs,
    lockout,
    get bootedAtMs() {
      return bootedAtMs;
    },
    stepTo(tMs) {
      for (let at = nextEventMs(); at !== null && at <= tMs; at = nextEventMs()) {
        if (at > site.now()) site.stepTo(at);
        if (phase === 'updating') reboot(at);
        else if (phase === 'booting') {
          phase = 'up';
          revision++;
          log('info', 'system', `Boot complete, firmware ${firmware.espVersion}`);
        } else reboot(at);
      }
      if (tMs > site.now()) site.stepTo(tMs);
      trackModules(site.snapshot().energyWh);
    },
    simState() {
      const v = device.view();
      return {
        device: 'homevolt',
        firmware: firmware.name,
        availability: phase,
        units: v.units.map((u) => ({ ecuId: u.identity.ecuId, powerW: u.powerW, moduleSoc: u.moduleSoc, moduleEnergyWh: u.moduleEnergyWh })),
        socFraction: site.snapshot().socFraction,
        batteryW: v.batteryW,
        gridW: v.gridW,
        pvW: v.pvW,
        loadW: v.loadW,
        freqHz: v.freqHz,
        localMode: v.localMode,
        scheduleId: v.scheduleId,
        activeScheduleType: v.activeEntry?.type ?? null,
        // The entry in force, for the dashboard: its setpoint in the firmware's meaning for its type (W).
        activeSchedule: v.activeEntry ? { id: v.activeEntry.id, type: v.activeEntry.type, fromMs: v.activeEntry.fromMs, toMs: v.activeEntry.toMs, setpointW: typeof v.activeEntry.params['setpoint'] === 'number' ? v.activeEntry.params['setpoint'] : null } : null,
        batteryCommandW: site.snapshot().batteryCommandW,
        gridCodeMode: v.gridCodeMode,
      };
    },
    setSoc(socFraction) {
      revision++;
      coreSite.setSoc(socFraction);
      bank = rescale(withUniformSoc(bank, socFraction), site.snapshot().energyWh);
      lastEnergyWh = site.snapshot().energyWh;
    },
    availability: () => phase,
    revision: () => revision,
    emsHistory: () => samples,
    availableAtMs: () => (phase === 'up' ? null : phase === 'updating' ? untilMs + o.rebootS * 1000 : untilMs),
    view: () => buildView({ site, identity, firmware, units: o.units, bank, params, schedule, pid, gridCode: gridCode.mode, reserveW, upTimeMs: site.now() - bootedAtMs, otaRunning: phase === 'updating' }),
    log,
    event,
    scheduleReboot(delayMs) {
      rebootAtMs = delayMs > 0 ? site.now() + delayMs : null;
      if (delayMs > 0) log('warning', 'system', `Reboot in ${delayMs} ms`);
    },
    startOta(bytes) {
      revision++;
      phase = 'updating';
      untilMs = site.now() + o.otaInstallS * 1000;
      event('info', 'ota', `Firmware image received (${bytes} bytes), installing`);
    },
  };
  if (phase === 'booting') bootedAtMs = o.startMs;
  log('info', 'system', `Homevolt ECU started, firmware ${firmware.espVersion}, ${o.units} unit(s)`);
  return device;
}
