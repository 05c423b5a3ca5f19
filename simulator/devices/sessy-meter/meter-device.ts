/**
 * The Sessy P1/CT meter over a grid source (docs/sessy.md §6): it reads the connection per phase, keeps the P1
 * tariff registers, holds `grid_target`, and coordinates the dongles in NOM (nom-registry.ts, nom-share.ts).
 * Standalone it reads its own household, a core Site with an idle battery; in a site of several devices the
 * site injects the grid. It never builds JSON.
 */
import { buildSiteConfig, createSite } from '../../core/index.ts';
import type { SimulatedDevice } from '../simulated-device.ts';
import { checkOta, createOtaUnit, DEFAULT_OTA, startOta, stepOta, type OtaUnit } from '../sessy/ota.ts';
import { MeterError } from './errors.ts';
import { createSiteGridSource, type GridSource } from './grid-source.ts';
import { createMeterIdentity } from './identity.ts';
import type { NomReport } from './nom-report.ts';
import { DEFAULT_FORGET_AFTER_S, type NomEntry } from './nom-registry.ts';
import { DEFAULT_NOM_SHARE, shareGridTarget, type NomShare, type NomShareParams } from './nom-share.ts';
import { applyMeterSettingsPatch, DEFAULT_METER_SETTINGS, type MeterSettings } from './settings.ts';
import { createTariffRegisters, tariffAt, updateTariffRegisters, type TariffRegisters } from './tariffs.ts';
import type { MeterPhaseView, MeterReadingView, NomDongleView, P1State, SessyMeterDevice, SessyMeterDeviceOptions } from './types.ts';

/** The P1 meter firmware the model answers as (docs/sessy.md §7: 1.11.11, ESP-IDF v5.3.1). */
export const METER_FIRMWARE = Object.freeze({ version: '1.11.11', idfVersion: 'v5.3.1' });

const OPTION_KEYS = ['variant', 'site', 'gridSource', 'serial', 'forgetAfterS', 'optimalPowerW', 'gridTargetW', 'bootS'];
/** Nominal phase voltage for a dongle that sends no ac_voltage_mv [V]. */
const NOMINAL_V = 230;

export function createSessyMeterDevice(options: SessyMeterDeviceOptions = {}): SessyMeterDevice {
  for (const key of Object.keys(options)) if (!OPTION_KEYS.includes(key)) bad(`unknown option "${key}". Known options: ${OPTION_KEYS.join(', ')}`);
  const variant = options.variant ?? 'p1';
  if (variant !== 'p1' && variant !== 'ct') bad(`variant must be "p1" or "ct", got ${JSON.stringify(variant)}`);
  if (options.serial !== undefined && !(typeof options.serial === 'string' && /^[\x21-\x39\x3b-\x7e]+$/.test(options.serial))) bad(`serial must be printable ASCII without spaces or ":", got ${JSON.stringify(options.serial)}`);
  const forgetAfterS = positive('forgetAfterS', options.forgetAfterS ?? DEFAULT_FORGET_AFTER_S);
  const bootS = positive('bootS', options.bootS ?? 5);
  const shareParams: NomShareParams = { ...DEFAULT_NOM_SHARE, optimalPowerW: positive('optimalPowerW', options.optimalPowerW ?? DEFAULT_NOM_SHARE.optimalPowerW) };
  const injected = options.gridSource;
  if (injected !== undefined && typeof injected?.readGrid !== 'function') bad('gridSource must be an object with readGrid(tMs)');
  // The own site: the household standalone; only the clock and the random streams with an injected source, then
  // with hour-long sub-steps so that it costs nothing.
  const siteOptions = { ...(options.site ?? {}), ...(injected ? { maxStepS: 3600 } : {}) };
  const site = createSite(buildSiteConfig('sessy-meter', siteOptions));
  const source: GridSource = injected ?? createSiteGridSource(site);
  const identity = createMeterIdentity(site.streams.stream('identity'), variant, options.serial);

  // NVS: survives a restart.
  let settings: MeterSettings = DEFAULT_METER_SETTINGS;
  let gridTargetW = finite('grid target (W)', options.gridTargetW ?? 0);
  // RAM.
  let version = 0;
  let bootMs = site.now();
  let heldState: P1State | null = null;
  // The dongles by unique_id, in the order they first reported; kept in place (a site may have a thousand).
  const registry = new Map<string, NomEntry>();
  // The meter's own firmware update, as the dongle's `self` unit (docs/sessy.md §3.8); it offers the same release.
  let ota: OtaUnit = createOtaUnit(METER_FIRMWARE.version, site.now());
  const lastShares = new Map<string, NomShare>();
  // The shares are worked out once per telegram (DSMR 5: one a second, docs/physics.md §4.4) from the reports known
  // then, and again when a dongle the meter has not shared with yet reports or a setting changes: a report in between
  // is answered from them. The telegram they belong to [s since the epoch]; null: work them out again.
  let sharesForS: number | null = null;
  // The grid as last read (every step: the tariff registers count what came since), and the view of it that the API
  // renders, worked out when first asked for after a step: in a busy site the meter steps at every request, and the
  // view is read about once a telegram. A view kept from step to step lived about a second, which a generational
  // collector handles worst (bench/site-scale.ts).
  let lastRead = source.readGrid(site.now());
  let lastReadMs = site.now();
  let registers: TariffRegisters = createTariffRegisters(lastRead.importWh, lastRead.exportWh);
  let readingView: MeterReadingView | null = null;
  const reading = (): MeterReadingView => (readingView ??= view(lastRead, lastReadMs, registers));

  function read(tMs: number): void {
    lastRead = source.readGrid(tMs);
    lastReadMs = tMs;
    registers = updateTariffRegisters(registers, lastRead.importWh, lastRead.exportWh, tMs);
    readingView = null;
  }

  const p1State = (): P1State => heldState ?? (site.now() - bootMs < bootS * 1000 ? 'P1_NOT_CONNECTED' : 'P1_OK');

  const forget = (): void => {
    const oldestMs = site.now() - forgetAfterS * 1000;
    for (const [id, entry] of registry) {
      if (entry.receivedMs >= oldestMs) continue;
      registry.delete(id);
      lastShares.delete(id);
      sharesForS = null;
      version++;
    }
  };

  const restart = (): void => {
    version++;
    bootMs = site.now();
    registry.clear();
    lastShares.clear();
    sharesForS = null;
  };

  const device: SessyMeterDevice = {
    kind: 'sessy-meter',
    variant,
    site,
    identity,
    firmware: METER_FIRMWARE.version,
    idfVersion: METER_FIRMWARE.idfVersion,
    forgetAfterS,
    shareParams,
    get version() {
      return version;
    },
    stepTo(tMs) {
      site.stepTo(tMs);
      read(tMs);
      forget();
      const before = ota.state;
      ota = stepOta(ota, tMs, METER_FIRMWARE.version, DEFAULT_OTA, DEFAULT_OTA.selfUpdateS);
      if (before === 'OTA_UPDATING' && ota.state === 'OTA_DONE') restart(); // it reboots into the new image
    },
    ota: () => ota,
    checkOta() {
      version++;
      ota = checkOta(ota, site.now());
    },
    startOta() {
      version++;
      ota = startOta(ota, METER_FIRMWARE.version, site.now());
    },
    setSoc: (socFraction) => site.setSoc(socFraction),
    reading,
    p1State,
    setP1State(state) {
      version++;
      sharesForS = null;
      heldState = state;
    },
    gridTargetW: () => gridTargetW,
    setGridTarget(w) {
      version++;
      sharesForS = null;
      gridTargetW = finite('grid target (W)', w);
    },
    settings: () => settings,
    updateSettings(body) {
      const result = applyMeterSettingsPatch(settings, body);
      if (result.ok) {
        version++;
        sharesForS = null;
        settings = result.settings;
      }
      return result;
    },
    reportNom(report: NomReport): NomShare {
      // Silent dongles were forgotten when the meter stepped to now (every request syncs first).
      version++;
      registry.set(report.uniqueId, { report, receivedMs: site.now() });
      if (p1State() !== 'P1_OK') {
        // No telegram, no reading to share: every dongle is told 0 W [A].
        const none: NomShare = { powerTargetW: 0, baselinePowerW: 0, currentLimitA: 0 };
        lastShares.set(report.uniqueId, none);
        return none;
      }
      const telegramS = Math.floor(site.now() / 1000);
      const known = sharesForS === telegramS ? lastShares.get(report.uniqueId) : undefined;
      if (known !== undefined) return known;
      sharesForS = telegramS;
      const r = reading();
      const maxPhaseImportA = Math.max(0, ...r.phases.map((p) => (p.powerW > 0 ? p.currentA : 0)));
      const result = shareGridTarget({ ...shareParams, gridLimitA: settings.gridLimitA }, { gridW: r.netPowerW, gridTargetW, maxPhaseImportA, nominalVoltageV: NOMINAL_V, dongles: registry.values() });
      for (const [id, share] of result.shares) lastShares.set(id, share);
      return result.shares.get(report.uniqueId)!;
    },
    nomDongles(): readonly NomDongleView[] {
      return [...registry.values()].map((e) => ({ report: e.report, receivedMs: e.receivedMs, share: lastShares.get(e.report.uniqueId) }));
    },
    uptimeMs: () => site.now() - bootMs,
    restart,
    reboot() {
      restart();
    },
    simState() {
      const s = site.snapshot();
      const r = reading();
      return {
        device: 'sessy-meter',
        variant,
        firmware: METER_FIRMWARE.version,
        uptimeS: (site.now() - bootMs) / 1000,
        p1State: p1State(),
        gridSource: injected ? 'injected' : 'own household',
        gridTargetW,
        gridW: r.netPowerW,
        gridPhaseW: r.phases.map((p) => p.powerW),
        phaseVoltageV: r.phases.map((p) => p.voltageV),
        tariff: r.tariff,
        registers: { consumedWh: r.registers.consumedWh, producedWh: r.registers.producedWh },
        ...(injected ? {} : { loadW: s.loadW, pvW: s.pvW }),
        nom: {
          forgetAfterS,
          optimalPowerW: shareParams.optimalPowerW,
          dongles: device.nomDongles().map((d) => ({
            uniqueId: d.report.uniqueId,
            silentS: (site.now() - d.receivedMs) / 1000,
            socFraction: d.report.socFraction,
            powerW: d.report.powerW,
            overridden: d.report.overridden,
            powerTargetW: d.share?.powerTargetW ?? null,
            baselinePowerW: d.share?.baselinePowerW ?? null,
            currentLimitA: d.share?.currentLimitA ?? null,
          })),
        },
        settings,
      };
    },
  };
  return device satisfies SimulatedDevice;
}

function view(r: ReturnType<GridSource['readGrid']>, tMs: number, registers: TariffRegisters): MeterReadingView {
  const phase = (i: number): MeterPhaseView => {
    const p = r.phases[i]!;
    return { voltageV: p.voltageV, currentA: p.voltageV > 0 ? Math.abs(p.powerW) / p.voltageV : 0, powerW: p.powerW, importWh: p.importWh, exportWh: p.exportWh };
  };
  return { tMs, phases: [phase(0), phase(1), phase(2)], netPowerW: r.phases[0].powerW + r.phases[1].powerW + r.phases[2].powerW, tariff: tariffAt(tMs), registers };
}

function bad(why: string): never {
  throw new MeterError('METER_ERR_BAD_OPTION', `Failed to create the meter model: ${why}.`);
}

function positive(name: string, value: number): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) bad(`${name} must be a number > 0, got ${String(value)}`);
  return value;
}

function finite(name: string, value: number): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 100_000)) {
    throw new MeterError('METER_ERR_BAD_CONTROL', `Failed to set the ${name}: ${String(value)} is not a finite number within ±100000 W.`);
  }
  return value;
}
