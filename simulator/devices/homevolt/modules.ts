/**
 * Per-module energy of every unit (docs/physics.md §2.8). The core models the whole stack as one battery; this
 * splits each change of its stored energy across the 2·N modules – discharge in proportion to each module's
 * energy, charge in proportion to its headroom – so module SOCs converge while their sum stays the core's.
 */
export interface ModuleBank {
  /** Energy of module m of unit u [Wh]; index u * 2 + m. */
  readonly energyWh: readonly number[];
  /** Usable capacity of one module [Wh]. */
  readonly moduleCapacityWh: number;
  /** Energy moved through each module since the start [Wh], for cycle counts. */
  readonly throughputWh: readonly number[];
}

export function createModuleBank(units: number, totalCapacityWh: number, totalEnergyWh: number, offsets: readonly number[]): ModuleBank {
  const n = units * 2;
  const moduleCapacityWh = totalCapacityWh / n;
  const mean = totalEnergyWh / n;
  const raw = Array.from({ length: n }, (_, i) => clampWh(mean + (offsets[i] ?? 0) * moduleCapacityWh, moduleCapacityWh));
  return rescale({ energyWh: raw, moduleCapacityWh, throughputWh: new Array<number>(n).fill(0) }, totalEnergyWh);
}

/** Applies a change of the total stored energy [Wh] (+ = charged). */
export function applyEnergyDelta(bank: ModuleBank, deltaWh: number): ModuleBank {
  if (deltaWh === 0) return bank;
  const cap = bank.moduleCapacityWh;
  const weights = bank.energyWh.map((e) => (deltaWh < 0 ? e : cap - e));
  const sum = weights.reduce((a, b) => a + b, 0);
  const n = bank.energyWh.length;
  const energyWh = bank.energyWh.map((e, i) => clampWh(e + (sum > 0 ? (deltaWh * weights[i]!) / sum : deltaWh / n), cap));
  const throughputWh = bank.throughputWh.map((t, i) => t + Math.abs(energyWh[i]! - bank.energyWh[i]!));
  return { energyWh, moduleCapacityWh: cap, throughputWh };
}

/** Sets every module to the same SOC [fraction] (e.g. POST /_sim/state {soc}). */
export function withUniformSoc(bank: ModuleBank, socFraction: number): ModuleBank {
  return { ...bank, energyWh: bank.energyWh.map(() => socFraction * bank.moduleCapacityWh) };
}

/** Scales the modules so that they sum to `totalWh` (reconciles rounding with the core). */
export function rescale(bank: ModuleBank, totalWh: number): ModuleBank {
  const sum = bank.energyWh.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - totalWh) < 1e-9) return bank;
  return applyEnergyDelta(bank, totalWh - sum);
}

function clampWh(e: number, cap: number): number {
  return e < 0 ? 0 : e > cap ? cap : e;
}
