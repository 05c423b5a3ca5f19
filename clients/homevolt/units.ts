/**
 * The Homevolt wire in SI, at the client edge (docs/homevolt.md §0.3, §3.2). Sign convention, one for all of clients/:
 * battery power + = discharge, − = charge; grid power + = import. Wire units undone here: SOC centi-percent
 * (6800 = 0.68), temperatures deci-°C, EMS voltages deci-V, EMS frequency mHz, inverter energy counters Wh,
 * aggregate and sensor energies kWh (→ Wh). Every result keeps the untouched answer in `wire`.
 */
import type { EmsUnitWire, EmsWire, SensorWire } from './wire.ts';

export interface HomevoltSensorReading {
  /** grid, solar, load, battery or unspecified (2512 `function`, older firmware `type`). */
  readonly role: string;
  readonly available: boolean;
  /** Power into the house bus [W]: grid + = import, solar + = production. */
  readonly powerW: number;
  readonly importedWh: number;
  readonly exportedWh: number;
  readonly phases: readonly { readonly voltageV: number; readonly currentA: number; readonly powerW: number }[];
  readonly wire: SensorWire;
}

export interface HomevoltEmsReading {
  /** Average state of charge over the units, 0..1. */
  readonly socFraction: number;
  /** Actual AC power of all units [W], + = discharge. */
  readonly powerW: number;
  /** What the EMS commands the inverters [W], + = discharge. */
  readonly powerRefW: number;
  /** The most power the battery can charge / discharge with now [W, ≥ 0] (ems_prediction.avail_*_pwr). */
  readonly chargeLimitW: number;
  readonly dischargeLimitW: number;
  readonly frequencyHz: number;
  readonly systemTemperatureC: number;
  /** Phase voltages [V] (ems_voltage l1..l3). */
  readonly voltagesV: readonly [number, number, number];
  /** Inverter counters [Wh]: produced = discharged, consumed = charged. */
  readonly energyProducedWh: number;
  readonly energyConsumedWh: number;
  /** Lifetime aggregate [Wh] (kWh on the wire): imported = discharged, exported = charged. */
  readonly aggregateImportedWh: number;
  readonly aggregateExportedWh: number;
  readonly availableEnergyWh: number;
  readonly modules: readonly { readonly socFraction: number; readonly minTemperatureC: number; readonly maxTemperatureC: number; readonly energyAvailableWh: number; readonly cycleCount: number }[];
  readonly sensors: readonly HomevoltSensorReading[];
  /** Net grid power from the available grid sensors [W], + = import; null when there is none (no grid CT paired). */
  readonly gridPowerW: number | null;
  readonly wire: EmsWire;
}

export const centiPercentToFraction = (centi: number): number => centi / 10_000;
export const deciToUnit = (deci: number): number => deci / 10;
export const milliToUnit = (milli: number): number => milli / 1000;
export const kWhToWh = (kWh: number): number => kWh * 1000;

export function toSensorReading(s: SensorWire): HomevoltSensorReading {
  return {
    role: s.function ?? s.type ?? 'unspecified',
    available: s.available,
    powerW: s.total_power,
    importedWh: kWhToWh(s.energy_imported),
    exportedWh: kWhToWh(s.energy_exported),
    phases: s.phase.map((p) => ({ voltageV: p.voltage, currentA: p.amp, powerW: p.power })),
    wire: s,
  };
}

export function toEmsReading(wire: EmsWire): HomevoltEmsReading {
  // The spec requires ems[] to have at least one unit; the aggregate object sums them on 2512 firmware.
  const lead = wire.ems[0] as EmsUnitWire;
  const agg = wire.aggregated;
  const sensors = wire.sensors.filter((s) => s.sensor_type !== 'ems').map(toSensorReading);
  const grid = sensors.filter((s) => s.role === 'grid' && s.available);
  return {
    socFraction: centiPercentToFraction(agg.ems_data.soc_avg),
    powerW: agg.ems_data.power,
    powerRefW: agg.ems_control.pwr_ref,
    chargeLimitW: agg.ems_prediction.avail_ch_pwr,
    dischargeLimitW: agg.ems_prediction.avail_di_pwr,
    frequencyHz: milliToUnit(agg.ems_data.frequency),
    systemTemperatureC: deciToUnit(agg.ems_data.sys_temp),
    voltagesV: [deciToUnit(lead.ems_voltage.l1), deciToUnit(lead.ems_voltage.l2), deciToUnit(lead.ems_voltage.l3)],
    energyProducedWh: wire.ems.reduce((sum, u) => sum + u.ems_data.energy_produced, 0),
    energyConsumedWh: wire.ems.reduce((sum, u) => sum + u.ems_data.energy_consumed, 0),
    aggregateImportedWh: wire.ems.reduce((sum, u) => sum + kWhToWh(u.ems_aggregate.imported_kwh), 0),
    aggregateExportedWh: wire.ems.reduce((sum, u) => sum + kWhToWh(u.ems_aggregate.exported_kwh), 0),
    availableEnergyWh: agg.ems_data.avail_cap,
    modules: wire.ems.flatMap((u) =>
      u.bms_data.map((b) => ({
        socFraction: centiPercentToFraction(b.soc),
        minTemperatureC: deciToUnit(b.tmin),
        maxTemperatureC: deciToUnit(b.tmax),
        energyAvailableWh: b.energy_avail,
        cycleCount: b.cycle_count,
      })),
    ),
    sensors,
    gridPowerW: grid.length > 0 ? grid.reduce((sum, s) => sum + s.powerW, 0) : null,
    wire,
  };
}
