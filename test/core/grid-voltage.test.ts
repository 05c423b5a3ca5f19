/** Phase voltage (docs/physics.md §4.3) is a pure function of time and load, however it is asked. */
import { describe, expect, it } from 'vitest';
import { createGridVoltage, phaseVoltageV } from '../../simulator/core/grid-voltage.ts';

describe('createGridVoltage', () => {
  it('gives every phase, time and load the same voltage as a fresh model, in any order of asking', () => {
    const voltage = createGridVoltage(42);
    const t0 = Date.UTC(2026, 5, 1, 12);
    const asks: [number, number, number][] = [];
    for (let i = 0; i < 200; i++) asks.push([1 + (i % 3), t0 + Math.floor(i / 4) * 1000 + (i % 7 === 0 ? -5000 : 0), (i % 5) * 900 - 1800]);
    // Repeated times, phases interleaved, the same time with other loads, and a step back in time.
    for (const [phase, tMs, loadW] of [...asks, ...asks.slice().reverse()]) {
      expect(voltage(phase, tMs, loadW)).toBe(phaseVoltageV(42, phase, tMs, loadW));
    }
  });

  it('lets each phase wander on its own seeded phases', () => {
    const voltage = createGridVoltage(42);
    for (let k = 0; k < 24; k++) {
      const t = Date.UTC(2026, 5, 1, k, 17);
      const [l1, l2, l3] = [voltage(1, t, 0), voltage(2, t, 0), voltage(3, t, 0)];
      expect(new Set([l1, l2, l3]).size).toBe(3);
    }
  });

  it('drops across the grid resistance with import and rises with export', () => {
    const voltage = createGridVoltage(7);
    const t = Date.UTC(2026, 5, 1, 8);
    expect(voltage(2, t, 2300)).toBeCloseTo(voltage(2, t, 0) - 2.5, 9);
    expect(voltage(2, t, -2300)).toBeCloseTo(voltage(2, t, 0) + 2.5, 9);
  });
});
