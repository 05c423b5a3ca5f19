/**
 * Wall time of the contract suites, as users run them (issues 7 and 15):
 * - both suites against fresh emulators, one per firmware profile, the way `npm test` runs them (≤ 20 s);
 * - against an emulator addressed by URL with its control plane, at its fullest strictness (exact), on a manual
 *   clock and on a clock at ×60 (≤ 30 s per suite);
 * - against an emulator at --speed 1 without control, standing in for hardware: the default read-only run at the
 *   CLI's 1000 ms pacing (≤ 2 min per suite, with where the time goes), and with writes allowed, the longest any
 *   single case waits for the device's clock (≤ the engage time plus its margin, docs/contracts.md);
 * - a URL where nothing answers: how long until the run fails (≤ 10 s).
 * Baseline: one read-only case (SESSY-UNITS-001) on one in-process emulator, for the fixed cost of a run; for the
 * silent URL, a closed port. The emulators run in this process and are reached over loopback HTTP only.
 * Run: npx tsx bench/contracts-speed.ts, or npm run bench -- contracts-speed (about six minutes: the
 * real-time runs wait as long as hardware would).
 */
import { pathToFileURL } from 'node:url';
import { discoverTarget, formatTimeUse, homevoltSuite, runContracts, sessySuite, type ContractReport, type DeviceKind } from '../contracts/index.ts';
import { startHomevolt } from '../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../simulator/runtime/start-sessy.ts';
import { closedPort, silentServer } from '../test/contracts/dead-targets.ts';
import { HOMEVOLT_PROFILES, HOMEVOLT_TEST_PASSWORD, SESSY_PROFILES, startHomevoltTarget, startSessyTarget } from '../test/contracts/emulators.ts';
import type { BenchResult } from './bench.ts';

export const name = 'contracts-speed';

/** The engage time plus its margin [s] (docs/contracts.md): no case may wait longer on real time. */
const ENGAGE_LIMIT_S: Readonly<Record<DeviceKind, number>> = { sessy: 65, homevolt: 60, 'sessy-meter': 65 };
/** The CLI's default pacing against hardware [ms]. */
const CLI_PACE_MS = 1000;

interface Emulator {
  readonly url: string;
  readonly credentials: { user: string; password: string } | null;
  close(): Promise<void>;
}

async function start(device: DeviceKind, speed: number | 'manual', control: boolean): Promise<Emulator> {
  const common = { speed, ...(control ? {} : { control: false }) };
  return device === 'sessy' ? startSessy(common) : startHomevolt({ ...common, password: HOMEVOLT_TEST_PASSWORD });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
}

function explain(label: string, report: ContractReport): void {
  const c = report.counts;
  console.log(`  ${label}: ${c.pass} passed, ${c.fail} failed, ${c.error} errored, ${c.skip} skipped`);
  for (const r of report.results.filter((x) => x.status === 'fail' || x.status === 'error')) console.log(`    ${r.status} ${r.id}: ${r.why}`);
  for (const line of formatTimeUse(report)) console.log(`    ${line}`);
}

async function bothSuitesMs(): Promise<{ ms: number; cases: number }> {
  const started = Date.now();
  const s = await Promise.all(SESSY_PROFILES.map(startSessyTarget));
  const h = await Promise.all(HOMEVOLT_PROFILES.map(startHomevoltTarget));
  try {
    const reports = await Promise.all([runContracts({ device: 'sessy', targets: s.map((x) => x.target) }), runContracts({ device: 'homevolt', targets: h.map((x) => x.target) })]);
    return { ms: Date.now() - started, cases: reports.reduce((n, r) => n + r.results.length, 0) };
  } finally {
    await Promise.all([...s, ...h].map((x) => x.close()));
  }
}

async function oneCaseMs(): Promise<number> {
  const started = Date.now();
  const s = await startSessyTarget('1.11.11');
  try {
    await runContracts({ device: 'sessy', targets: [s.target], cases: ['SESSY-UNITS-001'] });
  } finally {
    await s.close();
  }
  return Date.now() - started;
}

/** The whole suite, found by URL, at its default (fullest) strictness. */
async function urlSuite(device: DeviceKind, speed: number | 'manual'): Promise<number> {
  const e = await start(device, speed, true);
  try {
    const { target } = await discoverTarget({ device, url: e.url, credentials: e.credentials, allowWrites: false, paceMs: CLI_PACE_MS });
    const { ms, value } = await timed(() => runContracts({ device, targets: [target] }));
    explain(`${device} by URL, ${speed === 'manual' ? 'manual clock' : `×${speed}`}, ${value.targets[0]?.kind}`, value);
    return ms;
  } finally {
    await e.close();
  }
}

/** Read-only at --speed 1 without control, paced as the CLI paces hardware. */
async function hardwareReadOnly(device: DeviceKind): Promise<number> {
  const e = await start(device, 1, false);
  try {
    const { target } = await discoverTarget({ device, url: e.url, credentials: e.credentials, allowWrites: false, paceMs: CLI_PACE_MS });
    const { ms, value } = await timed(() => runContracts({ device, targets: [target] }));
    explain(`${device} as hardware, read-only, ${CLI_PACE_MS} ms pacing`, value);
    return ms;
  } finally {
    await e.close();
  }
}

/** With writes allowed at --speed 1 without control: each write case on its own emulator, all at once. */
async function hardwareLongestWaitS(device: DeviceKind): Promise<number> {
  const suite = device === 'sessy' ? sessySuite : homevoltSuite;
  const writeCases = suite.cases.filter((c) => c.strictness !== 'exact' && !c.needs.includes('sim') && (c.needs.includes('writes') || c.needs.includes('lockout')));
  // Started one after the other before any case runs: a burst of cold emulators in this one process would keep
  // the first answers beyond the greeting's 5 s.
  const emulators: Emulator[] = [];
  for (const _ of writeCases) {
    const e = await start(device, 1, false);
    await fetch(`${e.url}${suite.alivePath}`, { headers: e.credentials ? { authorization: `Basic ${btoa(`${e.credentials.user}:${e.credentials.password}`)}` } : {} }).then((r) => r.arrayBuffer());
    emulators.push(e);
  }
  const waits = await Promise.all(
    writeCases.map(async (c, i) => {
      const e = emulators[i]!;
      try {
        const { target } = await discoverTarget({ device, url: e.url, credentials: e.credentials, allowWrites: true, paceMs: CLI_PACE_MS });
        const report = await runContracts({ device, targets: [target], cases: [c.id], strictness: 'tolerance' });
        const r = report.results[0]!;
        return { id: c.id, status: r.status, why: r.why, waitS: r.waitMs / 1000, durationS: r.durationMs / 1000 };
      } finally {
        await e.close();
      }
    }),
  );
  console.log(`  ${device} as hardware with writes allowed: the wait of each write case (limit ${ENGAGE_LIMIT_S[device]} s)`);
  for (const w of waits.sort((a, b) => b.waitS - a.waitS)) console.log(`    ${w.id.padEnd(22)} ${w.status.padEnd(5)} waited ${w.waitS.toFixed(1)} s of ${w.durationS.toFixed(1)} s${w.status === 'pass' ? '' : `: ${w.why}`}`);
  return Math.max(...waits.map((w) => w.waitS));
}

/** discoverTarget and the run against a URL that does not answer. */
async function unreachableMs(silent: boolean): Promise<number> {
  const dead = silent ? await silentServer() : await closedPort();
  try {
    const { ms } = await timed(async () => {
      const { target } = await discoverTarget({ device: 'sessy', url: dead.url, credentials: null, allowWrites: false, paceMs: CLI_PACE_MS });
      return runContracts({ device: 'sessy', targets: [target] });
    });
    return ms;
  } finally {
    await dead.close();
  }
}

export async function run(): Promise<readonly BenchResult[]> {
  const baselineMs = await oneCaseMs();
  const baseline = { label: 'one read-only case on one emulator', value: baselineMs / 1000 };
  const both = await bothSuitesMs();
  const refused = await unreachableMs(false);
  const silent = await unreachableMs(true);
  const byUrl: BenchResult[] = [];
  for (const speed of ['manual', 60] as const) {
    for (const device of ['sessy', 'homevolt'] as const) {
      const ms = await urlSuite(device, speed);
      byUrl.push({ label: `${device} suite by URL, emulator with control, ${speed === 'manual' ? 'manual clock' : `×${speed}`}, strictness exact`, value: ms / 1000, unit: 's wall', better: 'lower', baseline, target: { label: 'issue 15', value: 30 } });
    }
  }
  // The real-time runs wait as long as hardware would: the read-only ones together, then each device's write cases together.
  const [sessyRead, homevoltRead] = await Promise.all([hardwareReadOnly('sessy'), hardwareReadOnly('homevolt')]);
  const sessyWait = await hardwareLongestWaitS('sessy');
  const homevoltWait = await hardwareLongestWaitS('homevolt');
  return [
    { label: `both suites, 4 firmware profiles, ${both.cases} case runs`, value: both.ms / 1000, unit: 's wall', better: 'lower', baseline, target: { label: 'issue 7', value: 20 } },
    ...byUrl,
    { label: 'sessy suite, --speed 1 without control (as hardware), read-only, 1000 ms pacing', value: sessyRead / 1000, unit: 's wall', better: 'lower', baseline, target: { label: 'issue 15', value: 120 } },
    { label: 'homevolt suite, --speed 1 without control (as hardware), read-only, 1000 ms pacing', value: homevoltRead / 1000, unit: 's wall', better: 'lower', baseline, target: { label: 'issue 15', value: 120 } },
    { label: 'sessy as hardware with writes allowed: the longest wait of any one case', value: sessyWait, unit: 's', better: 'lower', baseline, target: { label: 'engage time + margin', value: ENGAGE_LIMIT_S.sessy } },
    { label: 'homevolt as hardware with writes allowed: the longest wait of any one case', value: homevoltWait, unit: 's', better: 'lower', baseline, target: { label: 'engage time + margin', value: ENGAGE_LIMIT_S.homevolt } },
    { label: 'a URL that accepts connections and never answers: until the run fails', value: silent / 1000, unit: 's wall', better: 'lower', baseline: { label: 'a closed port', value: refused / 1000 }, target: { label: 'issue 15', value: 10 } },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.label}: ${r.value.toFixed(2)} ${r.unit} (baseline ${r.baseline.value.toFixed(2)}; target ≤ ${r.target?.value ?? '?'})`);
}
