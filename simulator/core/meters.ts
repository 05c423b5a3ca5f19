/**
 * Energy meters (docs/physics.md §2.3): import and export registers that never decrease, with a snapshot
 * persisted periodically so that a simulated hard power-off rolls back to the last persisted value
 * (the Sessy spec warns that values may not be stored on a hard shutdown).
 */

export interface Register {
  /** Energy drawn in [Wh]. */
  importWh: number;
  /** Energy sent out [Wh]. */
  exportWh: number;
}

export interface MeterSet<K extends string> {
  readonly registers: Readonly<Record<K, Readonly<Register>>>;
  /** Adds `importW` (+ = import, − = export) for `dtS` seconds to register `key`. */
  add(key: K, importW: number, dtS: number): void;
  /** Takes a snapshot if `persistIntervalMs` has passed since the last one. */
  persistIfDue(tMs: number): void;
  /** Restores the last persisted snapshot (a hard power-off). */
  rollback(): void;
  readonly persistedAtMs: number;
}

/**
 * Adds `importW` (+ = import, − = export) for `dtS` seconds to one register. A register object of a MeterSet
 * keeps its identity for the set's life (rollback restores into it), so a hot loop may hold it and call this
 * instead of looking the key up at every step.
 */
export function addEnergy(register: Register, importW: number, dtS: number): void {
  if (importW > 0) register.importWh += (importW * dtS) / 3600;
  else if (importW < 0) register.exportWh -= (importW * dtS) / 3600;
}

export function createMeterSet<K extends string>(keys: readonly K[], startMs: number, persistIntervalMs: number, initial?: Partial<Record<K, Register>>): MeterSet<K> {
  const fresh = (): Record<K, Register> =>
    Object.fromEntries(keys.map((k) => [k, { importWh: initial?.[k]?.importWh ?? 0, exportWh: initial?.[k]?.exportWh ?? 0 }])) as Record<K, Register>;
  const registers = fresh();
  // The persisted copy is written in place: nothing outside the set ever sees it.
  const persisted = fresh();
  const regs = keys.map((k) => registers[k]);
  const saved = keys.map((k) => persisted[k]);
  let persistedAtMs = startMs;
  const methods = {
    registers,
    add(key: K, importW: number, dtS: number): void {
      addEnergy(registers[key], importW, dtS);
    },
    persistIfDue(tMs: number): void {
      if (tMs - persistedAtMs < persistIntervalMs) return;
      for (let i = 0; i < regs.length; i++) {
        saved[i]!.importWh = regs[i]!.importWh;
        saved[i]!.exportWh = regs[i]!.exportWh;
      }
      persistedAtMs = tMs;
    },
    rollback(): void {
      for (const k of keys) Object.assign(registers[k], persisted[k]);
    },
    get persistedAtMs(): number {
      return persistedAtMs;
    },
  };
  return methods satisfies MeterSet<K>;
}
