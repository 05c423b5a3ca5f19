/**
 * Runs a suite against its targets: checks the options once, strictly; per target, greets it (does it answer,
 * which firmware, whose clock), snapshots what the write cases may change and restores it at the end, also after a
 * failing case or an aborted run; decides per case whether it can run here (strictness, consent, simulation
 * control) and records why not. Tells what happens as it happens through `onEvent`.
 */
import { writeFile } from 'node:fs/promises';
import { CaseFailure, CaseSkip, createCaseContext, type CaseClock, type CaseResult, type ContextParts, type ContractCase } from './context.ts';
import { DeviceClientError } from '../../clients/index.ts';
import { ContractError } from './errors.ts';
import type { ContractEvent, TargetInfo } from './events.ts';
import { AbortedError, createContractHttp, type ContractHttp } from './http.ts';
import { greet } from './preflight.ts';
import { buildReport, formatJUnit, type ContractReport } from './report.ts';
import { createSimPlane, SimPlaneError } from './sim-plane.ts';
import { loadDeviceSpec } from './spec.ts';
import type { ContractSuite, Snapshot } from './suite.ts';
import { createRealTime, createSimTime, type TimeControl } from './time.ts';
import { STRICTNESS_LEVELS, type DeviceKind, type Strictness, type Target } from './types.ts';

export interface RunSuiteOptions {
  readonly targets: readonly Target[];
  /** Highest strictness to run; default per target: exact on an emulator, shape on a device. */
  readonly strictness?: Strictness;
  /** Case IDs to run, or prefixes ending in '*' (SESSY-AUTH-*); default all. */
  readonly cases?: readonly string[];
  /** Aborting stops after the current request; restoring still runs. */
  readonly signal?: AbortSignal;
  /** Called as each case ends, for live output. */
  readonly onResult?: (result: CaseResult) => void;
  /** Everything the run tells as it happens (headers, progress of long waits, results, restores, the end). */
  readonly onEvent?: (event: ContractEvent) => void;
  /** Also write JUnit XML here. */
  readonly junitPath?: string;
  /**
   * Default true: greet each target first and fail every case at once, with one message, when it does not answer.
   * false runs every case regardless (each then fails on its own: how the tests prove that no case passes on silence).
   */
  readonly preflight?: boolean;
}

const OPTION_KEYS = ['targets', 'strictness', 'cases', 'signal', 'onResult', 'onEvent', 'junitPath', 'preflight'];

const MIN_DEVICE_PACE_MS = 200; // ms: below this a small embedded server drops sockets (docs/sessy.md §1.1)

export function checkTarget(target: Target): Target {
  const bad = (why: string): never => {
    throw new ContractError('CONTRACT_ERR_BAD_TARGET', `Failed to use the target: ${why}.`);
  };
  if (typeof target !== 'object' || target === null) bad('it must be an object');
  if (typeof target.url !== 'string' || !/^https?:\/\/[^/]+/.test(target.url)) bad(`url must be an http(s) URL, got ${JSON.stringify(target.url)}`);
  const c = target.credentials;
  if (c !== null && (typeof c !== 'object' || typeof c.user !== 'string' || typeof c.password !== 'string' || c.user === '')) bad('credentials must be { user, password } or null');
  if (target.kind === 'emulator') {
    if (typeof target.control !== 'string' || !/^https?:\/\//.test(target.control)) bad('an emulator target needs control, the URL serving /_sim/');
  } else if (target.kind === 'device') {
    if (typeof target.allowWrites !== 'boolean') bad('allowWrites must be true or false, said explicitly');
    if (!Number.isFinite(target.paceMs) || target.paceMs < 0 || target.paceMs > 60_000) bad(`paceMs must be 0..60000 ms, got ${String(target.paceMs)}`);
    if (target.paceMs < MIN_DEVICE_PACE_MS && target.allowFastPacing !== true) bad(`paceMs ${target.paceMs} is below ${MIN_DEVICE_PACE_MS} ms; a real battery's web server cannot take that. Pass allowFastPacing only for an emulator addressed as a device`);
  } else bad(`kind must be "emulator" or "device", got ${JSON.stringify((target as { kind?: unknown }).kind)}`);
  return Object.freeze({ ...target });
}

export function targetLabel(device: DeviceKind, target: Target): string {
  return target.label ?? `${device} ${target.kind} ${target.url}`;
}

/** Case IDs matching the selection; throws CONTRACT_ERR_UNKNOWN_CASE for a selector that matches none. */
export function selectCases(cases: readonly ContractCase[], selectors: readonly string[] | undefined): readonly ContractCase[] {
  if (!selectors || selectors.length === 0) return cases;
  const matches = (id: string, s: string) => (s.endsWith('*') ? id.startsWith(s.slice(0, -1).toUpperCase()) : id === s.toUpperCase());
  for (const s of selectors) {
    if (!cases.some((c) => matches(c.id, s))) throw new ContractError('CONTRACT_ERR_UNKNOWN_CASE', `Failed to select case "${s}": no case has that ID. Known: ${cases.map((c) => c.id).join(', ')}.`);
  }
  return cases.filter((c) => selectors.some((s) => matches(c.id, s)));
}

/** Why the case cannot run on this target, or null. */
export function whyNotRunnable(c: ContractCase, target: Target, strictness: Strictness): string | null {
  if (c.strictness === 'exact' && target.kind === 'device') return 'exact cases compare with the emulator\'s own model: they run only against an emulator';
  if (STRICTNESS_LEVELS.indexOf(c.strictness) > STRICTNESS_LEVELS.indexOf(strictness)) return `${c.strictness === 'exact' ? 'an' : 'a'} ${c.strictness} case; the run's strictness is ${strictness} (pass --strictness ${c.strictness} to include it)`;
  if (c.needs.includes('sim') && target.kind === 'device') return 'needs the simulation control (/_sim/), which only an emulator has';
  if ((c.needs.includes('writes') || c.needs.includes('lockout')) && target.kind === 'device' && !target.allowWrites) {
    return c.needs.includes('lockout')
      ? 'provokes the login lockout, which locks every client out for seconds; needs --allow-writes'
      : 'changes the device (restored afterwards); live mode is read-only without --allow-writes';
  }
  if (c.needs.includes('credentials') && target.credentials === null) return 'the target runs without a password, so there is no authentication to check';
  return null;
}

export async function runSuite(suite: ContractSuite, options: RunSuiteOptions): Promise<ContractReport> {
  if (typeof options !== 'object' || options === null) throw new ContractError('CONTRACT_ERR_BAD_OPTION', 'Failed to run the contracts: the options must be an object.');
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw new ContractError('CONTRACT_ERR_BAD_OPTION', `Failed to run the contracts: option "${key}" is unknown. Known: ${OPTION_KEYS.join(', ')}.`);
  }
  if (!Array.isArray(options.targets) || options.targets.length === 0) throw new ContractError('CONTRACT_ERR_BAD_OPTION', 'Failed to run the contracts: targets must list at least one target. Start an emulator or pass --url.');
  if (options.strictness !== undefined && !STRICTNESS_LEVELS.includes(options.strictness)) throw new ContractError('CONTRACT_ERR_BAD_OPTION', `Failed to run the contracts: strictness must be exact, tolerance or shape, got ${String(options.strictness)}.`);
  if (options.preflight !== undefined && typeof options.preflight !== 'boolean') throw new ContractError('CONTRACT_ERR_BAD_OPTION', `Failed to run the contracts: preflight must be true or false, got ${String(options.preflight)}.`);
  const targets = options.targets.map(checkTarget);
  const cases = selectCases(suite.cases, options.cases);
  const spec = await loadDeviceSpec(suite.device);
  const started = Date.now();
  const infos: TargetInfo[] = [];
  const results: CaseResult[] = [];
  const restore: { target: string; saved: readonly string[]; problems: readonly string[] }[] = [];
  const { signal } = options;
  const tell = (e: ContractEvent): void => options.onEvent?.(e);
  const emit = (r: CaseResult): void => {
    results.push(r);
    options.onResult?.(r);
    tell({ type: 'result', result: r });
  };

  for (const target of targets) {
    const label = targetLabel(suite.device, target);
    const strictness = options.strictness ?? (target.kind === 'emulator' ? 'exact' : 'shape');
    const paceMs = target.kind === 'device' ? target.paceMs : 0;
    const http = createContractHttp({ baseUrl: target.url, credentials: target.credentials, paceMs, ...(signal ? { signal } : {}) });
    const plane = target.kind === 'emulator' ? createSimPlane(target.control, target.controlToken, signal) : null;
    const writes = target.kind === 'emulator' || target.allowWrites;
    const base = (c: ContractCase) => ({ id: c.id, title: c.title, device: suite.device, target: label, strictness: c.strictness, evidence: [], durationMs: 0, waitMs: 0, requests: 0 });
    const skipped = (c: ContractCase, why: string): CaseResult => ({ ...base(c), status: 'skip', why });
    const failed = (c: ContractCase, why: string): CaseResult => ({ ...base(c), status: 'fail', why });

    // An interrupted run greets nobody: its cases are reported as not run, below.
    const silent = { unreachable: null, firmware: null, clock: null };
    const greeting =
      options.preflight === false || signal?.aborted
        ? { ...silent, clock: plane && !signal?.aborted ? await plane.clock().catch(() => null) : null }
        : await greet(suite, target, http, plane).catch((error: unknown) => {
            if (error instanceof AbortedError) return silent;
            throw error;
          });
    http.takeLog();
    const facts = new Map<string, unknown>();
    if (greeting.firmware !== null) facts.set('firmware', greeting.firmware);
    // Without a readable clock (the greeting was skipped and the plane is silent) an emulator is taken as manual:
    // every step then asks the plane, and fails the case that needs it.
    const time: TimeControl = plane ? createSimTime(plane, greeting.clock ?? { mode: 'manual', nowMs: 0, speed: 1, paused: false }, signal) : createRealTime(signal);
    const info: TargetInfo = { label, url: target.url, kind: target.kind, clock: time.kind, speed: time.speed, firmware: greeting.firmware, strictness, writes, paceMs, cases: cases.length, unreachable: greeting.unreachable };
    infos.push(info);
    tell({ type: 'target', target: info });
    if (greeting.unreachable !== null) {
      for (const c of cases) emit(failed(c, `not run: ${greeting.unreachable}`));
      continue;
    }

    let snapshot: Snapshot | null = null;
    let snapshotProblem: string | null = null;
    try {
      if (writes && !signal?.aborted && cases.some((c) => whyNotRunnable(c, target, strictness) === null && c.needs.includes('writes'))) {
        try {
          snapshot = await suite.snapshot(http);
        } catch (error) {
          snapshotProblem = `not run: saving what the write cases change failed (${(error as Error).message}), so nothing was changed`;
        }
        http.takeLog();
      }
      for (const c of cases) {
        if (signal?.aborted) {
          emit(skipped(c, 'the run was interrupted before this case'));
          continue;
        }
        const why = whyNotRunnable(c, target, strictness);
        if (why !== null) {
          emit(skipped(c, why));
          continue;
        }
        if (snapshotProblem !== null && c.needs.includes('writes')) {
          emit(failed(c, snapshotProblem));
          continue;
        }
        const parts: ContextParts = {
          device: suite.device,
          target,
          http,
          spec,
          time,
          sim: plane,
          signal,
          facts,
          strictKeys: strictness === 'exact' && target.kind === 'emulator',
          progress: (text) => tell({ type: 'progress', target: label, caseId: c.id, text }),
        };
        const fresh = plane !== null && (c.needs.includes('sim') || c.needs.includes('writes') || c.needs.includes('lockout'));
        emit(await runCase(c, parts, label, fresh ? suite : null));
      }
    } finally {
      if (snapshot) {
        // A fresh, unabortable connection: restoring must run after Ctrl-C too.
        const restoreHttp: ContractHttp = createContractHttp({ baseUrl: target.url, credentials: target.credentials, paceMs });
        let problems: string[];
        try {
          problems = await snapshot.restore(restoreHttp);
        } catch (error) {
          problems = [`restoring failed: ${(error as Error).message}; put back by hand: ${snapshot.saved.join('; ')}`];
        }
        restore.push({ target: label, saved: snapshot.saved, problems });
        tell({ type: 'restore', target: label, saved: snapshot.saved, problems });
      }
    }
  }
  const report = buildReport(infos, results, signal?.aborted === true, restore, Date.now() - started);
  if (options.junitPath) await writeFile(options.junitPath, formatJUnit(report));
  tell({ type: 'end', report });
  return report;
}

/** Runs one case; with `fresh`, first resets the emulator and waits for the device to be up (part of the case). */
async function runCase(c: ContractCase, parts: ContextParts, label: string, fresh: ContractSuite | null): Promise<CaseResult> {
  const notes: string[] = [];
  const spent: CaseClock = { waitMs: 0 };
  const ctx = createCaseContext(parts, notes, spent);
  const started = Date.now();
  parts.http.takeLog();
  const base = { id: c.id, title: c.title, device: parts.device, target: label, strictness: c.strictness };
  const done = (log: readonly unknown[]) => ({ durationMs: Date.now() - started, waitMs: spent.waitMs, requests: log.length });
  try {
    if (fresh && parts.sim) {
      await parts.sim.reset();
      await fresh.ready(ctx);
    }
    await c.run(ctx);
    return { ...base, status: 'pass', why: notes.join('; '), evidence: [], ...done(parts.http.takeLog()) };
  } catch (error) {
    const log = parts.http.takeLog();
    const spentNow = done(log);
    if (error instanceof CaseSkip) return { ...base, status: 'skip', why: error.message, evidence: [], ...spentNow };
    if (error instanceof CaseFailure) return { ...base, status: 'fail', why: error.message, evidence: error.evidence.length > 0 ? error.evidence : log.slice(-2), ...spentNow };
    // The emulator's control plane refusing or not answering is the target's fault, as is a client of clients/
    // refusing the answer (protocol, device error, failed read-back).
    if (error instanceof SimPlaneError) return { ...base, status: 'fail', why: error.message, evidence: log.slice(-2), ...spentNow };
    if (error instanceof DeviceClientError && error.kind !== 'bad-argument') return { ...base, status: 'fail', why: `${error.code}: ${error.message}`, evidence: log.slice(-2), ...spentNow };
    if (error instanceof AbortedError) return { ...base, status: 'skip', why: 'the run was interrupted during this case', evidence: [], ...spentNow };
    return { ...base, status: 'error', why: `${(error as Error).name}: ${(error as Error).message}`, evidence: log.slice(-2), ...spentNow };
  }
}
