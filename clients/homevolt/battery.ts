/**
 * A Homevolt as a `Battery` and a grid meter (clients/battery.ts). What the device needs, honestly:
 * - local schedule commands are refused unless settings_local is true (docs/homevolt.md §4.1). With `takeLocalMode`
 *   (default) the first command turns it on (runtime only, store=0) and releaseControl() turns it off again;
 *   without it a command fails with HOMEVOLT_CLIENT_ERR_NOT_LOCAL_MODE;
 * - power is commanded with `sched_set` (docs/homevolt.md §4.2, as Homey does): discharge = type 2 with a positive
 *   setpoint, charge = type 1 with a positive setpoint, 0 = type 0 (idle);
 * - every command whose schedule type changes is read back from /schedule.json (pyHomevolt's write-then-read-back,
 *   since firmware may store idle instead); with `verify: 'always'` every command is;
 * - releaseControl() clears the schedule and restores settings_local, so the partner cloud's plan applies again.
 * Readings (SOC, power, limits, grid) come from one /ems.json answer younger than `emsMaxAgeMs`; limits are
 * ems_prediction.avail_ch_pwr / avail_di_pwr; grid power is the grid CT's total_power (+ = import).
 */
import type { Battery, PowerLimits, ReadsGridPower } from '../battery.ts';
import { createCachedReading, wallClock, type ReadingClock } from '../shared/cached-reading.ts';
import type { HomevoltClient } from './client.ts';
import type { ScheduleType } from './console.ts';
import { HomevoltClientError } from './errors.ts';
import { disableLocalMode, enableLocalMode, setScheduleVerified } from './schedule-control.ts';
import type { HomevoltEmsReading } from './units.ts';

export interface HomevoltBatteryOptions {
  readonly client: HomevoltClient;
  /** Clock for the caches [epoch ms]; default wall time. Pass the simulated clock in tests. */
  readonly clock?: ReadingClock;
  /** How long one /ems.json answers all readings [ms]; default 1000. */
  readonly emsMaxAgeMs?: number;
  /** Turn settings_local on for the first command and off on release; default true. */
  readonly takeLocalMode?: boolean;
  /** Read back 'always', 'on-type-change' (default) or 'never'. */
  readonly verify?: 'always' | 'on-type-change' | 'never';
  /** Commands smaller than this in magnitude become idle [W]; default 1. */
  readonly idleBelowW?: number;
  /** An unchanged command is not sent again until this much time passed [ms]; default 0 (always send). */
  readonly resendAfterMs?: number;
}

export interface HomevoltBattery extends Battery, ReadsGridPower {
  readonly client: HomevoltClient;
  readonly inControl: boolean;
  /** The last /ems.json reading (with the raw wire answer). */
  readEms(): Promise<HomevoltEmsReading>;
}

export function createHomevoltBattery(options: HomevoltBatteryOptions): HomevoltBattery {
  const { client } = options;
  const clock = options.clock ?? wallClock;
  const takeLocalMode = options.takeLocalMode ?? true;
  const verify = options.verify ?? 'on-type-change';
  const idleBelowW = options.idleBelowW ?? 1;
  const resendAfterMs = options.resendAfterMs ?? 0;
  const ems = createCachedReading(() => client.getEms(), options.emsMaxAgeMs ?? 1000, clock);
  let inControl = false;
  let enabledLocalMode = false;
  let last: { readonly type: ScheduleType; readonly setpointW: number; readonly atMs: number } | null = null;

  return {
    client,
    get inControl() {
      return inControl;
    },
    readEms: () => ems.get(),
    readSoc: async () => (await ems.get()).socFraction,
    readPowerW: async () => (await ems.get()).powerW,
    async readLimits(): Promise<PowerLimits> {
      const r = await ems.get();
      return { chargeW: r.chargeLimitW, dischargeW: r.dischargeLimitW };
    },
    // The grid CT is read fresh: it is what a zero-on-the-meter step starts from; the other reads reuse it.
    async readGridPowerW() {
      const r = await ems.refresh();
      if (r.gridPowerW === null) {
        throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_DEVICE', 'Failed to read the grid power: /ems.json lists no available grid sensor. Pair a grid CT clamp (ecu_sense_assign … grid) or read the site meter instead.');
      }
      return r.gridPowerW;
    },
    async commandPowerW(powerW) {
      if (!Number.isFinite(powerW)) {
        throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_BAD_ARGUMENT', `Failed to command the Homevolt: ${String(powerW)} W is not a finite number. Pass watts, + = discharge.`);
      }
      const w = Math.round(powerW);
      const type: ScheduleType = Math.abs(w) < idleBelowW ? 0 : w > 0 ? 2 : 1;
      const setpointW = type === 0 ? 0 : Math.abs(w);
      const nowMs = clock.now();
      if (inControl && last && last.type === type && last.setpointW === setpointW && nowMs - last.atMs < resendAfterMs) return;
      if (!inControl && takeLocalMode) enabledLocalMode = (await enableLocalMode(client)) || enabledLocalMode;
      const check = verify === 'always' || (verify === 'on-type-change' && (!inControl || last?.type !== type));
      try {
        await setScheduleVerified(client, type === 0 ? { type } : { type, setpointW }, { verify: check });
      } catch (error) {
        last = null;
        if (error instanceof HomevoltClientError && error.code === 'HOMEVOLT_CLIENT_ERR_NOT_LOCAL_MODE') inControl = false;
        throw error;
      }
      inControl = true;
      last = { type, setpointW, atMs: nowMs };
    },
    async releaseControl() {
      if (!inControl && !enabledLocalMode) return;
      await client.runCommand('sched_clear');
      if (enabledLocalMode) await disableLocalMode(client);
      inControl = false;
      enabledLocalMode = false;
      last = null;
    },
  };
}
