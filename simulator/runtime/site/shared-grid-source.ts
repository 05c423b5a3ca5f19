/**
 * The shared grid as the meter's grid source: the household plus PV plus every battery, per phase, with the grid's
 * own registers. The meter reads it at its own time; the grid is stepped there first when it is behind.
 */
import type { SharedGrid } from '../../core/index.ts';
import type { GridPhaseReading, GridSource } from '../../devices/sessy-meter/index.ts';

export function createSharedGridSource(grid: SharedGrid): GridSource {
  const phases = grid.config.household.phases === 3 ? 3 : 1;
  return {
    readGrid(tMs) {
      if (tMs > grid.now()) grid.stepTo(tMs);
      const s = grid.snapshot();
      const registers = [s.meters.gridL1, s.meters.gridL2, s.meters.gridL3];
      // Phases the house is not wired with read 0 V, as in the P1 capture (docs/sessy.md §6).
      const phase = (i: number): GridPhaseReading =>
        i < phases ? { voltageV: s.phaseVoltageV[i]!, powerW: s.gridPhaseW[i]!, importWh: registers[i]!.importWh, exportWh: registers[i]!.exportWh } : { voltageV: 0, powerW: 0, importWh: 0, exportWh: 0 };
      return { phases: [phase(0), phase(1), phase(2)], importWh: s.meters.grid.importWh, exportWh: s.meters.grid.exportWh };
    },
  };
}
