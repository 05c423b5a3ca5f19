/**
 * Where the meter's reading comes from: the grid connection of a house, per phase. Standalone, the meter reads its
 * own household (a core Site with an idle battery); in a site of several devices the site injects a source that is
 * the household plus PV plus every battery on it. Signs: power + = import.
 */
import type { Site } from '../../core/index.ts';

/** One phase at the connection. */
export interface GridPhaseReading {
  /** RMS voltage [V]; 0 for a phase the connection does not have. */
  readonly voltageV: number;
  /** Net power through this phase [W], + = import, − = export. */
  readonly powerW: number;
  /** Energy imported through this phase since the source began [Wh]; never decreases. */
  readonly importWh: number;
  /** Energy exported through this phase since the source began [Wh]; never decreases. */
  readonly exportWh: number;
}

export interface GridReading {
  /** L1, L2, L3 (always three; a single-phase house has voltage 0 on L2 and L3). */
  readonly phases: readonly [GridPhaseReading, GridPhaseReading, GridPhaseReading];
  /** Energy imported through the connection, netted over the phases as Dutch meters do, since the source began [Wh]; never decreases. */
  readonly importWh: number;
  /** Energy exported, netted over the phases, since the source began [Wh]; never decreases. */
  readonly exportWh: number;
}

/**
 * The meter's grid reading. `readGrid(tMs)` is called with the meter's own time after the meter has stepped to it;
 * the source answers for that instant (a site steps its physics first, or steps lazily inside readGrid). It must
 * not move time backwards and must not throw for a time it has already reached.
 */
export interface GridSource {
  readGrid(tMs: number): GridReading;
}

/**
 * A core Site as a grid source: its per-phase grid power and voltages and its grid register. Phases the household
 * does not use (a single-phase site) read 0 V, as in the P1 capture (docs/sessy.md §6).
 */
export function createSiteGridSource(site: Site, phases: 1 | 3 = site.config.household.phases === 3 ? 3 : 1): GridSource {
  return {
    readGrid(tMs) {
      if (tMs > site.now()) site.stepTo(tMs);
      const s = site.snapshot();
      const registers = [s.meters.gridL1, s.meters.gridL2, s.meters.gridL3];
      const phase = (i: number): GridPhaseReading =>
        i < phases ? { voltageV: s.phaseVoltageV[i]!, powerW: s.gridPhaseW[i]!, importWh: registers[i]!.importWh, exportWh: registers[i]!.exportWh } : { voltageV: 0, powerW: 0, importWh: 0, exportWh: 0 };
      return { phases: [phase(0), phase(1), phase(2)], importWh: s.meters.grid.importWh, exportWh: s.meters.grid.exportWh };
    },
  };
}
