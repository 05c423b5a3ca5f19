/**
 * battsim's contract suites: the same checks that keep the emulators honest tell a user whether their real
 * battery, on their firmware, behaves as the emulator and their code assume. Talks HTTP only (clients/ and fetch);
 * never imports simulator/.
 *
 * The CLI calls `runContracts`; without --url it starts the emulators itself (one per firmware profile) and
 * passes them as emulator targets; with --url, `discoverTarget` tells an emulator (it serves /_sim/) from hardware.
 */
import { homevoltSuite } from './homevolt/index.ts';
import { sessySuite } from './sessy/index.ts';
import { sessyMeterSuite } from './sessy-meter/index.ts';
import { ContractError } from './core/errors.ts';
import { runSuite, type RunSuiteOptions } from './core/runner.ts';
import type { ContractReport } from './core/report.ts';
import type { ContractSuite } from './core/suite.ts';
import type { DeviceKind } from './core/types.ts';

export { CONTRACT_ERROR_CODES, ContractError, type ContractErrorCode } from './core/errors.ts';
export { discoverTarget, type AddressedTarget, type Discovered } from './core/discover.ts';
export type { ContractEvent, TargetInfo } from './core/events.ts';
export { PREFLIGHT_TIMEOUT_MS } from './core/preflight.ts';
export { createReporter, describeClock, formatCounts, formatResultLines, formatTimeUse, REPORTERS, type Reporter, type ReporterKind } from './core/report-stream.ts';
export type { ClockKind } from './core/time.ts';
export type { CaseContext, CaseResult, ContractCase } from './core/context.ts';
export type { Exchange } from './core/http.ts';
export { formatExchange, formatJUnit, formatSummary, type ContractReport } from './core/report.ts';
export { checkTarget, selectCases, whyNotRunnable, type RunSuiteOptions } from './core/runner.ts';
export type { ContractSuite, Snapshot } from './core/suite.ts';
export { STRICTNESS_LEVELS, type CaseStatus, type DeviceKind, type DeviceTarget, type EmulatorTarget, type MeterTarget, type Need, type Strictness, type Target, type TargetCredentials } from './core/types.ts';
export { sessySuite, homevoltSuite, sessyMeterSuite };

export const SUITES: Readonly<Record<DeviceKind, ContractSuite>> = Object.freeze({ sessy: sessySuite, homevolt: homevoltSuite, 'sessy-meter': sessyMeterSuite });

export interface RunContractsOptions extends RunSuiteOptions {
  readonly device: DeviceKind;
}

/** Runs one device's suite against its targets; never exits the process: the caller uses `report.exitCode`. */
export async function runContracts(options: RunContractsOptions): Promise<ContractReport> {
  if (typeof options !== 'object' || options === null || !(options.device in SUITES)) {
    throw new ContractError('CONTRACT_ERR_BAD_OPTION', `Failed to run the contracts: device must be "sessy", "homevolt" or "sessy-meter", got ${JSON.stringify((options as { device?: unknown } | null)?.device)}.`);
  }
  const { device, ...rest } = options;
  return runSuite(SUITES[device], rest);
}
