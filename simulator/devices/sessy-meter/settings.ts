/**
 * The meter's `system/settings` (docs/sessy.md §6: the P1's keys). Key order and ranges are not captured
 * [A: the order below is the one the firmware strings list]. POST is lenient as on the dongle (§3.7): unknown keys
 * ignored, booleans also as strings; out-of-range values refused with the dongle's pattern of message. Pure.
 */
export interface MeterSettings {
  readonly cloudEnabled: boolean;
  /** The main fuse per phase [A]; 0 = no limit. */
  readonly gridLimitA: number;
  /** [% 0..100] */
  readonly strategyGridFraction: number;
  readonly modbusSupported: boolean;
  readonly enableModbus: boolean;
  readonly replaceP1Meter: boolean;
  readonly baudrate: number;
  readonly parity: number;
  readonly deviceType: number;
  readonly meterAddress: number;
}

export const DEFAULT_METER_SETTINGS: MeterSettings = Object.freeze({
  cloudEnabled: true,
  gridLimitA: 25,
  strategyGridFraction: 100,
  modbusSupported: true,
  enableModbus: false,
  replaceP1Meter: false,
  baudrate: 9600,
  parity: 0,
  deviceType: 0,
  meterAddress: 1,
});

/** Wire key → field, in the order GET prints them. */
export const METER_SETTING_FIELDS = {
  cloud_enabled: 'cloudEnabled',
  grid_limit: 'gridLimitA',
  strategy_grid_fraction: 'strategyGridFraction',
  modbus_supported: 'modbusSupported',
  enable_modbus: 'enableModbus',
  replace_p1_meter: 'replaceP1Meter',
  baudrate: 'baudrate',
  parity: 'parity',
  device_type: 'deviceType',
  meter_address: 'meterAddress',
} as const satisfies Record<string, keyof MeterSettings>;

const RANGES: Partial<Record<keyof typeof METER_SETTING_FIELDS, readonly [number, number]>> = {
  grid_limit: [0, 80],
  strategy_grid_fraction: [0, 100],
  baudrate: [1200, 115200],
  parity: [0, 2],
  device_type: [0, 16],
  meter_address: [1, 247],
};

export type MeterSettingsResult = { readonly ok: true; readonly settings: MeterSettings } | { readonly ok: false; readonly error: string };

export function applyMeterSettingsPatch(current: MeterSettings, body: unknown): MeterSettingsResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: 'Failed to parse json' };
  const next: Record<string, unknown> = { ...current };
  for (const [key, field] of Object.entries(METER_SETTING_FIELDS)) {
    if (!Object.hasOwn(body, key)) continue;
    const value = (body as Record<string, unknown>)[key];
    if (typeof DEFAULT_METER_SETTINGS[field] === 'boolean') {
      if (value === true || value === 'true') next[field] = true;
      else if (value === false || value === 'false') next[field] = false;
      else return { ok: false, error: 'Failed to parse json' };
      continue;
    }
    const range = RANGES[key as keyof typeof RANGES]!;
    if (typeof value !== 'number' || !Number.isInteger(value)) return { ok: false, error: 'Failed to parse json' };
    if (value < range[0] || value > range[1]) return { ok: false, error: `${key} out of bounds, only allowed to set ${range[0]}-${range[1]}` };
    next[field] = value;
  }
  return { ok: true, settings: Object.freeze(next as unknown as MeterSettings) };
}
