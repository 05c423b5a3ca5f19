/**
 * Firmware profiles (docs/homevolt.md §5.1, §7): `2512` is the "stable_2512_1" shape of the Tibber docs
 * (hex ecu_id, sensors[].function + sensor_type, slim aggregated); `pre-2512` is esp build 2929 as captured
 * by Homevolt4HA (integer ecu_id, sensors[].type, full aggregated, bare ems_status).
 */
import type { ScheduleType } from './schedule.ts';

export type FirmwareName = '2512' | 'pre-2512';
export const FIRMWARE_NAMES: readonly FirmwareName[] = ['2512', 'pre-2512'];

export interface FirmwareProfile {
  readonly name: FirmwareName;
  /** `firmware.esp` and `firmware.efr` of /status.json. */
  readonly espVersion: string;
  readonly efrVersion: string;
  /** Schedule types a `sched_set`/`sched_add` keeps; others are stored as idle. */
  readonly scheduleTypes: readonly ScheduleType[];
}

export const FIRMWARE_PROFILES: Readonly<Record<FirmwareName, FirmwareProfile>> = Object.freeze({
  // pyHomevolt (Sept 2026): only 0, 1, 2, 6, 7 "produce a matching manual schedule on current firmware".
  '2512': { name: '2512', espVersion: '3056-1a3446ed', efrVersion: '804-4190150b', scheduleTypes: [0, 1, 2, 6, 7] },
  // The firmware help of that era lists types 0–6; a Homey user saw type 5 accepted (docs/homevolt.md §4.2).
  'pre-2512': { name: 'pre-2512', espVersion: '2929-a1e89e8d', efrVersion: '795-379a5e21', scheduleTypes: [0, 1, 2, 3, 4, 5, 6] },
});
