/** The Sessy P1/CT meter contract suite: every case with a stable ID, and the snapshot the runner restores. */
import type { ContractSuite } from '../core/suite.ts';
import { meterBehaviourCases } from './cases-behaviour.ts';
import { meterWireCases } from './cases-wire.ts';
import { METER_PATHS, readMeterFirmware, waitForTelegram } from './common.ts';
import { snapshotMeter } from './snapshot.ts';

export const sessyMeterSuite: ContractSuite = Object.freeze({
  device: 'sessy-meter',
  cases: Object.freeze([...meterWireCases, ...meterBehaviourCases]),
  snapshot: snapshotMeter,
  alivePath: METER_PATHS.status, // open, as Homey's discovery reads it (docs/sessy.md §1.3)
  firmware: readMeterFirmware,
  ready: waitForTelegram,
});
