/** The P1's tariff registers (docs/physics.md §4.4). */
import { describe, expect, it } from 'vitest';
import { tariffAt } from '../../simulator/devices/sessy-meter/index.ts';
import { createTariffRegisters, updateTariffRegisters } from '../../simulator/devices/sessy-meter/tariffs.ts';

// 2026-06-02 is a Tuesday; CEST (UTC+2).
const local = (iso: string) => Date.parse(iso);

describe('tariffAt', () => {
  it.each([
    ['a weekday afternoon', '2026-06-02T14:00:00+02:00', 2],
    ['a weekday at 06:59', '2026-06-02T06:59:00+02:00', 1],
    ['a weekday at 07:00', '2026-06-02T07:00:00+02:00', 2],
    ['a weekday at 23:00', '2026-06-02T23:00:00+02:00', 1],
    ['a Saturday noon', '2026-06-06T12:00:00+02:00', 1],
    ['a Sunday noon', '2026-06-07T12:00:00+02:00', 1],
  ])('is the Dutch tariff on %s', (_name, iso, tariff) => {
    expect(tariffAt(local(iso))).toBe(tariff);
  });
});

describe('updateTariffRegisters', () => {
  it('adds what was imported and exported since the last update to the tariff in force', () => {
    const start = createTariffRegisters(100, 50);
    const day = updateTariffRegisters(start, 110, 53, local('2026-06-02T14:00:00+02:00'));
    expect(day.consumedWh[1] - start.consumedWh[1]).toBe(10);
    expect(day.producedWh[1] - start.producedWh[1]).toBe(3);
    expect(day.consumedWh[0]).toBe(start.consumedWh[0]);
    const night = updateTariffRegisters(day, 111, 53, local('2026-06-02T23:30:00+02:00'));
    expect(night.consumedWh[0] - start.consumedWh[0]).toBe(1);
  });

  it('never decreases, even when the source starts over', () => {
    const r = updateTariffRegisters(createTariffRegisters(1000, 1000), 0, 0, local('2026-06-02T14:00:00+02:00'));
    const after = updateTariffRegisters(r, 5, 0, local('2026-06-02T14:00:01+02:00'));
    expect(after.consumedWh[1]).toBeGreaterThanOrEqual(r.consumedWh[1]);
    expect(after.consumedWh[1] - r.consumedWh[1]).toBe(5);
  });
});
