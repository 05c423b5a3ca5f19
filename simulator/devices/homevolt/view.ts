/** The device state in SI units as the render layer reads it. Powers in W (+ = discharge / import). */
import type { GridCodeMode } from '../../core/index.ts';
import type { PidState } from './schedule-command.ts';
import type { FirmwareProfile } from './firmware.ts';
import type { DeviceIdentity, UnitIdentity } from './identity.ts';
import type { ScheduleEntry } from './schedule.ts';

export interface UnitView {
  readonly index: number;
  readonly identity: UnitIdentity;
  /** AC power of this unit [W], + = discharge. */
  readonly powerW: number;
  readonly commandW: number;
  readonly chargeLimitW: number;
  readonly dischargeLimitW: number;
  /** Usable capacity of the unit [Wh] (avail_cap). */
  readonly availCapWh: number;
  readonly moduleEnergyWh: readonly [number, number];
  /** Module SOC over the usable window [fraction]. */
  readonly moduleSoc: readonly [number, number];
  readonly moduleTempC: readonly [readonly [number, number], readonly [number, number]];
  readonly cycleCount: readonly [number, number];
  readonly sysTempC: number;
  /** Lifetime AC energy out of (produced) and into (consumed) the battery [Wh]. */
  readonly producedWh: number;
  readonly consumedWh: number;
  readonly info: readonly string[];
  readonly warnings: readonly string[];
  readonly alarms: readonly string[];
  readonly throttled: boolean;
}

export interface HomevoltView {
  readonly tMs: number;
  readonly upTimeMs: number;
  readonly firmware: FirmwareProfile;
  readonly identity: DeviceIdentity;
  readonly freqHz: number;
  readonly phaseVoltageV: readonly number[];
  readonly gridW: number;
  readonly gridPhaseW: readonly number[];
  readonly pvW: number;
  readonly loadW: number;
  readonly batteryW: number;
  readonly gridImportWh: number;
  readonly gridExportWh: number;
  readonly pvProducedWh: number;
  readonly loadConsumedWh: number;
  readonly units: readonly UnitView[];
  readonly localMode: boolean;
  readonly scheduleId: string;
  readonly schedule: readonly ScheduleEntry[];
  readonly activeEntry: ScheduleEntry | null;
  readonly reserveW: number;
  readonly pid: PidState;
  readonly gridCodeMode: GridCodeMode;
  readonly otaRunning: boolean;
}
