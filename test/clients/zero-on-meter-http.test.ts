import { describe, expect, it } from 'vitest';
import { runZeroOnMeterOverHttp } from './http-day.ts';

/**
 * The control code of clients/control driving each client `Battery` over real HTTP, against an in-process emulator
 * on a manual clock, at a 5 s cadence. A whole day takes minutes of wall time over HTTP on a shared 2-core machine
 * (bench/clients-day.ts measures it), so the test covers the morning hour in which PV comes up (08:00–09:00 UTC), after two minutes of take-over.
 */
const MORNING_S = 8 * 3600;

describe('zero on the meter over HTTP', () => {
  it.each(['sessy', 'homevolt'] as const)('keeps %s grid power within ±50 W in ≥ 90 % of the minutes not at a limit', async (device) => {
    const result = await runZeroOnMeterOverHttp({ device, startOffsetS: MORNING_S - 120, warmupS: 120, durationS: 3600, resendAfterMs: 30_000 });
    expect(result.minutes).toBe(60);
    expect(result.errors).toBe(0);
    expect(result.minutes - result.minutesAtLimit).toBeGreaterThan(30);
    expect(result.shareWithinTolerance).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});
