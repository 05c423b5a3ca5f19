/**
 * Runs a suite against its targets: checks the options once, strictly; per target, snapshots what the write
 * cases may change and restores it at the end, also after a failing case or an aborted run; decides per case
 * whether it can run here (strictness, consent, simulation control) and records why not.
 */
import { writeFile } from 'node:fs/promises';
import { CaseFailure, CaseSkip, createCaseContext, createSimControl, createTimeControl, type CaseResult, type ContractCase } from './context.ts';
import { DeviceClientError } from '../../clients/index.ts';
import { ContractError } from './errors.ts';
import { AbortedError, createContractHttp, type ContractHttp } from './http.ts';
import { buildReport, formatJUnit, type ContractReport } from './report.ts';
import { loadDeviceSpec } from './spec.ts';
import type { ContractSuite, Snapshot } from './suite.ts';
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
  /** Also write JUnit XML here. */
  readonly junitPath?: string;
}

const OPTION_KEYS = ['targets', 'strictness', 'cases', 'signal', 'onResult', 'junitPath'];
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
  if (STRICTNESS_LEVELS.indexOf(c.strictness) > STRICTNESS_LEVELS.indexOf(strictness)) return `a ${c.strictness} case; the run's strictness is ${strictness} (pass --strictness ${c.strictness} to include it)`;
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
  const targets = options.targets.map(checkTarget);
  const cases = selectCases(suite.cases, options.cases);
  const spec = await loadDeviceSpec(suite.device);
  const started = Date.now();
  const results: CaseResult[] = [];
  const restore: { target: string; saved: readonly string[]; problems: readonly string[] }[] = [];
  const { signal } = options;
  const emit = (r: CaseResult) => {
    results.push(r);
    options.onResult?.(r);
  };

  for (const target of targets) {
    const label = targetLabel(suite.device, target);
    const strictness = options.strictness ?? (target.kind === 'emulator' ? 'exact' : 'shape');
    const paceMs = target.kind === 'device' ? target.paceMs : 0;
    const controlToken = target.kind === 'emulator' ? target.controlToken : undefined;
    const http = createContractHttp({ baseUrl: target.url, credentials: target.credentials, paceMs, ...(signal ? { signal } : {}) });
    const sim = target.kind === 'emulator' ? createSimControl(target.control, controlToken) : null;
    const time = createTimeControl(target, http, signal, controlToken);
    const facts = new Map<string, unknown>();
    const writes = target.kind === 'emulator' || target.allowWrites;
    const skipped = (c: ContractCase, why: string): CaseResult => ({ id: c.id, title: c.title, device: suite.device, target: label, strictness: c.strictness, status: 'skip', why, evidence: [], durationMs: 0 });
    let snapshot: Snapshot | null = null;
    try {
      if (writes && !signal?.aborted && cases.some((c) => whyNotRunnable(c, target, strictness) === null && c.needs.includes('writes'))) {
        snapshot = await suite.snapshot(http);
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
        if (sim && (c.needs.includes('sim') || c.needs.includes('writes') || c.needs.includes('lockout'))) {
          await sim.reset();
          if (suite.settleS > 0) await time.pass(suite.settleS);
        }
        emit(await runCase(c, { device: suite.device, target, http, spec, time, sim, signal, facts, strictKeys: strictness === 'exact' && target.kind === 'emulator' }, label));
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
      }
    }
  }
  const report = buildReport(results, signal?.aborted === true, restore, Date.now() - started);
  if (options.junitPath) await writeFile(options.junitPath, formatJUnit(report));
  return report;
}

async function runCase(c: ContractCase, parts: Parameters<typeof createCaseContext>[0], label: string): Promise<CaseResult> {
  const notes: string[] = [];
  const ctx = createCaseContext(parts, notes);
  const started = Date.now();
  parts.http.takeLog();
  const base = { id: c.id, title: c.title, device: parts.device, target: label, strictness: c.strictness };
  try {
    await c.run(ctx);
    return { ...base, status: 'pass', why: notes.join('; '), evidence: [], durationMs: Date.now() - started };
  } catch (error) {
    const log = parts.http.takeLog();
    const durationMs = Date.now() - started;
    if (error instanceof CaseSkip) return { ...base, status: 'skip', why: error.message, evidence: [], durationMs };
    if (error instanceof CaseFailure) return { ...base, status: 'fail', why: error.message, evidence: error.evidence.length > 0 ? error.evidence : log.slice(-2), durationMs };
    // A client of clients/ refusing the answer (protocol, device error, failed read-back) is the target's fault.
    if (error instanceof DeviceClientError && error.kind !== 'bad-argument') return { ...base, status: 'fail', why: `${error.code}: ${error.message}`, evidence: log.slice(-2), durationMs };
    if (error instanceof AbortedError) return { ...base, status: 'skip', why: 'the run was interrupted during this case', evidence: [], durationMs };
    return { ...base, status: 'error', why: `${(error as Error).name}: ${(error as Error).message}`, evidence: log.slice(-2), durationMs };
  }
}
