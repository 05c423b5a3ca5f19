/**
 * The Sessy wire in SI, at the client edge. Sign convention (one for the whole of clients/): battery power
 * + = discharge (to the house or grid), − = charge, as the device itself reports `power` and `setpoint`.
 * Units on the wire (docs/sessy.md §3.1, §0.6): phase voltage_rms mV, current_rms mA, frequency mHz, pack_voltage mV,
 * inverter_current_ma mA, state_of_charge a float32 widened to double (0.850000023841858).
 * Every result keeps the untouched answer in `wire`.
 */
import type { EnergyStatusWire, PhaseWire, PowerStatusWire, SystemState } from './wire.ts';

export interface PhaseReading {
  /** RMS voltage [V]. */
  readonly voltageV: number;
  /** RMS current [A]. */
  readonly currentA: number;
  /** Real power [W], as measured on the PV clamp of that phase. */
  readonly powerW: number;
}

export interface SessyPowerStatus {
  /** State of charge, 0..1, the float32 widening undone (0.850000023841858 → 0.85). */
  readonly socFraction: number;
  /** Actual AC power [W], + = discharge. */
  readonly powerW: number;
  /** What the active strategy asks for [W], + = discharge. */
  readonly setpointW: number;
  /** Power through the external DC port [W], + = out of Sessy; null on firmware before 1.9.0, which omits it. */
  readonly externalPowerW: number | null;
  /** Pack voltage [V]; null on firmware before 1.9.1. */
  readonly packVoltageV: number | null;
  /** Inverter current [A]; null on firmware before 1.8.0. */
  readonly inverterCurrentA: number | null;
  readonly frequencyHz: number;
  readonly systemState: SystemState;
  readonly systemStateDetails: string;
  /** Whether an external party overrides the strategy; null on firmware before 1.8.3. */
  readonly strategyOverridden: boolean | null;
  readonly phases: readonly [PhaseReading, PhaseReading, PhaseReading];
  readonly wire: PowerStatusWire;
}

export interface SessyEnergyStatus {
  /** Energy Sessy took from the grid (charged) [Wh]. */
  readonly batteryImportWh: number;
  /** Energy Sessy delivered (discharged) [Wh]. */
  readonly batteryExportWh: number;
  /** Per PV phase: consumed (import) and generated (export) [Wh]. */
  readonly phases: readonly [{ readonly importWh: number; readonly exportWh: number }, { readonly importWh: number; readonly exportWh: number }, { readonly importWh: number; readonly exportWh: number }];
  readonly wire: EnergyStatusWire;
}

/** A float32 widened to double, back to the decimal it was meant to be (7 significant digits). */
export function unwidenFloat32(x: number): number {
  return x === 0 ? 0 : Number(Math.fround(x).toPrecision(7));
}

export function toPhaseReading(phase: PhaseWire): PhaseReading {
  return { voltageV: phase.voltage_rms / 1000, currentA: phase.current_rms / 1000, powerW: phase.power };
}

export function toPowerStatus(wire: PowerStatusWire): SessyPowerStatus {
  const s = wire.sessy;
  return {
    socFraction: unwidenFloat32(s.state_of_charge),
    powerW: s.power,
    setpointW: s.power_setpoint,
    externalPowerW: s.external_power ?? null,
    packVoltageV: s.pack_voltage === undefined ? null : s.pack_voltage / 1000,
    inverterCurrentA: s.inverter_current_ma === undefined ? null : s.inverter_current_ma / 1000,
    frequencyHz: s.frequency / 1000,
    systemState: s.system_state,
    systemStateDetails: s.system_state_details,
    strategyOverridden: s.strategy_overridden ?? null,
    phases: [toPhaseReading(wire.renewable_energy_phase1), toPhaseReading(wire.renewable_energy_phase2), toPhaseReading(wire.renewable_energy_phase3)],
    wire,
  };
}

export function toEnergyStatus(wire: EnergyStatusWire): SessyEnergyStatus {
  const phase = (p: { import_wh: number; export_wh: number }) => ({ importWh: p.import_wh, exportWh: p.export_wh });
  return {
    batteryImportWh: wire.sessy_energy.import_wh,
    batteryExportWh: wire.sessy_energy.export_wh,
    phases: [phase(wire.energy_phase1), phase(wire.energy_phase2), phase(wire.energy_phase3)],
    wire,
  };
}
