/** The meter model's public shape: options, views in SI units, and what the HTTP layer and the control plane call. */
import type { SiteOptions } from '../../core/index.ts';
import type { SimulatedDevice } from '../simulated-device.ts';
import type { OtaUnit } from '../sessy/ota.ts';
import type { GridSource } from './grid-source.ts';
import type { MeterIdentity } from './identity.ts';
import type { NomReport } from './nom-report.ts';
import type { NomShare, NomShareParams } from './nom-share.ts';
import type { MeterSettings, MeterSettingsResult } from './settings.ts';
import type { Tariff, TariffRegisters } from './tariffs.ts';

/** P1: reads the smart meter's DSMR port. CT: clamps on the phases (no tariffs, no DSMR). */
export type MeterVariant = 'p1' | 'ct';

/** `state` of `/api/v2/p1/details` (docs/sessy.md §6). */
export const P1_STATES = ['P1_OK', 'P1_NOT_CONNECTED', 'P1_DATAVALIDITY_ERR', 'P1_VERSION_ERR', 'P1_PARSE_ERR'] as const;
export type P1State = (typeof P1_STATES)[number];

export interface SessyMeterDeviceOptions {
  /** Default 'p1'. */
  readonly variant?: MeterVariant;
  /** The meter's own household (standalone): seed, start time, household, PV (core SiteOptions). */
  readonly site?: SiteOptions;
  /** The grid reading of a site of several devices; without it the meter reads its own household. */
  readonly gridSource?: GridSource;
  /** `P…`/`C…` serial: the Basic-auth user and `system/info.self_serial`; default from the seed. */
  readonly serial?: string;
  /** How long a silent dongle is kept [s]; default DEFAULT_FORGET_AFTER_S (30, an assumption: docs/sessy.md §6). */
  readonly forgetAfterS?: number;
  /** Demand per recruited battery [W]; default 1200 (docs/physics.md §4.5). */
  readonly optimalPowerW?: number;
  /** `grid_target` at first start [W]; default 0. */
  readonly gridTargetW?: number;
  /** Time from a reboot to the first DSMR telegram [s]; default 5 [A]. */
  readonly bootS?: number;
}

/** One phase as the meter reads it. */
export interface MeterPhaseView {
  readonly voltageV: number;
  /** |P| / V [A]; a P1 prints it in whole amperes (DSMR), a CT in mA. */
  readonly currentA: number;
  /** [W], + = import. */
  readonly powerW: number;
  readonly importWh: number;
  readonly exportWh: number;
}

export interface MeterReadingView {
  readonly tMs: number;
  readonly phases: readonly [MeterPhaseView, MeterPhaseView, MeterPhaseView];
  /** Net over the phases [W], + = import. */
  readonly netPowerW: number;
  readonly tariff: Tariff;
  readonly registers: TariffRegisters;
}

/** A dongle the meter knows, with what it answered last. */
export interface NomDongleView {
  readonly report: NomReport;
  readonly receivedMs: number;
  readonly share: NomShare | undefined;
}

export interface SessyMeterDevice extends SimulatedDevice {
  readonly kind: 'sessy-meter';
  readonly variant: MeterVariant;
  /** Changes with every change a reading may show that does not go through the site. */
  readonly version: number;
  readonly identity: MeterIdentity;
  readonly firmware: string;
  /** The ESP-IDF version `system/info.version` reports. */
  readonly idfVersion: string;
  readonly forgetAfterS: number;
  readonly shareParams: NomShareParams;
  /** The latest grid reading. */
  reading(): MeterReadingView;
  /** P1_OK, or why the meter has no telegram (booting, a fault). */
  p1State(): P1State;
  /** Holds the P1 state (a fault: cable out, bad telegram); null hands it back to the model. */
  setP1State(state: P1State | null): void;
  gridTargetW(): number;
  /** Sets `grid_target` [W], + = import. */
  setGridTarget(w: number): void;
  settings(): MeterSettings;
  updateSettings(body: unknown): MeterSettingsResult;
  /** Records a dongle's report and answers its share (0 W while the meter has no reading). */
  reportNom(report: NomReport): NomShare;
  /** The dongles the meter knows now (silent ones forgotten), in the order they first reported. */
  nomDongles(): readonly NomDongleView[];
  uptimeMs(): number;
  /** The meter's firmware update (`ota/status.self`). */
  ota(): OtaUnit;
  checkOta(): void;
  /** Any target updates the meter itself: it has no AC board [A]. */
  startOta(): void;
  restart(): void;
  reboot(): void;
}
