import { describe, expect, it } from 'vitest';
import { createManualClock, DEFAULT_START_MS } from '../../simulator/core/index.ts';

describe('createManualClock', () => {
  it('starts at 2026-06-01T00:00:00Z unless told otherwise', () => {
    expect(createManualClock().now()).toBe(DEFAULT_START_MS);
    expect(new Date(DEFAULT_START_MS).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(createManualClock(1234).now()).toBe(1234);
  });

  it('moves only when advanced, and returns the new time', () => {
    const clock = createManualClock(0);
    expect(clock.now()).toBe(0);
    expect(clock.advance(1500)).toBe(1500);
    expect(clock.advance(0)).toBe(1500);
    expect(clock.now()).toBe(1500);
  });

  it('rejects a negative advance with SIM_ERR_TIME_BACKWARDS and stays where it was', () => {
    const clock = createManualClock(1000);
    expect(() => clock.advance(-1)).toThrow(expect.objectContaining({ code: 'SIM_ERR_TIME_BACKWARDS' }));
    expect(clock.now()).toBe(1000);
  });

  it('rejects a NaN advance and a NaN start with SIM_ERR_INVALID_PARAMETER', () => {
    expect(() => createManualClock(0).advance(NaN)).toThrow(expect.objectContaining({ code: 'SIM_ERR_INVALID_PARAMETER' }));
    expect(() => createManualClock(NaN)).toThrow(expect.objectContaining({ code: 'SIM_ERR_INVALID_PARAMETER' }));
  });
});
