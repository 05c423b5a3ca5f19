import { describe, expect, it } from 'vitest';
import { simulateZeroOnMeterDay } from './zero-on-meter-day.ts';

/**
 * The cadence is 5 s: a realistic poll of a small embedded HTTP server (four requests a step, one at a time),
 * slow enough that the battery has reached its last setpoint before the next one (Sessy τ = 1 s and 1000 W/s,
 * Homevolt 690 W/s), so the loop has no dead time and the default gains sit well inside K < 2. It is also the
 * cadence of the bench and of the same check repeated over HTTP.
 */
const CADENCE_MS = 5000;

describe('zero on the meter over a simulated day', () => {
  it.each(['sessy', 'homevolt'] as const)('keeps %s grid power within ±50 W in ≥ 90 % of the minutes not at a limit', async (device) => {
    const day = await simulateZeroOnMeterDay({ device, cadenceMs: CADENCE_MS, seed: 42 });
    expect(day.minutes).toBe(1440);
    expect(day.controlSteps).toBe(86_400_000 / CADENCE_MS);
    // The day must exercise the controller, not just its limits.
    expect(day.minutes - day.minutesAtLimit).toBeGreaterThan(600);
    expect(day.shareWithinTolerance).toBeGreaterThanOrEqual(0.9);
    expect(day.finalSoc).toBeGreaterThanOrEqual(0);
    expect(day.finalSoc).toBeLessThanOrEqual(1);
  });
});
