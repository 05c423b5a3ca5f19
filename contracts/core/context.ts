/**
 * What a case gets: HTTP to the target, the spec, the target's own time (an emulator's clock, or real waiting on a
 * device), the simulation control when there is one, ways to fail with evidence or to skip with a reason, and a
 * way to say what it is waiting for while it waits.
 */
import type { ContractHttp, Exchange } from './http.ts';
import type { SimPlane } from './sim-plane.ts';
import { checkAgainstSpec, type DeviceSpec } from './spec.ts';
import { wallMsOf, type TimeControl } from './time.ts';
import type { CaseStatus, DeviceKind, Need, Strictness, Target } from './types.ts';

/** A case failed: `why` in one sentence, and the exchanges that show it. */
export class CaseFailure extends Error {
  override readonly name = 'CaseFailure';
  constructor(
    message: string,
    readonly evidence: readonly Exchange[] = [],
  ) {
    super(message);
  }
}

/** A case cannot run on this target; `message` says why. */
export class CaseSkip extends Error {
  override readonly name = 'CaseSkip';
}

/** The target's time as a case uses it: `pass` may say what the wait is for, announced when it takes seconds. */
export interface CaseTime extends TimeControl {
  pass(seconds: number, what?: string): Promise<number>;
}

export interface CaseContext {
  readonly device: DeviceKind;
  readonly target: Target;
  readonly http: ContractHttp;
  readonly spec: DeviceSpec;
  readonly time: CaseTime;
  /** The emulator's control plane; null on a device. */
  readonly sim: SimPlane | null;
  readonly signal: AbortSignal | undefined;
  /** Facts learnt once per target (firmware, served operations), shared by the cases. */
  readonly facts: Map<string, unknown>;
  /** Notes shown with a passing result (e.g. "SOC did not move within its resolution"). */
  note(text: string): void;
  /** Tells the person watching what a long wait is waiting for ("power to reach 1000 W: reads 300 W"). */
  progress(text: string): void;
  fail(why: string, evidence?: Exchange | readonly Exchange[]): never;
  skip(why: string): never;
  /** Fails unless `condition`. */
  check(condition: boolean, why: string, evidence?: Exchange | readonly Exchange[]): asserts condition;
  /** Fails unless the exchange matches openapi/<device>.yaml. */
  checkSpec(exchange: Exchange): void;
  /** Sends a GET with the target's credentials and fails unless the answer is 200 JSON; returns the body. */
  getJson(path: string): Promise<{ readonly body: unknown; readonly exchange: Exchange }>;
}

export interface ContractCase {
  /** Stable, e.g. SESSY-POWER-001. Never reused for a different check. */
  readonly id: string;
  /** What must hold, as a sentence. */
  readonly title: string;
  readonly strictness: Strictness;
  readonly needs: readonly Need[];
  run(ctx: CaseContext): Promise<void>;
}

export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly device: DeviceKind;
  readonly target: string;
  readonly strictness: Strictness;
  readonly status: CaseStatus;
  /** Why it failed, was skipped or errored; notes for a pass. */
  readonly why: string;
  readonly evidence: readonly Exchange[];
  readonly durationMs: number;
  /** Wall time spent letting the target's time pass [ms] (0 on a manual clock). */
  readonly waitMs: number;
  /** Requests sent to the target's API. */
  readonly requests: number;
}

export interface ContextParts {
  readonly device: DeviceKind;
  readonly target: Target;
  readonly http: ContractHttp;
  readonly spec: DeviceSpec;
  readonly time: TimeControl;
  readonly sim: SimPlane | null;
  readonly signal: AbortSignal | undefined;
  readonly facts: Map<string, unknown>;
  readonly strictKeys: boolean;
  readonly progress: (text: string) => void;
}

/** Waits expected to take at least this long on the wall are announced [ms]. */
const ANNOUNCE_WAIT_MS = 3000;

/** What one case did with its time: filled in while it runs. */
export interface CaseClock {
  waitMs: number;
}

export function createCaseContext(parts: ContextParts, notes: string[], spent: CaseClock): CaseContext {
  const asList = (e: Exchange | readonly Exchange[] | undefined): readonly Exchange[] => (e === undefined ? [] : Array.isArray(e) ? e : [e as Exchange]);
  const { time } = parts;
  const caseTime: CaseTime = {
    kind: time.kind,
    speed: time.speed,
    now: () => time.now(),
    async pass(seconds, what) {
      // A wait that names its purpose is announced; waitFor's steps name none (it announces the whole wait).
      if (what !== undefined && wallMsOf(time, seconds) >= ANNOUNCE_WAIT_MS) parts.progress(`waiting ${seconds} s for ${what}`);
      const started = Date.now();
      try {
        return await time.pass(seconds);
      } finally {
        spent.waitMs += Date.now() - started;
      }
    },
  };
  const ctx: CaseContext = {
    ...parts,
    time: caseTime,
    note: (text) => void notes.push(text),
    fail(why, evidence) {
      throw new CaseFailure(why, asList(evidence));
    },
    skip(why) {
      throw new CaseSkip(why);
    },
    check(condition, why, evidence) {
      if (!condition) throw new CaseFailure(why, asList(evidence));
    },
    checkSpec(exchange) {
      const issues = checkAgainstSpec(parts.spec, exchange, { strictKeys: parts.strictKeys });
      if (issues.length > 0) throw new CaseFailure(`${exchange.request.method} ${new URL(exchange.request.url).pathname} does not match openapi/${parts.device}.yaml: ${issues.slice(0, 5).join('; ')}`, [exchange]);
    },
    async getJson(path) {
      const exchange = await parts.http.send({ method: 'GET', path });
      if (!exchange.response) throw new CaseFailure(`GET ${path} got no answer: ${exchange.error ?? '?'}`, [exchange]);
      if (exchange.response.status !== 200) throw new CaseFailure(`GET ${path} answered ${exchange.response.status}, expected 200`, [exchange]);
      const body = exchange.json();
      if (body === undefined) throw new CaseFailure(`GET ${path} answered 200 without a JSON body`, [exchange]);
      return { body, exchange };
    },
  };
  return ctx;
}
