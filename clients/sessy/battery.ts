/**
 * A Sessy as a `Battery` (clients/battery.ts). What the device needs, honestly:
 * - a setpoint is refused (400) unless the active strategy is POWER_STRATEGY_API, so the first command switches
 *   to API and remembers the strategy it replaced; releaseControl() restores it (NOM when it was API already);
 * - if someone else changes the strategy meanwhile, the setpoint fails with SESSY_CLIENT_ERR_NOT_API_STRATEGY and
 *   the next command takes control again (no silent fight inside one call);
 * - the device has no limits endpoint: limits are the rated powers (max_power setting, 1700 W discharge, the
 *   37.5 A DC limit at the pack voltage) and 0 when it reports BATTERY_FULL / BATTERY_EMPTY; the device tapers
 *   near full and empty on its own (docs/sessy.md §8);
 * - without client contact for the no-contact timeout the device drops the API setpoint to 0, so an unchanged
 *   setpoint is re-sent at least every `resendAfterMs`.
 * Reads of power, SOC and limits share one power/status answer younger than `statusMaxAgeMs`.
 * Grid power: the Sessy dongle does not measure it; read the site's P1 meter (or createSimGridMeter in tests).
 */
import type { Battery, PowerLimits } from '../battery.ts';
import { createCachedReading, wallClock, type ReadingClock } from '../shared/cached-reading.ts';
import type { SessyClient } from './client.ts';
import { SessyClientError } from './errors.ts';
import type { SessyPowerStatus } from './units.ts';
import type { PowerStrategy } from './wire.ts';

export interface SessyBatteryOptions {
  readonly client: SessyClient;
  /** Clock for the caches [epoch ms]; default wall time. Pass the simulated clock in tests. */
  readonly clock?: ReadingClock;
  /** How long one power/status answers readSoc, readPowerW and readLimits [ms]; default 1000. */
  readonly statusMaxAgeMs?: number;
  /** How long the settings (max_power) are reused [ms]; default 300 000. */
  readonly settingsMaxAgeMs?: number;
  /** An unchanged setpoint is not sent again until this much time passed [ms]; default 0 (always send). */
  readonly resendAfterMs?: number;
  /** Nominal AC discharge power [W]; default 1700 (docs/sessy.md §8). */
  readonly ratedDischargeW?: number;
  /** DC discharge current limit [A]; default 37.5 (the internal supply, ha-sessy#37). */
  readonly dischargeCurrentLimitA?: number;
}

export interface SessyBattery extends Battery {
  readonly client: SessyClient;
  /** The strategy the first command replaced; null before taking control. */
  readonly replacedStrategy: PowerStrategy | null;
  readonly inControl: boolean;
  /** The last power/status read (with the raw wire answer), if any. */
  readStatus(): Promise<SessyPowerStatus>;
}

export function createSessyBattery(options: SessyBatteryOptions): SessyBattery {
  const { client } = options;
  const clock = options.clock ?? wallClock;
  const resendAfterMs = options.resendAfterMs ?? 0;
  const ratedDischargeW = options.ratedDischargeW ?? 1700;
  const currentLimitA = options.dischargeCurrentLimitA ?? 37.5;
  const status = createCachedReading(() => client.getPowerStatus(), options.statusMaxAgeMs ?? 1000, clock);
  const settings = createCachedReading(() => client.getSystemSettings(), options.settingsMaxAgeMs ?? 300_000, clock);
  let inControl = false;
  let replaced: PowerStrategy | null = null;
  let lastSent: { readonly w: number; readonly atMs: number } | null = null;

  const takeControl = async (): Promise<void> => {
    const current = await client.getActiveStrategy();
    if (current !== 'POWER_STRATEGY_API') {
      replaced ??= current;
      await client.setActiveStrategy('POWER_STRATEGY_API');
    }
    inControl = true;
    lastSent = null;
  };

  return {
    client,
    get replacedStrategy() {
      return replaced;
    },
    get inControl() {
      return inControl;
    },
    readStatus: () => status.get(),
    readSoc: async () => (await status.get()).socFraction,
    // A fresh answer each step: power is what the controller reacts to; SOC and limits reuse it.
    readPowerW: async () => (await status.refresh()).powerW,
    async readLimits(): Promise<PowerLimits> {
      const s = await status.get();
      const maxPowerW = (await settings.get()).max_power ?? 2200;
      const packV = s.packVoltageV ?? 0; // firmware before 1.9.1 reports no pack voltage: rated power only
      const dischargeW = Math.min(maxPowerW, ratedDischargeW, packV > 0 ? packV * currentLimitA : ratedDischargeW);
      return {
        chargeW: s.systemState === 'SYSTEM_STATE_BATTERY_FULL' || s.socFraction >= 1 ? 0 : maxPowerW,
        dischargeW: s.systemState === 'SYSTEM_STATE_BATTERY_EMPTY' || s.socFraction <= 0 ? 0 : dischargeW,
      };
    },
    async commandPowerW(powerW) {
      if (!Number.isFinite(powerW)) {
        throw new SessyClientError('SESSY_CLIENT_ERR_BAD_ARGUMENT', `Failed to command the Sessy: ${String(powerW)} W is not a finite number. Pass watts, + = discharge.`);
      }
      const w = Math.round(powerW);
      const nowMs = clock.now();
      if (inControl && lastSent && lastSent.w === w && nowMs - lastSent.atMs < resendAfterMs) return;
      if (!inControl) await takeControl();
      try {
        await client.setPowerSetpoint(w);
      } catch (error) {
        if (error instanceof SessyClientError && error.code === 'SESSY_CLIENT_ERR_NOT_API_STRATEGY') {
          inControl = false;
          replaced = null;
        }
        lastSent = null;
        throw error;
      }
      lastSent = { w, atMs: nowMs };
    },
    async releaseControl() {
      if (!inControl && replaced === null) return;
      await client.setActiveStrategy(replaced ?? 'POWER_STRATEGY_NOM');
      inControl = false;
      replaced = null;
      lastSent = null;
    },
  };
}
