/** Site configurations for the two devices, built from defaults and strictly checked overrides. */
import { buildActuatorParams, HOMEVOLT_ACTUATOR, SESSY_ACTUATOR, type ActuatorParams } from './actuator.ts';
import { buildBatteryParams, HOMEVOLT_BATTERY, SESSY_BATTERY, type BatteryParams } from './battery-params.ts';
import { DEFAULT_START_MS } from './clock.ts';
import { rejectUnknownKeys, requireFinite } from './errors.ts';
import { buildFrequencyParams, type FrequencyParams } from './grid-frequency.ts';
import { buildHouseholdParams, type HouseholdParams } from './household.ts';
import { buildPvParams, type PvParams } from './pv.ts';
import type { SharedGridConfig } from './shared-grid.ts';
import type { SiteConfig } from './site.ts';

/** The device a site is configured for; the meter's own household is configured as a Sessy home's. */
export type DeviceKind = 'sessy' | 'homevolt' | 'sessy-meter';

export interface SiteOptions {
  readonly seed?: number | string;
  readonly startMs?: number;
  readonly battery?: Partial<BatteryParams>;
  readonly actuator?: Partial<ActuatorParams>;
  readonly household?: Partial<HouseholdParams>;
  readonly pv?: Partial<PvParams>;
  readonly frequency?: Partial<FrequencyParams>;
  /** SOC at the start [fraction]; default 0.5. */
  readonly initialSoc?: number;
  /** Cell temperature [°C]; default 20. */
  readonly initialTempC?: number;
  /** Homevolt only: number of units (each two modules and a 6 kW inverter); default 1. */
  readonly units?: number;
  /** Largest sub-step [s]; default 1. */
  readonly maxStepS?: number;
  /** How often meter registers are persisted [s]; default 900. */
  readonly meterPersistIntervalS?: number;
}

const OPTION_KEYS = ['seed', 'startMs', 'battery', 'actuator', 'household', 'pv', 'frequency', 'initialSoc', 'initialTempC', 'units', 'maxStepS', 'meterPersistIntervalS'];

export function buildSiteConfig(kind: DeviceKind, options: SiteOptions = {}): SiteConfig {
  const device = kind === 'sessy-meter' ? 'sessy' : kind;
  rejectUnknownKeys('the site options', options, OPTION_KEYS);
  const units = requireFinite('units', options.units ?? 1, 1, 16);
  if (device === 'sessy' && units !== 1) requireFinite('units (Sessy has one)', units, 1, 1);
  let battery: BatteryParams;
  if (device === 'sessy') {
    battery = buildBatteryParams(SESSY_BATTERY, options.battery);
  } else {
    const scaled = {
      ...HOMEVOLT_BATTERY,
      capacityWh: HOMEVOLT_BATTERY.capacityWh * units,
      chargeRatedW: HOMEVOLT_BATTERY.chargeRatedW * units,
      dischargeRatedW: HOMEVOLT_BATTERY.dischargeRatedW * units,
      auxW: HOMEVOLT_BATTERY.auxW * units,
      lossP0W: HOMEVOLT_BATTERY.lossP0W * units,
      lossK2PerW: HOMEVOLT_BATTERY.lossK2PerW / units,
      packResistanceOhm: HOMEVOLT_BATTERY.packResistanceOhm / units,
    };
    battery = buildBatteryParams(scaled, options.battery);
  }
  return Object.freeze({
    seed: options.seed ?? 42,
    startMs: requireFinite('startMs', options.startMs ?? DEFAULT_START_MS),
    battery,
    actuator: buildActuatorParams(device === 'sessy' ? SESSY_ACTUATOR : HOMEVOLT_ACTUATOR, options.actuator),
    household: buildHouseholdParams({ phases: device === 'sessy' ? 1 : 3, ...options.household }),
    pv: buildPvParams({ phase: device === 'sessy' ? 1 : 0, ...options.pv }),
    frequency: buildFrequencyParams(options.frequency),
    initialSoc: requireFinite('initialSoc', options.initialSoc ?? 0.5, 0, 1),
    initialTempC: requireFinite('initialTempC', options.initialTempC ?? 20, -40, 80),
    batteryPhase: device === 'sessy' ? 1 : 0,
    maxStepS: requireFinite('maxStepS', options.maxStepS ?? 1, 1e-3, 3600),
    meterPersistIntervalS: requireFinite('meterPersistIntervalS', options.meterPersistIntervalS ?? 900, 0, 1e9),
  });
}

/** Options of a shared grid (one household with several batteries): every field optional. */
export interface SharedGridOptions {
  readonly seed?: number | string;
  readonly startMs?: number;
  /** Default: three phases, 2800 kWh a year (docs/physics.md §4.1). */
  readonly household?: Partial<HouseholdParams>;
  /** Default: a 4 kWp roof on all three phases (peakW 0 for none). */
  readonly pv?: Partial<PvParams>;
  readonly frequency?: Partial<FrequencyParams>;
  /** Largest sub-step [s]; default 1. */
  readonly maxStepS?: number;
  /** How often meter registers are persisted [s]; default 900. */
  readonly meterPersistIntervalS?: number;
}

const GRID_OPTION_KEYS = ['seed', 'startMs', 'household', 'pv', 'frequency', 'maxStepS', 'meterPersistIntervalS'];

export function buildSharedGridConfig(options: SharedGridOptions = {}): SharedGridConfig {
  rejectUnknownKeys('the grid options', options, GRID_OPTION_KEYS);
  return Object.freeze({
    seed: options.seed ?? 42,
    startMs: requireFinite('startMs', options.startMs ?? DEFAULT_START_MS),
    household: buildHouseholdParams({ phases: 3, ...options.household }),
    pv: buildPvParams({ phase: 0, ...options.pv }),
    frequency: buildFrequencyParams(options.frequency),
    maxStepS: requireFinite('maxStepS', options.maxStepS ?? 1, 1e-3, 3600),
    meterPersistIntervalS: requireFinite('meterPersistIntervalS', options.meterPersistIntervalS ?? 900, 0, 1e9),
  });
}
