/**
 * What a run tells while it runs, in order: per target a header (or one message that it does not answer), each
 * case's progress through long waits and its result as it ends, what was restored; then the report. Reporters
 * (report-stream.ts) turn these into lines; the runner never prints.
 */
import type { CaseResult } from './context.ts';
import type { ContractReport } from './report.ts';
import type { ClockKind } from './time.ts';
import type { Strictness } from './types.ts';

/** The header of one target: what is checked, how, and how time passes on it. */
export interface TargetInfo {
  readonly label: string;
  readonly url: string;
  /** 'emulator': served /_sim/, which the suite uses; 'device': treated as hardware. */
  readonly kind: 'emulator' | 'device';
  /** Whose clock the judgements use: manual or scaled (the emulator's), or real time. */
  readonly clock: ClockKind;
  /** Target seconds per wall second (Infinity on a manual clock). */
  readonly speed: number;
  /** As the target reports it; null when it did not say. */
  readonly firmware: string | null;
  readonly strictness: Strictness;
  readonly writes: boolean;
  /** Minimum gap between requests [ms]. */
  readonly paceMs: number;
  /** Cases selected for this target. */
  readonly cases: number;
  /** Why the run could not use the target at all (it did not answer); null when it did. */
  readonly unreachable: string | null;
}

export type ContractEvent =
  | { readonly type: 'target'; readonly target: TargetInfo }
  | { readonly type: 'progress'; readonly target: string; readonly caseId: string; readonly text: string }
  | { readonly type: 'result'; readonly result: CaseResult }
  | { readonly type: 'restore'; readonly target: string; readonly saved: readonly string[]; readonly problems: readonly string[] }
  | { readonly type: 'end'; readonly report: ContractReport };
