/**
 * What a case gets: HTTP to the target, the spec, time that passes (the emulator's manual clock, or real waiting
 * on a device), the simulation control when there is one, and ways to fail with evidence or to skip with a reason.
 */
import type { ContractHttp, Exchange } from './http.ts';
import { AbortedError, sleep } from './http.ts';
import { checkAgainstSpec, type DeviceSpec } from './spec.ts';
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

export interface SimControl {
  /** POST /_sim/state: soc, frequencyHz, loadW, pvW, temperatureC (null clears an override). */
  setState(patch: Readonly<Record<string, number | null>>): Promise<Record<string, unknown>>;
  getState(): Promise<Record<string, unknown>>;
  reset(): Promise<void>;
}

export interface TimeControl {
  /** Lets `seconds` pass: the emulator's clock is advanced; on a device, real waiting. */
  pass(seconds: number): Promise<void>;
  /** 'simulated' or 'real': cases may choose shorter windows on real time. */
  readonly mode: 'simulated' | 'real';
  /** The target's now [epoch ms]: this machine's clock for a device (which runs on NTP time), the emulator's clock otherwise. */
  nowMs(): Promise<number>;
}

export interface CaseContext {
  readonly device: DeviceKind;
  readonly target: Target;
  readonly http: ContractHttp;
  readonly spec: DeviceSpec;
  readonly time: TimeControl;
  /** null on a device. */
  readonly sim: SimControl | null;
  readonly signal: AbortSignal | undefined;
  /** Facts learnt once per target (firmware, served operations), shared by the cases. */
  readonly facts: Map<string, unknown>;
  /** Notes shown with a passing result (e.g. "SOC did not move within its resolution"). */
  note(text: string): void;
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
}

export function createTimeControl(target: Target, http: ContractHttp, signal: AbortSignal | undefined, controlToken?: string): TimeControl {
  if (target.kind === 'device') return { mode: 'real', pass: (s) => sleep(s * 1000, signal), nowMs: async () => Date.now() };
  const base = `${target.control.replace(/\/+$/, '')}/_sim/clock`;
  const url = `${base}/advance`;
  return {
    mode: 'simulated',
    async nowMs() {
      const response = await fetch(base, { headers: token(controlToken) });
      if (!response.ok) throw new CaseFailure(`the emulator's clock could not be read: GET /_sim/clock answered ${response.status} ${await response.text()}.`);
      const { nowMs } = (await response.json()) as { nowMs?: unknown };
      if (typeof nowMs !== 'number') throw new CaseFailure(`GET /_sim/clock gave no nowMs: ${JSON.stringify(nowMs)}`);
      return nowMs;
    },
    async pass(seconds) {
      if (signal?.aborted) throw new AbortedError('Aborted');
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...token(controlToken) }, body: JSON.stringify({ seconds }) });
      if (!response.ok) throw new CaseFailure(`the emulator's clock did not advance: POST /_sim/clock/advance answered ${response.status} ${await response.text()}. Start it with --speed manual.`);
      await response.arrayBuffer();
    },
  };
}

export function createSimControl(controlUrl: string, controlToken?: string): SimControl {
  const base = `${controlUrl.replace(/\/+$/, '')}/_sim`;
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...token(controlToken) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new CaseFailure(`the simulation control refused ${method} /_sim${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  return {
    setState: (patch) => call('POST', '/state', patch),
    getState: () => call('GET', '/state'),
    reset: async () => {
      await call('POST', '/reset');
    },
  };
}

function token(t: string | undefined): Record<string, string> {
  return t ? { authorization: `Bearer ${t}` } : {};
}

export interface ContextParts {
  readonly device: DeviceKind;
  readonly target: Target;
  readonly http: ContractHttp;
  readonly spec: DeviceSpec;
  readonly time: TimeControl;
  readonly sim: SimControl | null;
  readonly signal: AbortSignal | undefined;
  readonly facts: Map<string, unknown>;
  readonly strictKeys: boolean;
}

export function createCaseContext(parts: ContextParts, notes: string[]): CaseContext {
  const asList = (e: Exchange | readonly Exchange[] | undefined): readonly Exchange[] => (e === undefined ? [] : Array.isArray(e) ? e : [e as Exchange]);
  const ctx: CaseContext = {
    ...parts,
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
