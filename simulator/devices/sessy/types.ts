/** The Sessy model's public shape: options, views in SI units, and what the HTTP layer and the control plane call. */
import type { GridCodeParams, Site, SiteConfig, SiteOptions } from '../../core/index.ts';
import type { NomAnswer, NomLinkState, NomReport } from './nom-link.ts';
import type { SimulatedDevice } from '../simulated-device.ts';
import type { SystemState } from './ac-board.ts';
import type { FirmwareProfile, FirmwareVersion } from './firmware.ts';
import type { SessyIdentity } from './identity.ts';
import type { OtaTarget, OtaUnit } from './ota.ts';
import type { DaySchedule } from './schedule.ts';
import type { SessySettings, SettingsResult } from './settings.ts';
import type { StateBitsView } from './state-bits.ts';
import type { PowerStrategy } from './strategies.ts';

export interface SessyDeviceOptions {
  /** The physics: seed, start time, battery, household, PV, frequency (core SiteOptions). */
  readonly site?: SiteOptions;
  /** Firmware profile; default 1.11.11. */
  readonly firmware?: FirmwareVersion;
  /** The dongle serial: the Basic-auth user, `system/info.self_serial` and the hostname's source; default from the seed. */
  readonly serial?: string;
  /** WAITING_IN_SAFE_SITUATION observation time [s]; default 60. */
  readonly safeObserveS?: number;
  readonly gridCode?: Partial<GridCodeParams>;
  /** Strategy stored in NVS at first start; default POWER_STRATEGY_NOM. */
  readonly initialStrategy?: PowerStrategy;
  /**
   * Puts the battery on a shared grid (a site of several devices) instead of a household of its own: called with
   * the site configuration the options describe, it returns the battery's view of that grid.
   */
  readonly placeOn?: (config: SiteConfig) => Site;
  /**
   * Where NOM gets its power from: 'site' (default) closes the loop in the dongle over its own site's grid;
   * 'meter' follows the `power_target_w` a Sessy meter answers to its `POST /api/v1/nom/power` (docs/sessy.md §6).
   */
  readonly nomSource?: 'site' | 'meter';
}

/** `power/status` in SI units. */
export interface PowerView {
  /** [fraction 0..1] */
  readonly socFraction: number;
  /** AC power [W], + = discharge. */
  readonly powerW: number;
  /** External DC port [W], + = out. */
  readonly externalPowerW: number;
  readonly packVoltageV: number;
  /** The strategy's wish [W], + = discharge. */
  readonly setpointW: number;
  readonly systemState: SystemState;
  readonly systemStateDetails: string;
  readonly freqHz: number;
  readonly inverterCurrentA: number;
  readonly strategyOverridden: boolean;
  /** The Sessy's own PV clamps, phases 1..3. */
  readonly pvPhases: readonly { readonly voltageV: number; readonly currentA: number; readonly powerW: number }[];
}

/** `energy/status` in Wh. */
export interface EnergyView {
  /** Charged from the grid [Wh]. */
  readonly batteryImportWh: number;
  /** Delivered to the grid [Wh]. */
  readonly batteryExportWh: number;
  /** Clamp phases: import = consumption, export = PV generation [Wh]. */
  readonly phases: readonly { readonly importWh: number; readonly exportWh: number }[];
}

export interface SessyDevice extends SimulatedDevice {
  readonly kind: 'sessy';
  /** Changes with every change a reading may show that does not go through the site (strategy, settings, restart…). */
  readonly version: number;
  readonly profile: FirmwareProfile;
  readonly identity: SessyIdentity;
  power(): PowerView;
  energy(): EnergyView;
  strategy(): PowerStrategy;
  setStrategy(strategy: PowerStrategy): void;
  /** Sets the API strategy's setpoint [W], + = discharge; refused unless the strategy is API. */
  setApiSetpoint(w: number): 'ok' | 'not-api';
  settings(): SessySettings;
  /** Applies a posted settings object all or nothing. */
  updateSettings(body: unknown): SettingsResult;
  /** Today's (and from 13:00 tomorrow's) schedule and prices; null while the cloud is off. */
  knownSchedule(): readonly DaySchedule[] | null;
  stateBits(): StateBitsView;
  uptimeMs(): number;
  ota(): { readonly self: OtaUnit; readonly serial: OtaUnit };
  checkOta(): void;
  startOta(target: OtaTarget): void;
  /** Reboots: RAM state (API setpoint, AC board) is lost, settings and strategy are kept. */
  restart(): void;
  /** A power cycle: like restart, and the energy meters roll back to their last persisted values. */
  reboot(): void;
  /** The setpoint an external party commands for SESSY_CONNECT [W], + = discharge. */
  setExternalSetpoint(powerW: number): void;
  /** The dongle loses its own network connection now: the API setpoint falls to 0 (the network-loss fault). */
  loseNetwork(): void;
  /** An external party (cloud, supplier) takes over with this power [W]; null hands back. Sets strategy_overridden. */
  setOverride(w: number | null): void;
  /** The P1 meter's grid_target for NOM [W], + = import. */
  setGridTarget(w: number): void;
  readonly nomSource: 'site' | 'meter';
  /** Whether the dongle posts to its meter now: it has one, and NOM (or ECO's NOM hours) is its strategy. */
  posts(): boolean;
  /** The state it posts to the meter (`POST /api/v1/nom/power`), in SI units. */
  nomReport(): NomReport;
  /** The meter's answer to the last post, or null when the post failed (unreachable, refused). */
  receiveNomAnswer(answer: NomAnswer | null): void;
  nomLink(): NomLinkState;
}
