/** What each device suite gives the runner: its cases, how to snapshot and restore, and how to greet a target. */
import type { CaseContext, ContractCase } from './context.ts';
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
  /** A GET every firmware answers with the target's credentials: the preflight's "is anybody there". */
  readonly alivePath: string;
  /** The firmware the target reports, for the header ("1.11.11", "esp 3056-1a3446ed"); null when it does not say. */
  firmware(http: ContractHttp): Promise<string | null>;
  /**
   * After an emulator reset the device is booting, while a real one has been up for days: resolves once it is up
   * (Sessy: system_state past INIT and WAIT_FOR_PERIPHERALS), failing the case when it never comes up.
   */
  ready(ctx: CaseContext): Promise<void>;
}
