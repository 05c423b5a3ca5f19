/**
 * The run's output: a readable summary (case ID, result, why, and for a failure the request and response that
 * show it), JUnit XML for CI systems, and an exit code. Pure functions of the results.
 */
import type { CaseResult } from './context.ts';
import type { TargetInfo } from './events.ts';
import type { Exchange } from './http.ts';

export interface ContractReport {
  /** Each target's header: what was detected there (firmware, clock) and whether it answered. */
  readonly targets: readonly TargetInfo[];
  readonly results: readonly CaseResult[];
  /** The signal aborted the run; the cases not run are skipped. */
  readonly interrupted: boolean;
  /** Per target: what the snapshot held, and what could not be restored. */
  readonly restore: readonly { readonly target: string; readonly saved: readonly string[]; readonly problems: readonly string[] }[];
  readonly durationMs: number;
  /** 0: every case passed or was skipped; 1: a case failed or errored, or restoring failed; 130: interrupted. */
  readonly exitCode: 0 | 1 | 130;
  readonly counts: Readonly<Record<CaseResult['status'], number>>;
}

export function buildReport(targets: readonly TargetInfo[], results: readonly CaseResult[], interrupted: boolean, restore: ContractReport['restore'], durationMs: number): ContractReport {
  const counts = { pass: 0, fail: 0, skip: 0, error: 0 };
  for (const r of results) counts[r.status]++;
  const broken = counts.fail + counts.error > 0 || restore.some((r) => r.problems.length > 0);
  return { targets, results, interrupted, restore, durationMs, counts, exitCode: interrupted ? 130 : broken ? 1 : 0 };
}

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', error: 'ERROR' } as const;

/** One line per case; for a failure, the exchanges that show it (bodies cut at 600 characters). */
export function formatSummary(report: ContractReport): string {
  const lines: string[] = [];
  let target = '';
  for (const r of report.results) {
    if (r.target !== target) {
      target = r.target;
      lines.push('', `== ${target}`);
    }
    lines.push(`${MARK[r.status].padEnd(5)} ${r.id.padEnd(22)} [${r.strictness}] ${r.title}${r.why ? `\n      ${r.status === 'pass' ? 'note' : 'why'}: ${r.why}` : ''}`);
    if (r.status === 'fail' || r.status === 'error') for (const e of r.evidence.slice(-3)) lines.push(indent(formatExchange(e), '      '));
  }
  for (const r of report.restore) {
    if (r.saved.length > 0) lines.push('', `restored on ${r.target}: ${r.saved.join('; ')}`);
    for (const p of r.problems) lines.push(`  NOT RESTORED: ${p}`);
  }
  const c = report.counts;
  lines.push('', `${c.pass} passed, ${c.fail} failed, ${c.error} errored, ${c.skip} skipped in ${(report.durationMs / 1000).toFixed(1)} s${report.interrupted ? ' (interrupted)' : ''}; exit code ${report.exitCode}`);
  return lines.join('\n').replace(/^\n/, '');
}

export function formatExchange(e: Exchange): string {
  const req = e.request;
  const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`);
  const out = [`> ${req.method} ${req.url}`, ...headers.map((h) => `> ${h}`)];
  if (req.body !== undefined) out.push(`> ${cut(req.body)}`);
  if (!e.response) out.push(`< (no answer: ${e.error ?? '?'})`);
  else {
    out.push(`< ${e.response.status} ${e.response.statusText}`);
    for (const k of ['content-type', 'www-authenticate', 'retry-after']) if (e.response.headers[k] !== undefined) out.push(`< ${k}: ${e.response.headers[k]}`);
    out.push(`< ${e.response.text === '' ? '(empty body)' : cut(e.response.text)}`);
  }
  return out.join('\n');
}

function cut(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 600 ? `${flat.slice(0, 600)}… (${text.length} bytes)` : flat;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

/** JUnit XML: one testsuite per target, one testcase per case; skips and failures as JUnit knows them. */
export function formatJUnit(report: ContractReport): string {
  const byTarget = new Map<string, CaseResult[]>();
  for (const r of report.results) byTarget.set(r.target, [...(byTarget.get(r.target) ?? []), r]);
  const suites = [...byTarget].map(([target, results]) => {
    const n = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
    const time = results.reduce((t, r) => t + r.durationMs, 0) / 1000;
    const cases = results.map((r) => {
      const open = `    <testcase classname="${xml(`battsim.contracts.${r.device}`)}" name="${xml(`${r.id} ${r.title}`)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
      if (r.status === 'pass') return `${open}/>`;
      if (r.status === 'skip') return `${open}>\n      <skipped message="${xml(r.why)}"/>\n    </testcase>`;
      const tag = r.status === 'fail' ? 'failure' : 'error';
      const body = [r.why, ...r.evidence.slice(-3).map(formatExchange)].join('\n\n');
      return `${open}>\n      <${tag} message="${xml(r.why)}">${xml(body)}</${tag}>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(target)}" tests="${results.length}" failures="${n('fail')}" errors="${n('error')}" skipped="${n('skip')}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const c = report.counts;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="battsim contracts" tests="${report.results.length}" failures="${c.fail}" errors="${c.error}" skipped="${c.skip}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

function xml(text: string): string {
  // Control characters other than tab and newline are not allowed in XML 1.0.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
