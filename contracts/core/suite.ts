/** What each device suite gives the runner: its cases, and how to snapshot and restore what they may change. */
import type { ContractCase } from './context.ts';
import type { ContractHttp } from './http.ts';
import type { DeviceKind } from './types.ts';

export interface Snapshot {
  /** What was saved, one line each, for the summary ("strategy POWER_STRATEGY_NOM"). */
  readonly saved: readonly string[];
  /** Puts everything back; returns what could not be restored, as instructions for a human ([] when all went back). */
  restore(http: ContractHttp): Promise<string[]>;
}

export interface ContractSuite {
  readonly device: DeviceKind;
  readonly cases: readonly ContractCase[];
  /** Reads everything the write cases may change. Called only when writes are allowed. */
  snapshot(http: ContractHttp): Promise<Snapshot>;
  /**
   * After an emulator reset, let this much simulated time pass before a case [s]: a reset device is booting,
   * while a real one has been up for days. Sessy: INIT → STANDBY takes its boot time.
   */
  readonly settleS: number;
}
