/** The meter's list of dongles: the last report per unique_id, and forgetting the silent (docs/sessy.md §6). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORGET_AFTER_S, EMPTY_REGISTRY, forgetSilent, parseNomReport, recordReport, type NomReport } from '../../simulator/devices/sessy-meter/index.ts';

const body = { unique_id: 'DAAA1111', state_of_charge: 0.5, sessy_power_w: -300, max_charge_power_w: 2200, max_discharge_power_w: 1700 };
const report = (over: Record<string, unknown> = {}): NomReport => {
  const r = parseNomReport({ ...body, ...over });
  if (!r.ok) throw new Error(r.error);
  return r.report;
};

describe('recordReport', () => {
  it('keeps the last report of each unique_id, in the order the dongles first reported', () => {
    let reg = recordReport(EMPTY_REGISTRY, report({ unique_id: 'B' }), 0);
    reg = recordReport(reg, report({ unique_id: 'A' }), 1000);
    reg = recordReport(reg, report({ unique_id: 'B', sessy_power_w: 500 }), 2000);
    expect([...reg.keys()]).toEqual(['B', 'A']);
    expect(reg.get('B')!.report.powerW).toBe(500);
    expect(reg.get('B')!.receivedMs).toBe(2000);
  });

  it('does not change the registry it was given', () => {
    const reg = recordReport(EMPTY_REGISTRY, report(), 0);
    recordReport(reg, report({ unique_id: 'other' }), 1);
    expect(reg.size).toBe(1);
  });
});

describe('forgetSilent', () => {
  it('forgets a dongle silent for longer than the timeout and keeps the others', () => {
    let reg = recordReport(EMPTY_REGISTRY, report({ unique_id: 'A' }), 0);
    reg = recordReport(reg, report({ unique_id: 'B' }), 20_000);
    expect([...forgetSilent(reg, 30_000, 30).keys()]).toEqual(['A', 'B']);
    expect([...forgetSilent(reg, 30_001, 30).keys()]).toEqual(['B']);
  });

  it('returns the same registry when it forgets nothing (no needless change)', () => {
    const reg = recordReport(EMPTY_REGISTRY, report(), 0);
    expect(forgetSilent(reg, 1000, 30)).toBe(reg);
  });

  it('defaults to 30 s, an assumption written down in docs/sessy.md §6', () => {
    expect(DEFAULT_FORGET_AFTER_S).toBe(30);
  });
});

describe('parseNomReport', () => {
  it('reads the dongle’s fields into SI units with defaults for the optional ones', () => {
    const r = report({ ac_voltage_mv: 231500, overridden: true, override_power_w: 800, safety_state: 'SYSTEM_STATE_RUNNING_SAFE', gcl_data: { a: 1 } });
    expect(r).toMatchObject({ uniqueId: 'DAAA1111', socFraction: 0.5, powerW: -300, minPowerW: 50, acVoltageV: 231.5, overridden: true, overridePowerW: 800, safetyState: 'SYSTEM_STATE_RUNNING_SAFE', gclData: { a: 1 } });
    expect(report()).toMatchObject({ minPowerW: 50, overridden: false, overridePowerW: 0, acVoltageV: 0, safetyState: null });
  });

  it.each([
    ['a non-object', [1], 'Failed to parse json'],
    ['no unique_id', { ...body, unique_id: undefined }, 'Failed to parse required string argument unique_id, with error: ESP_ERR_NOT_FOUND'],
    ['an empty unique_id', { ...body, unique_id: '' }, 'Failed to parse required string argument unique_id, with error: ESP_ERR_INVALID_ARG'],
    ['no state_of_charge', { ...body, state_of_charge: undefined }, 'Failed to parse required number argument state_of_charge, with error: ESP_ERR_NOT_FOUND'],
    ['a string power', { ...body, sessy_power_w: '100' }, 'Failed to parse required number argument sessy_power_w, with error: ESP_ERR_INVALID_ARG'],
    ['a state of charge of 50 (percent)', { ...body, state_of_charge: 50 }, 'state_of_charge out of range (0 to 1), with a value of 50'],
    ['a negative charge limit', { ...body, max_charge_power_w: -5 }, 'max_charge_power_w out of range (0 to 100000), with a value of -5'],
    ['a huge power', { ...body, sessy_power_w: 1e9 }, 'sessy_power_w out of range (-100000 to 100000), with a value of 1000000000'],
    ['overridden as a string', { ...body, overridden: 'yes' }, 'Failed to parse required bool argument overridden, with error: ESP_ERR_INVALID_ARG'],
  ])('refuses %s with the meter’s error text', (_name, input, error) => {
    const clean = JSON.parse(JSON.stringify(input));
    expect(parseNomReport(clean)).toEqual({ ok: false, error });
  });
});
