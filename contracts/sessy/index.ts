/** The Sessy contract suite: every case with a stable ID, and the snapshot the runner restores. */
import type { ContractSuite } from '../core/suite.ts';
import { behaviourCases } from './cases-behaviour.ts';
import { controlCases } from './cases-control.ts';
import { wireCases } from './cases-wire.ts';
import { PATHS, readFirmware, waitUntilBooted } from './common.ts';
import { snapshotSessy } from './snapshot.ts';

export const sessySuite: ContractSuite = Object.freeze({
  device: 'sessy',
  cases: Object.freeze([...wireCases, ...behaviourCases, ...controlCases]),
  snapshot: snapshotSessy,
  alivePath: PATHS.status, // open on every firmware (docs/sessy.md §1.2)
  firmware: readFirmware,
  ready: waitUntilBooted,
});
