/** Options of the Homevolt device model, checked once and frozen. */
import type { Site, SiteConfig, SiteOptions } from '../../core/index.ts';
import { DEFAULT_START_MS } from '../../core/index.ts';
import { HomevoltError } from './errors.ts';
import { FIRMWARE_NAMES, type FirmwareName } from './firmware.ts';
import { ALL_SCHEDULE_TYPES, type ScheduleType } from './schedule.ts';

export interface HomevoltDeviceOptions {
  readonly seed?: number | string;
  /** Simulated start [epoch ms]. */
  readonly startMs?: number;
  /** Homevolt units (leader + followers); default 1. */
  readonly units?: number;
  /** Firmware profile; default '2512'. */
  readonly firmware?: FirmwareName;
  /** SOC at the start [fraction]; default 0.5. */
  readonly initialSoc?: number;
  /** Schedule types the firmware keeps (others become idle); default the profile's list. */
  readonly scheduleTypes?: readonly ScheduleType[];
  /** SPIFFS quota [bytes]; default 1 MiB. */
  readonly spiffsQuotaBytes?: number;
  /** Boot time at start [s]; default 0 (ready at once). */
  readonly bootS?: number;
  /** Boot time after a reboot [s]; default 20. */
  readonly rebootS?: number;
  /** OTA install window before the reboot [s]; default 30 (the docs' "retry after 30 seconds"). */
  readonly otaInstallS?: number;
  /** Log ring buffer entries; default 200. */
  readonly logCapacity?: number;
  /** Household, PV, battery and frequency overrides for the core site. */
  readonly site?: Omit<SiteOptions, 'seed' | 'startMs' | 'units' | 'initialSoc'>;
  /** Puts the battery on a shared grid (a site of several devices): returns the battery's view of that grid. */
  readonly placeOn?: (config: SiteConfig) => Site;
}

export interface ParsedDeviceOptions {
  readonly seed: number | string;
  readonly startMs: number;
  readonly units: number;
  readonly firmware: FirmwareName;
  readonly initialSoc: number;
  readonly scheduleTypes: readonly ScheduleType[] | null;
  readonly spiffsQuotaBytes: number;
  readonly bootS: number;
  readonly rebootS: number;
  readonly otaInstallS: number;
  readonly logCapacity: number;
  readonly site: Omit<SiteOptions, 'seed' | 'startMs' | 'units' | 'initialSoc'>;
  readonly placeOn: ((config: SiteConfig) => Site) | null;
}

const KEYS = ['seed', 'startMs', 'units', 'firmware', 'initialSoc', 'scheduleTypes', 'spiffsQuotaBytes', 'bootS', 'rebootS', 'otaInstallS', 'logCapacity', 'site', 'placeOn'];

export function parseDeviceOptions(options: HomevoltDeviceOptions): ParsedDeviceOptions {
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key)) bad(`unknown option "${key}". Known options: ${KEYS.join(', ')}`);
  }
  const firmware = options.firmware ?? '2512';
  if (!FIRMWARE_NAMES.includes(firmware)) bad(`firmware must be one of ${FIRMWARE_NAMES.join(', ')}, got ${String(firmware)}`);
  const types = options.scheduleTypes ?? null;
  if (types !== null && (!Array.isArray(types) || types.some((t) => !ALL_SCHEDULE_TYPES.includes(t)))) bad('scheduleTypes must be a list of schedule types 0–9');
  return Object.freeze({
    seed: options.seed ?? 42,
    startMs: num('startMs', options.startMs ?? DEFAULT_START_MS, 0, 8.64e15),
    units: int('units', options.units ?? 1, 1, 16),
    firmware,
    initialSoc: num('initialSoc', options.initialSoc ?? 0.5, 0, 1),
    scheduleTypes: types,
    spiffsQuotaBytes: int('spiffsQuotaBytes', options.spiffsQuotaBytes ?? 1_048_576, 0, 64 * 1_048_576),
    bootS: num('bootS', options.bootS ?? 0, 0, 3600),
    rebootS: num('rebootS', options.rebootS ?? 20, 0, 3600),
    otaInstallS: num('otaInstallS', options.otaInstallS ?? 30, 0, 3600),
    logCapacity: int('logCapacity', options.logCapacity ?? 200, 1, 100_000),
    site: options.site ?? {},
    placeOn: options.placeOn ?? null,
  });
}

function bad(why: string): never {
  throw new HomevoltError('HOMEVOLT_ERR_BAD_OPTION', `Failed to configure the Homevolt device: ${why}.`);
}

function num(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) bad(`${name} must be a number from ${min} to ${max}, got ${String(v)}`);
  return v;
}

function int(name: string, v: unknown, min: number, max: number): number {
  const n = num(name, v, min, max);
  if (!Number.isInteger(n)) bad(`${name} must be an integer, got ${n}`);
  return n;
}
