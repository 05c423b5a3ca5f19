/**
 * Phase voltage at the house (docs/physics.md §4.3): 230 V with a daily sag, a slow random wander and the drop
 * (or rise, when exporting) across the grid's resistance. The wander is a sum of sines whose phases come
 * from the seed: a pure function of time, so polling a voltage never changes the simulation.
 */
import { hashedNormal } from './rng.ts';

/** Grid resistance per phase [Ω]. */
const GRID_OHM = 0.25;
/** Periods of the wander's components [s] and their weights; the weights give σ ≈ 1.5 V. */
const WANDER = [
  { periodS: 47, weight: 0.5 },
  { periodS: 131, weight: 0.9 },
  { periodS: 347, weight: 0.8 },
  { periodS: 1013, weight: 0.6 },
];

export function phaseVoltageV(seed: number, phase: number, tMs: number, netImportW: number): number {
  return createGridVoltage(seed)(phase, tMs, netImportW);
}

/** The same voltage with the seed's phase shifts worked out once: what a site keeps for its snapshots. */
export function createGridVoltage(seed: number): (phase: number, tMs: number, netImportW: number) => number {
  const shifts = [1, 2, 3].map((phase) => WANDER.map((_c, i) => 2 * Math.PI * hashedNormal(seed, `voltage-${phase}`, i)));
  // A snapshot reads all three phases, and several readers take a snapshot at the same moment: the load-free part
  // (sag and wander, five sines) is kept per phase for the last time asked. A cache of a pure function of time.
  const lastTMs = [Number.NaN, Number.NaN, Number.NaN];
  const lastBaseV = [0, 0, 0];
  return (phase, tMs, netImportW) => {
    const slot = phase >= 1 && phase <= 3 ? phase - 1 : 0;
    if (lastTMs[slot] !== tMs) {
      const tS = tMs / 1000;
      const hour = (tMs % 86_400_000) / 3_600_000;
      const phaseShifts = shifts[slot]!;
      let wander = 0;
      for (let i = 0; i < WANDER.length; i++) wander += WANDER[i]!.weight * Math.sin((2 * Math.PI * tS) / WANDER[i]!.periodS + phaseShifts[i]!);
      lastBaseV[slot] = 230 - 2 * Math.sin((2 * Math.PI * (hour - 4)) / 24) + wander;
      lastTMs[slot] = tMs;
    }
    return lastBaseV[slot]! - (GRID_OHM * netImportW) / 230;
  };
}
