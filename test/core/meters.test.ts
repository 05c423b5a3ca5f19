import { describe, expect, it } from 'vitest';
import { addEnergy, createMeterSet } from '../../simulator/core/index.ts';

describe('createMeterSet', () => {
  it('integrates import and export into separate registers [Wh]', () => {
    const meters = createMeterSet(['grid'], 0, 900_000);
    meters.add('grid', 3600, 10); // 10 Wh in
    meters.add('grid', -1800, 20); // 10 Wh out
    meters.add('grid', 0, 100);
    expect(meters.registers.grid).toEqual({ importWh: 10, exportWh: 10 });
  });

  it('starts from the initial registers it is given', () => {
    const meters = createMeterSet(['battery', 'pv'], 0, 900_000, { battery: { importWh: 1000, exportWh: 800 } });
    expect(meters.registers.battery).toEqual({ importWh: 1000, exportWh: 800 });
    expect(meters.registers.pv).toEqual({ importWh: 0, exportWh: 0 });
  });

  it('never decreases a register, whatever the sign of the power', () => {
    const meters = createMeterSet(['grid'], 0, 900_000);
    let previous = { importWh: 0, exportWh: 0 };
    for (let i = 0; i < 1000; i++) {
      meters.add('grid', 3000 * Math.sin(i / 7), 1);
      const now = meters.registers.grid;
      expect(now.importWh).toBeGreaterThanOrEqual(previous.importWh);
      expect(now.exportWh).toBeGreaterThanOrEqual(previous.exportWh);
      previous = { ...now };
    }
  });

  it('persists a snapshot only when the interval has passed', () => {
    const meters = createMeterSet(['grid'], 0, 900_000);
    meters.persistIfDue(899_999);
    expect(meters.persistedAtMs).toBe(0);
    meters.persistIfDue(900_000);
    expect(meters.persistedAtMs).toBe(900_000);
  });

  it('rolls back to the last persisted snapshot on a hard power-off', () => {
    const meters = createMeterSet(['grid', 'pv'], 0, 900_000);
    meters.add('grid', 3600, 3600); // 3600 Wh
    meters.add('pv', -1000, 3600);
    meters.persistIfDue(900_000);
    meters.add('grid', 3600, 600); // 600 Wh that will be lost
    meters.add('pv', -1000, 600);
    meters.rollback();
    expect(meters.registers.grid).toEqual({ importWh: 3600, exportWh: 0 });
    expect(meters.registers.pv).toEqual({ importWh: 0, exportWh: 1000 });
  });

  it('rolls back to the initial registers when nothing was persisted yet', () => {
    const meters = createMeterSet(['grid'], 0, 900_000, { grid: { importWh: 5, exportWh: 6 } });
    meters.add('grid', 3600, 3600);
    meters.rollback();
    expect(meters.registers.grid).toEqual({ importWh: 5, exportWh: 6 });
  });

  it('keeps the persisted snapshot apart from the live registers', () => {
    const meters = createMeterSet(['grid'], 0, 0);
    meters.add('grid', 3600, 3600);
    meters.persistIfDue(1);
    meters.add('grid', 3600, 3600);
    meters.rollback();
    meters.add('grid', 3600, 3600);
    meters.rollback();
    expect(meters.registers.grid.importWh).toBe(3600);
  });
});

describe('addEnergy', () => {
  it('adds to a register held outside the set, which keeps its identity through a rollback', () => {
    const meters = createMeterSet(['grid'], 0, 0);
    const grid = meters.registers.grid;
    addEnergy(grid, 3600, 3600);
    meters.persistIfDue(1);
    addEnergy(grid, -1800, 3600);
    meters.rollback();
    expect(meters.registers.grid).toBe(grid);
    expect(grid).toEqual({ importWh: 3600, exportWh: 0 });
    addEnergy(grid, 0, 3600);
    expect(grid).toEqual({ importWh: 3600, exportWh: 0 });
  });
});
