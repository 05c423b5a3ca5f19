/**
 * The Sessy device model over a core Site: strategies, supervisor, AC board and grid code, schedule, settings
 * ("NVS", kept across a restart), OTA and identity. It runs its logic inside the site's controller callback at
 * every sub-step, in simulated time only, and never builds JSON: the HTTP layer renders its views.
 */
import { buildGridCodeParams, buildSiteConfig, createSite, localTime, type Controller, type GridCodeParams, type Site } from '../../core/index.ts';
import type { SimulatedDevice } from '../simulated-device.ts';
import { BOOTING_BOARD, stepAcBoard, type AcBoardParams, type AcBoardState, type SystemState } from './ac-board.ts';
import { SessyError } from './errors.ts';
import { firmwareProfile, LATEST_FIRMWARE, type FirmwareProfile } from './firmware.ts';
import { createSessyIdentity, type SessyIdentity } from './identity.ts';
import { checkOta, createOtaUnit, DEFAULT_OTA, startOta, stepOta, type OtaTarget, } from './ota.ts';
import { createSessySchedule, type DaySchedule } from './schedule.ts';
import { applySettingsPatch, DEFAULT_SETTINGS, parseTimeWindow, type SessySettings, type SettingsResult } from './settings.ts';
import { DEFAULT_NOM, INITIAL_NOM, stepNom, type NomState, type PowerStrategy } from './strategies.ts';
import { INITIAL_NOM_LINK, nomWish, withAnswer, withFailure, type NomLinkState, type NomReport } from './nom-link.ts';
import { STATE_BIT, supervise } from './supervisor.ts';
import { createStateBits } from './state-bits.ts';
import type { PowerView, SessyDevice, SessyDeviceOptions } from './types.ts';

const OPTION_KEYS = ['site', 'firmware', 'serial', 'safeObserveS', 'gridCode', 'initialStrategy', 'placeOn', 'nomSource'];

export function createSessyDevice(options: SessyDeviceOptions = {}): SessyDevice {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw new SessyError('SESSY_ERR_BAD_OPTION', `Failed to create the Sessy model: unknown option "${key}". Known options: ${OPTION_KEYS.join(', ')}.`);
  }
  if (options.serial !== undefined && !(typeof options.serial === 'string' && /^[\x21-\x7e]+$/.test(options.serial) && !options.serial.includes(':'))) {
    throw new SessyError('SESSY_ERR_BAD_OPTION', `Failed to create the Sessy model: serial must be printable ASCII without spaces or ":", got ${JSON.stringify(options.serial)}.`);
  }
  const profile: FirmwareProfile = firmwareProfile(options.firmware ?? '1.11.11');
  const siteConfig = buildSiteConfig('sessy', options.site ?? {});
  const site: Site = options.placeOn ? options.placeOn(siteConfig) : createSite(siteConfig);
  const nomSource = options.nomSource ?? 'site';
  if (nomSource !== 'site' && nomSource !== 'meter') throw new SessyError('SESSY_ERR_BAD_OPTION', `Failed to create the Sessy model: nomSource must be "site" or "meter", got ${JSON.stringify(nomSource)}.`);
  const identity: SessyIdentity = createSessyIdentity(site.streams.stream('identity'), options.serial);
  const bp = site.config.battery;
  const grid: GridCodeParams = buildGridCodeParams(options.gridCode);
  const board: AcBoardParams = {
    grid,
    ratedW: bp.chargeRatedW,
    initS: 2,
    peripheralsS: 5,
    safeCheckS: 1,
    safeObserveS: positive('safeObserveS', options.safeObserveS ?? 60),
    deadzoneObserveS: 30,
  };
  const schedule = createSessySchedule(site.streams.seed, { slotS: profile.slotS, capacityWh: bp.capacityWh, chargeW: bp.chargeRatedW, dischargeW: bp.dischargeRatedW });

  // NVS: survives a restart.
  let settings: SessySettings = DEFAULT_SETTINGS;
  let timeWindow = parseTimeWindow(settings.enabledTime)!;
  let strategy: PowerStrategy = options.initialStrategy ?? 'POWER_STRATEGY_NOM';
  // RAM: lost on a restart.
  let bootMs = site.now();
  /** Bumped by every change that a reading could show and that does not go through the site. */
  let version = 0;
  let apiSetpointW = 0;
  let connectSetpointW = 0;
  let overrideW: number | null = null;
  let gridTargetW = 0;
  let nom: NomState = INITIAL_NOM;
  let nomLink: NomLinkState = INITIAL_NOM_LINK;
  let acBoard: AcBoardState = BOOTING_BOARD;
  let systemState: SystemState = 'SYSTEM_STATE_INIT';
  let wishW = 0;
  let requestW = 0;
  const bits = createStateBits();
  let ota = { self: createOtaUnit(profile.version, bootMs), serial: createOtaUnit(profile.acBoardVersion, bootMs) };

  const controller: Controller = (inp) => {
    const raised: number[] = [];
    /** NOM's wish: the meter's share when the dongle has a meter, else its own loop over its site's grid. */
    const nomStep = (tMs: number, allowCharge: boolean, bitsOut: number[]): number => {
      if (nomSource === 'meter') {
        const w = nomWish(nomLink, tMs);
        if (w.noMeterData) bitsOut.push(STATE_BIT.NO_METER_DATA);
        return allowCharge ? w.wishW : Math.max(0, w.wishW);
      }
      nom = stepNom(DEFAULT_NOM, nom, { gridW: inp.gridW, gridTargetW, chargeLimitW: inp.chargeLimitW, dischargeLimitW: inp.dischargeLimitW, minPowerW: settings.minPowerW, dtS: inp.dtS, allowCharge });
      return nom.setpointW;
    };
    switch (strategy) {
      case 'POWER_STRATEGY_API':
        wishW = apiSetpointW;
        break;
      case 'POWER_STRATEGY_NOM':
        wishW = nomStep(inp.tMs, true, raised);
        break;
      case 'POWER_STRATEGY_ROI': {
        const w = settings.cloudEnabled ? schedule.powerAt(inp.tMs) : undefined;
        if (w === undefined) raised.push(STATE_BIT.ROI_NO_TIMESLOT);
        wishW = w ?? 0;
        break;
      }
      case 'POWER_STRATEGY_ECO':
        if (!settings.cloudEnabled) {
          raised.push(STATE_BIT.ECO_NO_ENERGY_PRICE);
          wishW = 0;
        } else if (schedule.inCheapestHours(inp.tMs, settings.ecoChargeHours)) {
          wishW = -settings.ecoChargePowerW;
        } else {
          wishW = nomStep(inp.tMs, settings.ecoNomCharge, raised);
        }
        break;
      case 'POWER_STRATEGY_SESSY_CONNECT':
        wishW = connectSetpointW;
        break;
      case 'POWER_STRATEGY_IDLE':
        wishW = 0;
        break;
    }
    if (overrideW !== null) {
      wishW = overrideW;
      raised.push(STATE_BIT.IS_OVERWRITTEN);
    }
    const lt = localTime(inp.tMs);
    const sup = supervise({ wishW, settings, localMinute: Math.floor(lt.hour * 60), window: timeWindow, socFraction: inp.socFraction });
    requestW = sup.requestW;
    const result = stepAcBoard(board, acBoard, { requestW, freqHz: inp.freqHz, batteryW: inp.batteryW, socFraction: inp.socFraction, chargeLimitW: inp.chargeLimitW, dischargeLimitW: inp.dischargeLimitW, dtS: inp.dtS });
    acBoard = result.state;
    systemState = result.systemState;
    if (acBoard.belowDeadzoneS > 0) raised.push(STATE_BIT.AC_BOARD_DEADZONE);
    bits.update([...raised, ...sup.bits], inp.tMs + inp.dtS * 1000);
    return result.commandW;
  };
  site.setController(controller);

  const restart = (): void => {
    version++;
    bootMs = site.now();
    apiSetpointW = 0;
    nom = INITIAL_NOM;
    nomLink = INITIAL_NOM_LINK;
    acBoard = BOOTING_BOARD;
    systemState = 'SYSTEM_STATE_INIT';
    wishW = 0;
    bits.reset();
    ota = { self: { ...ota.self, sinceMs: bootMs }, serial: { ...ota.serial, sinceMs: bootMs } };
  };

  const power = (): PowerView => {
    const s = site.snapshot();
    const pvPhase = site.config.pv.phase;
    const hasPv = site.config.pv.peakW > 0;
    const acV = s.phaseVoltageV[site.config.batteryPhase - 1] ?? 230;
    return {
      socFraction: s.socFraction,
      powerW: s.batteryW,
      externalPowerW: 0,
      packVoltageV: s.packVoltageV,
      setpointW: wishW,
      systemState,
      systemStateDetails: acBoard.details,
      freqHz: s.freqHz,
      inverterCurrentA: Math.abs(s.batteryW) / acV,
      strategyOverridden: overrideW !== null,
      pvPhases: [1, 2, 3].map((phase) => {
        const onPhase = hasPv && (pvPhase === phase || pvPhase === 0);
        const pvW = onPhase ? (pvPhase === 0 ? s.pvW / 3 : s.pvW) : 0;
        const voltageV = onPhase ? s.phaseVoltageV[phase - 1]! : 0;
        return { voltageV, currentA: voltageV > 0 ? pvW / voltageV : 0, powerW: pvW };
      }),
    };
  };

  const device: SessyDevice = {
    kind: 'sessy',
    site,
    get version() {
      return version;
    },
    profile,
    identity,
    stepTo(tMs) {
      site.stepTo(tMs);
      const before = ota.self.state;
      const latestSerial = profile.acBoardVersion === profile.version ? LATEST_FIRMWARE : profile.acBoardVersion;
      ota = {
        self: stepOta(ota.self, tMs, LATEST_FIRMWARE, DEFAULT_OTA, DEFAULT_OTA.selfUpdateS),
        serial: stepOta(ota.serial, tMs, latestSerial, DEFAULT_OTA, DEFAULT_OTA.serialUpdateS),
      };
      if (before === 'OTA_UPDATING' && ota.self.state === 'OTA_DONE') restart(); // the dongle reboots into the new image
    },
    setSoc: (socFraction) => site.setSoc(socFraction),
    power,
    energy() {
      const m = site.snapshot().meters;
      const pvPhase = site.config.pv.phase;
      const phases = [1, 2, 3].map((p) => (pvPhase === p ? { importWh: m.pv.importWh, exportWh: m.pv.exportWh } : { importWh: 0, exportWh: 0 }));
      return { batteryImportWh: m.battery.importWh, batteryExportWh: m.battery.exportWh, phases };
    },
    strategy: () => strategy,
    setStrategy(next) {
      version++;
      if (next !== strategy) {
        // A strategy change ends an API setpoint: it holds only until a new setpoint, a strategy change, a restart
        // or the loss of the network (docs/sessy-setpoint.md).
        nom = INITIAL_NOM;
        apiSetpointW = 0;
      }
      strategy = next;
    },
    setApiSetpoint(w) {
      if (strategy !== 'POWER_STRATEGY_API') return 'not-api';
      version++;
      apiSetpointW = w;
      return 'ok';
    },
    settings: () => settings,
    updateSettings(body): SettingsResult {
      const result = applySettingsPatch(settings, body, profile);
      if (result.ok) {
        version++;
        settings = result.settings;
        timeWindow = parseTimeWindow(settings.enabledTime)!;
      }
      return result;
    },
    knownSchedule(): readonly DaySchedule[] | null {
      return settings.cloudEnabled ? schedule.knownDays(site.now()) : null;
    },
    stateBits: () => bits.view(site.now()),
    uptimeMs: () => site.now() - bootMs,
    ota: () => ota,
    checkOta() {
      version++;
      ota = { self: checkOta(ota.self, site.now()), serial: checkOta(ota.serial, site.now()) };
    },
    startOta(target: OtaTarget) {
      version++;
      const now = site.now();
      if (target !== 'OTA_TARGET_SERIAL') ota = { ...ota, self: startOta(ota.self, LATEST_FIRMWARE, now) };
      if (target !== 'OTA_TARGET_SELF') ota = { ...ota, serial: startOta(ota.serial, LATEST_FIRMWARE, now) };
    },
    restart,
    reboot() {
      // A power cycle, unlike a soft restart, loses the energy counted since the last persist (the spec's warning).
      site.meters.rollback();
      restart();
    },
    setExternalSetpoint(w) {
      version++;
      connectSetpointW = finite('SessyConnect setpoint (W)', w);
    },
    loseNetwork() {
      // The API strategy's only watchdog: "No network connection found, setting power to 0" (docs/sessy-setpoint.md).
      if (strategy !== 'POWER_STRATEGY_API' || apiSetpointW === 0) return;
      version++;
      apiSetpointW = 0;
    },
    setOverride(w) {
      version++;
      if (w !== null) finite('override (W)', w);
      overrideW = w;
    },
    setGridTarget(w) {
      version++;
      gridTargetW = finite('grid target (W)', w);
    },
    nomSource,
    posts: () => nomSource === 'meter' && (strategy === 'POWER_STRATEGY_NOM' || strategy === 'POWER_STRATEGY_ECO'),
    nomReport(): NomReport {
      const s = site.snapshot();
      const minSoc = s.socFraction * 100 <= settings.minSocPercent;
      return {
        uniqueId: identity.dongleSerial,
        socFraction: s.socFraction,
        powerW: s.batteryW,
        safetyState: systemState,
        minPowerW: settings.minPowerW,
        maxChargeW: Math.min(s.chargeLimitW, settings.maxPowerW),
        maxDischargeW: minSoc ? 0 : Math.min(s.dischargeLimitW, settings.maxPowerW),
        overridden: overrideW !== null,
        overridePowerW: overrideW ?? 0,
        acVoltageV: s.phaseVoltageV[Math.max(site.config.batteryPhase, 1) - 1] ?? 230,
        gridCodeState: acBoard.grid.mode,
      };
    },
    receiveNomAnswer(answer) {
      version++;
      nomLink = answer === null ? withFailure(nomLink) : withAnswer(nomLink, answer, site.now());
    },
    nomLink: () => nomLink,
    simState() {
      const s = site.snapshot();
      return {
        device: 'sessy',
        firmware: profile.version,
        uptimeS: (site.now() - bootMs) / 1000,
        strategy,
        apiSetpointW,
        wishW,
        requestW,
        systemState,
        systemStateDetails: acBoard.details,
        boardPhase: acBoard.phase,
        gridCodeMode: acBoard.grid.mode,
        strategyOverriddenW: overrideW,
        connectSetpointW,
        gridTargetW,
        ...(nomSource === 'meter' ? { nomTargetW: nomLink.answer?.targetW ?? null, nomAnswerAgeS: nomLink.answer ? (site.now() - nomLink.atMs) / 1000 : null, nomFailures: nomLink.failures } : {}),
        socFraction: s.socFraction,
        batteryW: s.batteryW,
        batteryCommandW: s.batteryCommandW,
        freqHz: s.freqHz,
        gridW: s.gridW,
        loadW: s.loadW,
        pvW: s.pvW,
        packVoltageV: s.packVoltageV,
        energyWh: s.energyWh,
        chargeLimitW: s.chargeLimitW,
        dischargeLimitW: s.dischargeLimitW,
        meters: s.meters,
        settings,
      };
    },
  };
  return device satisfies SimulatedDevice;
}

function positive(name: string, value: number): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new SessyError('SESSY_ERR_BAD_OPTION', `Failed to create the Sessy model: ${name} must be a number > 0 (seconds), got ${String(value)}.`);
  }
  return value;
}

function finite(name: string, value: number): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 100_000)) {
    throw new SessyError('SESSY_ERR_BAD_CONTROL', `Failed to set the ${name}: ${String(value)} is not a finite number within ±100000 W.`);
  }
  return value;
}
