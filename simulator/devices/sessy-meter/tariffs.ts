/**
 * The P1 meter's tariff registers (docs/physics.md §4.4): import and export counted per tariff in Wh, from the
 * connection's netted energy. In the Netherlands tariff 1 is the low tariff (nights 23:00–07:00 and weekends) and
 * tariff 2 the normal one [A: docs/physics.md §4.4]. Pure.
 */
import { localTime } from '../../core/index.ts';

export type Tariff = 1 | 2;

export interface TariffRegisters {
  /** Imported per tariff [Wh]: index 0 = tariff 1, 1 = tariff 2. */
  readonly consumedWh: readonly [number, number];
  /** Exported per tariff [Wh]. */
  readonly producedWh: readonly [number, number];
  /** The source's netted totals at the last update [Wh]: the next update counts what came since. */
  readonly seenImportWh: number;
  readonly seenExportWh: number;
}

/**
 * Where the counters start: the Homey capture's readings (docs/sessy.md §6), so that a fresh meter looks like one
 * that has been in a house for some years.
 */
export const CAPTURE_REGISTERS = Object.freeze({ consumedWh: [745838, 523255] as const, producedWh: [201650, 545889] as const });

export function tariffAt(tMs: number): Tariff {
  const lt = localTime(tMs);
  if (lt.weekday === 0 || lt.weekday === 6) return 1;
  return lt.hour >= 23 || lt.hour < 7 ? 1 : 2;
}

export function createTariffRegisters(importWh: number, exportWh: number): TariffRegisters {
  return { consumedWh: CAPTURE_REGISTERS.consumedWh, producedWh: CAPTURE_REGISTERS.producedWh, seenImportWh: importWh, seenExportWh: exportWh };
}

/** Adds the energy since the last update to the tariff in force at `tMs`; counters never decrease. */
export function updateTariffRegisters(r: TariffRegisters, importWh: number, exportWh: number, tMs: number): TariffRegisters {
  const dImport = Math.max(0, importWh - r.seenImportWh);
  const dExport = Math.max(0, exportWh - r.seenExportWh);
  if (dImport === 0 && dExport === 0 && importWh === r.seenImportWh && exportWh === r.seenExportWh) return r;
  const i = tariffAt(tMs) - 1;
  const consumed: [number, number] = [r.consumedWh[0], r.consumedWh[1]];
  const produced: [number, number] = [r.producedWh[0], r.producedWh[1]];
  consumed[i]! += dImport;
  produced[i]! += dExport;
  // A source that starts over (a reset) lowers its totals: the meter keeps its counters and follows from there.
  return { consumedWh: consumed, producedWh: produced, seenImportWh: importWh, seenExportWh: exportWh };
}
