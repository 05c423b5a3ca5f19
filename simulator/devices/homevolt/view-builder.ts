/** Builds the SI view of the device from the site snapshot and the model's own state. */
import type { GridCodeMode, Site } from '../../core/index.ts';
import type { PidState } from './schedule-command.ts';
import type { FirmwareProfile } from './firmware.ts';
import type { DeviceIdentity } from './identity.ts';
import type { ModuleBank } from './modules.ts';
import type { ParamStore } from './params.ts';
import type { ScheduleBook } from './schedule.ts';
import type { HomevoltView, UnitView } from './view.ts';

export interface ViewInputs {
  readonly site: Site;
  readonly identity: DeviceIdentity;
  readonly firmware: FirmwareProfile;
  readonly units: number;
  readonly bank: ModuleBank;
  readonly params: ParamStore;
  readonly schedule: ScheduleBook;
  readonly pid: PidState;
  readonly gridCode: GridCodeMode;
  readonly reserveW: number;
  readonly upTimeMs: number;
  readonly otaRunning: boolean;
}

/** SOC of the usable window below which the EMS throttles and warns (every capture near 0 % shows it) [fraction]. */
const UNDER_SOC_MIN = 0.01;
/** Lifetime consumption of the house before the simulation [Wh]; a typical Swedish villa's few years. */
const LOAD_BASE_WH = 14_000_000;

/** A module's min and max cell temperature [°C]: the pack's, spread per module, the max warmed by power. */
function moduleTempsC(packC: number, spread: readonly [number, number], powerW: number): readonly [number, number] {
  return [packC + spread[0], packC + spread[1] + Math.abs(powerW) / 3000];
}

export function buildView(i: ViewInputs): HomevoltView {
  const snap = i.site.snapshot();
  const n = i.units;
  const idleThresholdW = i.params.getNumber('ems_idle_power_threshold');
  const dischargedWh = snap.meters.battery.exportWh;
  const chargedWh = snap.meters.battery.importWh;
  const units: UnitView[] = i.identity.units.map((identity, u) => {
    const e0 = i.bank.energyWh[u * 2]!;
    const e1 = i.bank.energyWh[u * 2 + 1]!;
    const cap = i.bank.moduleCapacityWh;
    const soc: [number, number] = [e0 / cap, e1 / cap];
    const powerW = snap.batteryW / n;
    const meanSoc = (soc[0] + soc[1]) / 2;
    const low = meanSoc <= UNDER_SOC_MIN;
    const fan = Math.abs(powerW) > 2500 || snap.tempC > 30;
    const spread = identity.moduleTempSpreadC;
    return {
      index: u,
      identity,
      powerW,
      commandW: snap.batteryCommandW / n,
      chargeLimitW: snap.chargeLimitW / n,
      dischargeLimitW: low ? 0 : snap.dischargeLimitW / n,
      availCapWh: cap * 2,
      moduleEnergyWh: [e0, e1],
      moduleSoc: soc,
      moduleTempC: [moduleTempsC(snap.tempC, spread[0], powerW), moduleTempsC(snap.tempC, spread[1], powerW)],
      cycleCount: [0, 1].map((m) => identity.cycleCountBase[m]! + Math.floor(i.bank.throughputWh[u * 2 + m]! / (2 * cap))) as [number, number],
      sysTempC: snap.tempC - 0.5 + Math.abs(powerW) / 1500,
      producedWh: identity.producedBaseWh + dischargedWh / n,
      consumedWh: identity.consumedBaseWh + chargedWh / n,
      info: [...(fan ? ['EMS_INFO_FAN_STATE_ON'] : []), 'EMS_INFO_CONNECTED_TO_BACKEND', 'EMS_INFO_RTC_SYNCRONIZED', ...(low || Math.abs(powerW) < idleThresholdW ? ['EMS_INFO_LOW_POWER_MODE'] : [])],
      warnings: low ? ['EMS_WARNING_UNDER_SOC_MIN_WARNING'] : [],
      alarms: i.gridCode === 'disconnected' ? ['EMS_ALARM_GRID_FAULT'] : [],
      throttled: low || i.gridCode !== 'normal',
    };
  });
  return {
    tMs: snap.tMs,
    upTimeMs: i.upTimeMs,
    firmware: i.firmware,
    identity: i.identity,
    freqHz: snap.freqHz,
    phaseVoltageV: snap.phaseVoltageV,
    gridW: snap.gridW,
    gridPhaseW: snap.gridPhaseW,
    pvW: snap.pvW,
    loadW: snap.loadW,
    batteryW: snap.batteryW,
    gridImportWh: snap.meters.grid.importWh,
    gridExportWh: snap.meters.grid.exportWh,
    pvProducedWh: snap.meters.pv.exportWh,
    loadConsumedWh: LOAD_BASE_WH + Math.max(0, snap.meters.grid.importWh - snap.meters.grid.exportWh + snap.meters.pv.exportWh + dischargedWh - chargedWh),
    units,
    localMode: i.params.getBool('settings_local'),
    scheduleId: i.schedule.scheduleId,
    schedule: i.schedule.entries,
    activeEntry: i.schedule.active(snap.tMs),
    reserveW: i.reserveW,
    pid: i.pid,
    gridCodeMode: i.gridCode,
    otaRunning: i.otaRunning,
  };
}
