import { describe, expect, it } from 'vitest';
import { buildSiteConfig, HOMEVOLT_BATTERY, SESSY_BATTERY, SimError } from '../../simulator/core/index.ts';

describe('buildSiteConfig', () => {
  it('builds the Sessy defaults: one 5 kWh LFP battery on phase 1', () => {
    const config = buildSiteConfig('sessy');
    expect(config.battery).toEqual(SESSY_BATTERY);
    expect(config.batteryPhase).toBe(1);
    expect(config.household.phases).toBe(1);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('builds the Homevolt defaults, whose battery has no DC current limit (Infinity)', () => {
    const config = buildSiteConfig('homevolt');
    expect(config.battery.dischargeCurrentLimitA).toBe(Infinity);
    expect(config.batteryPhase).toBe(0);
    expect(config.household.phases).toBe(3);
  });

  it('scales a Homevolt site with the number of units', () => {
    const config = buildSiteConfig('homevolt', { units: 2 });
    expect(config.battery.capacityWh).toBeCloseTo(2 * HOMEVOLT_BATTERY.capacityWh, 9);
    expect(config.battery.chargeRatedW).toBe(2 * HOMEVOLT_BATTERY.chargeRatedW);
  });

  it('rejects a second Sessy unit', () => {
    expect(() => buildSiteConfig('sessy', { units: 2 })).toThrow(SimError);
  });

  it.each([
    ['an unknown option', { colour: 'red' }, 'SIM_ERR_UNKNOWN_OPTION'],
    ['an unknown battery option', { battery: { colour: 1 } }, 'SIM_ERR_UNKNOWN_OPTION'],
    ['a negative capacity', { battery: { capacityWh: -5000 } }, 'SIM_ERR_INVALID_PARAMETER'],
    ['a NaN charge power', { battery: { chargeRatedW: NaN } }, 'SIM_ERR_INVALID_PARAMETER'],
    ['an infinite charge power', { battery: { chargeRatedW: Infinity } }, 'SIM_ERR_INVALID_PARAMETER'],
    ['a negative DC current limit', { battery: { dischargeCurrentLimitA: -1 } }, 'SIM_ERR_INVALID_PARAMETER'],
    ['socMin equal to socMax', { battery: { socMin: 0.5, socMax: 0.5 } }, 'SIM_ERR_INVALID_PARAMETER'],
    ['socMin above socMax', { battery: { socMin: 0.9, socMax: 0.1 } }, 'SIM_ERR_INVALID_PARAMETER'],
    ['an initial SOC above 1', { initialSoc: 1.2 }, 'SIM_ERR_INVALID_PARAMETER'],
    ['a zero sub-step', { maxStepS: 0 }, 'SIM_ERR_INVALID_PARAMETER'],
    ['a NaN PV peak', { pv: { peakW: NaN } }, 'SIM_ERR_INVALID_PARAMETER'],
    ['a negative annual load', { household: { annualKWh: -1 } }, 'SIM_ERR_INVALID_PARAMETER'],
    ['a zero OU time constant', { frequency: { ouTauS: 0 } }, 'SIM_ERR_INVALID_PARAMETER'],
  ])('rejects %s with %s', (_what, options, code) => {
    expect(() => buildSiteConfig('sessy', options as never)).toThrow(expect.objectContaining({ name: 'SimError', code }));
  });
});
