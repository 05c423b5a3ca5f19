/**
 * Write, then read back: how pyHomevolt, the best existing client, controls a Homevolt (docs/homevolt.md §4.2).
 * Check local_mode, send `sched_set`, read /schedule.json and compare type and parameters, because firmware
 * accepts some modes and quietly stores idle instead. After a timeout the command is not resent: the read-back
 * decides whether it acted.
 */
import { buildScheduleCommand, ConsoleArgumentError, type ScheduleEntrySpec } from './console.ts';
import type { HomevoltClient } from './client.ts';
import { HomevoltClientError } from './errors.ts';
import type { ScheduleWire } from './wire.ts';

/** schedule.json param keys that the spec's numbers map to, for the comparison. */
const CHECKED_PARAMS: readonly (readonly [keyof ScheduleEntrySpec, string])[] = [
  ['setpointW', 'setpoint'],
  ['maxChargeW', 'max_charge'],
  ['maxDischargeW', 'max_discharge'],
  ['importLimitW', 'import_limit'],
  ['exportLimitW', 'export_limit'],
];

/** Turns on settings_local (store=false: runtime only, as pyHomevolt does) and reads back local_mode. Returns whether it changed. */
export async function enableLocalMode(client: HomevoltClient, options: { readonly store?: boolean } = {}): Promise<boolean> {
  if ((await client.getSchedule()).local_mode) return false;
  await client.setParam('settings_local', true, { store: options.store ?? false });
  if (!(await client.getSchedule()).local_mode) {
    throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_VERIFY_FAILED', 'Failed to enable local mode: settings_local was saved but /schedule.json still shows local_mode false. Check the parameter on the device.');
  }
  return true;
}

/** Turns settings_local off again (the partner cloud's schedules apply), reading it back. */
export async function disableLocalMode(client: HomevoltClient, options: { readonly store?: boolean } = {}): Promise<void> {
  await client.setParam('settings_local', false, { store: options.store ?? false });
  if ((await client.getSchedule()).local_mode) {
    throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_VERIFY_FAILED', 'Failed to disable local mode: /schedule.json still shows local_mode true.');
  }
}

/** Replaces the schedule with one entry and verifies it by reading /schedule.json; returns what was read. */
export async function setScheduleVerified(client: HomevoltClient, entry: ScheduleEntrySpec, options: { readonly verify?: boolean } = {}): Promise<ScheduleWire | null> {
  let command: string;
  try {
    command = buildScheduleCommand('sched_set', entry);
  } catch (error) {
    if (!(error instanceof ConsoleArgumentError)) throw error;
    throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_BAD_ARGUMENT', `Failed to build the schedule command: ${error.message}.`);
  }
  try {
    await client.runCommand(command);
  } catch (error) {
    // Outcome unknown: reconcile by reading back rather than sending again (pyHomevolt).
    if (!(error instanceof HomevoltClientError) || (error.kind !== 'timeout' && error.kind !== 'connection')) throw error;
    const schedule = await client.getSchedule();
    if (scheduleMismatch(schedule, entry) === null) return schedule;
    throw error;
  }
  if (options.verify === false) return null;
  const schedule = await client.getSchedule();
  const mismatch = scheduleMismatch(schedule, entry);
  if (mismatch !== null) {
    throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_VERIFY_FAILED', `Failed to set the schedule with "${command}": the device accepted it but reads back ${mismatch}. This firmware may not support schedule type ${entry.type}.`, { deviceMessage: JSON.stringify(schedule.schedule) });
  }
  return schedule;
}

/** Why the schedule read back is not the one entry sent, or null when it is. */
export function scheduleMismatch(schedule: ScheduleWire, entry: ScheduleEntrySpec): string | null {
  if (!schedule.local_mode) return 'local_mode false';
  if (schedule.schedule.length !== 1) return `${schedule.schedule.length} entries`;
  const stored = schedule.schedule[0]!;
  if (stored.type !== entry.type) return `type ${stored.type} instead of ${entry.type}`;
  for (const [key, wireKey] of CHECKED_PARAMS) {
    const sent = entry[key];
    if (typeof sent !== 'number') continue;
    const got = stored.params[wireKey];
    if (got !== Math.round(sent)) return `${wireKey} ${String(got)} instead of ${Math.round(sent)}`;
  }
  return null;
}
