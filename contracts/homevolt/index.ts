/** The Homevolt contract suite: every case with a stable ID, and the snapshot the runner restores. */
import type { ContractSuite } from '../core/suite.ts';
import { behaviourCases } from './cases-behaviour.ts';
import { controlCases } from './cases-control.ts';
import { wireCases } from './cases-wire.ts';
import { PATHS, readFirmware } from './common.ts';
import { snapshotHomevolt } from './snapshot.ts';

// The lockout case goes last: on a device its failures count for five minutes.
const lockout = wireCases.filter((c) => c.needs.includes('lockout'));

export const homevoltSuite: ContractSuite = Object.freeze({
  device: 'homevolt',
  cases: Object.freeze([...wireCases.filter((c) => !lockout.includes(c)), ...behaviourCases, ...controlCases, ...lockout]),
  snapshot: snapshotHomevolt,
  alivePath: PATHS.ems,
  firmware: readFirmware,
  // A reset Homevolt serves its telemetry at once: nothing to wait for.
  ready: async () => {},
});
