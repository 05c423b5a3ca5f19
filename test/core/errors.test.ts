import { describe, expect, it } from 'vitest';
import {
  buildBatteryParams,
  buildSiteConfig,
  createBatteryState,
  createFrequencyModel,
  createManualClock,
  createRandomStream,
  createSite,
  DEFAULT_FREQUENCY,
  frequencyStep,
  parsePriceFile,
  SESSY_BATTERY,
  SIM_ERROR_CODES,
  SimError,
  stepBattery,
  type SimErrorCode,
} from '../../simulator/core/index.ts';

const codes = Object.keys(SIM_ERROR_CODES) as SimErrorCode[];

/** One way to provoke each code: proof that no code in the catalogue is dead. */
const provoke: Record<SimErrorCode, () => unknown> = {
  SIM_ERR_INVALID_PARAMETER: () => buildBatteryParams(SESSY_BATTERY, { capacityWh: -5000 }),
  SIM_ERR_UNKNOWN_OPTION: () => buildBatteryParams(SESSY_BATTERY, { colour: 'red' } as never),
  SIM_ERR_TIME_BACKWARDS: () => createManualClock(0).advance(-1),
  SIM_ERR_INVALID_COMMAND: () => stepBattery(SESSY_BATTERY, createBatteryState(SESSY_BATTERY, 0.5), NaN, 1),
  SIM_ERR_INVALID_PRICE_FILE: () => parsePriceFile('not json', 'json'),
  SIM_ERR_INVALID_EVENT: () => frequencyStep(0, 51, -1),
};

describe('SIM_ERROR_CODES', () => {
  it('holds distinct SIM_ERR_ codes, each with its own one-line description', () => {
    for (const code of codes) {
      expect(code).toMatch(/^SIM_ERR_[A-Z_]+$/);
      expect(SIM_ERROR_CODES[code].length).toBeGreaterThan(10);
      expect(SIM_ERROR_CODES[code]).not.toMatch(/\n/);
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(Object.values(SIM_ERROR_CODES)).size).toBe(codes.length);
  });

  it.each(codes)('%s is thrown by the core as a SimError', (code) => {
    let caught: unknown;
    try {
      provoke[code]();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SimError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as SimError).code).toBe(code);
    expect((caught as SimError).name).toBe('SimError');
    // Messages say what failed: "Failed to …".
    expect((caught as SimError).message).toMatch(/^Failed to /);
  });
});

describe('rejecting bad input', () => {
  const site = () => createSite(buildSiteConfig('sessy'));

  it.each<[string, () => unknown, SimErrorCode]>([
    ['a negative capacity', () => buildBatteryParams(SESSY_BATTERY, { capacityWh: -1 }), 'SIM_ERR_INVALID_PARAMETER'],
    ['a NaN rated power', () => buildBatteryParams(SESSY_BATTERY, { chargeRatedW: NaN }), 'SIM_ERR_INVALID_PARAMETER'],
    ['socMin ≥ socMax', () => buildBatteryParams(SESSY_BATTERY, { socMin: 0.6, socMax: 0.6 }), 'SIM_ERR_INVALID_PARAMETER'],
    ['an OCV curve of one point', () => buildBatteryParams(SESSY_BATTERY, { ocv: { socFraction: [0], cellV: [3] } }), 'SIM_ERR_INVALID_PARAMETER'],
    ['an unknown battery option', () => buildBatteryParams(SESSY_BATTERY, { capacityKWh: 5 } as never), 'SIM_ERR_UNKNOWN_OPTION'],
    ['an unknown site option', () => buildSiteConfig('sessy', { speed: 60 } as never), 'SIM_ERR_UNKNOWN_OPTION'],
    ['an unknown key in a site config', () => createSite({ ...buildSiteConfig('sessy'), extra: 1 } as never), 'SIM_ERR_UNKNOWN_OPTION'],
    ['a NaN power command', () => stepBattery(SESSY_BATTERY, createBatteryState(SESSY_BATTERY, 0.5), NaN, 1), 'SIM_ERR_INVALID_COMMAND'],
    ['an infinite power command', () => stepBattery(SESSY_BATTERY, createBatteryState(SESSY_BATTERY, 0.5), -Infinity, 1), 'SIM_ERR_INVALID_COMMAND'],
    ['a negative battery step', () => stepBattery(SESSY_BATTERY, createBatteryState(SESSY_BATTERY, 0.5), 0, -1), 'SIM_ERR_TIME_BACKWARDS'],
    ['an initial SOC of NaN', () => createBatteryState(SESSY_BATTERY, NaN), 'SIM_ERR_INVALID_PARAMETER'],
    [
      'a controller returning NaN',
      () => {
        const s = site();
        s.setController(() => NaN);
        s.stepTo(s.now() + 1000);
      },
      'SIM_ERR_INVALID_COMMAND',
    ],
    [
      'a site stepped back in time',
      () => {
        const s = site();
        s.stepTo(s.now() + 10_000);
        s.stepTo(s.now() - 1);
      },
      'SIM_ERR_TIME_BACKWARDS',
    ],
    ['a site stepped to NaN', () => site().stepTo(NaN), 'SIM_ERR_TIME_BACKWARDS'],
    [
      'a frequency model advanced back in time',
      () => createFrequencyModel(DEFAULT_FREQUENCY, createRandomStream(1, 'f'), 1, 10_000).advanceTo(9_999),
      'SIM_ERR_TIME_BACKWARDS',
    ],
    ['a negative clock advance', () => createManualClock(0).advance(-1000), 'SIM_ERR_TIME_BACKWARDS'],
    ['a SOC set above 1', () => site().setSoc(1.5), 'SIM_ERR_INVALID_PARAMETER'],
    ['a negative load override', () => site().setLoadOverride(-1), 'SIM_ERR_INVALID_PARAMETER'],
    ['a price file that is not JSON', () => parsePriceFile('{', 'json'), 'SIM_ERR_INVALID_PRICE_FILE'],
    ['a price CSV with a bad price', () => parsePriceFile('start,price\n2026-06-01T00:00:00Z,abc', 'csv'), 'SIM_ERR_INVALID_PRICE_FILE'],
    ['a frequency event at 0 Hz', () => frequencyStep(0, 0), 'SIM_ERR_INVALID_EVENT'],
  ])('rejects %s', (_what, act, code) => {
    expect(act).toThrow(expect.objectContaining({ name: 'SimError', code }));
  });
});
