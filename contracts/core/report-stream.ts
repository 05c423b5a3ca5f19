/**
 * Reporters: a run's events (events.ts) as lines, written as they happen. `human` for a person watching a
 * terminal or a CI log, `jsonl` (one JSON object per event) for tools, `tap` (TAP version 13) for test harnesses.
 * JUnit, which needs the whole run, stays formatJUnit in report.ts. Each reporter is pure apart from its own count.
 */
import type { CaseResult } from './context.ts';
import type { ContractEvent, TargetInfo } from './events.ts';
import { formatExchange, type ContractReport } from './report.ts';

export const REPORTERS = ['human', 'jsonl', 'tap'] as const;
export type ReporterKind = (typeof REPORTERS)[number];

/** Turns one event into the lines to print (none is fine). */
export type Reporter = (event: ContractEvent) => string[];

export function createReporter(kind: ReporterKind): Reporter {
  switch (kind) {
    case 'human':
      return createHumanReporter();
    case 'jsonl':
      return createJsonLinesReporter();
    case 'tap':
      return createTapReporter();
  }
}

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', error: 'ERROR' } as const;

export function describeClock(t: Pick<TargetInfo, 'clock' | 'speed'>): string {
  if (t.clock === 'manual') return 'the emulator\'s manual clock, stepped by the suite';
  if (t.clock === 'scaled') return `the emulator's clock, read back through /_sim/clock (×${t.speed} while a case waits)`;
  return 'real time';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function createHumanReporter(): Reporter {
  const unreachable = new Set<string>();
  return (event) => {
    switch (event.type) {
      case 'target': {
        const t = event.target;
        const lines = ['', `== ${t.label}`, `   target      ${t.url} (${t.kind === 'emulator' ? 'an emulator: the suite uses its /_sim/ control plane' : 'treated as hardware'})`];
        if (t.unreachable !== null) {
          unreachable.add(t.label);
          return [...lines, `   UNREACHABLE ${t.unreachable}`, `   all ${t.cases} cases fail.`];
        }
        lines.push(
          `   firmware    ${t.firmware ?? 'not reported'}`,
          `   strictness  ${t.strictness}; ${t.writes ? (t.kind === 'emulator' ? 'writes allowed (an emulator, reset before each write case)' : 'writes allowed, restored at the end') : 'read-only (--allow-writes to change the device)'}`,
          `   time        ${describeClock(t)}${t.paceMs > 0 ? `; ${t.paceMs} ms between requests` : ''}`,
          `   cases       ${t.cases}`,
        );
        return lines;
      }
      case 'progress':
        return unreachable.has(event.target) ? [] : [`      … ${event.caseId}: ${event.text}`];
      case 'result':
        return unreachable.has(event.result.target) ? [] : formatResultLines(event.result);
      case 'restore': {
        const lines = event.saved.length > 0 ? [`restored on ${event.target}: ${event.saved.join('; ')}`] : [];
        return [...lines, ...event.problems.map((p) => `  NOT RESTORED: ${p}`)];
      }
      case 'end':
        return ['', ...formatTimeUse(event.report), formatCounts(event.report)];
    }
  };
}

/** One case as it ends: mark, ID, strictness, time, title; then why (or a note), and for a failure its evidence. */
export function formatResultLines(r: CaseResult): string[] {
  const lines = [`${MARK[r.status].padEnd(5)} ${r.id.padEnd(22)} ${`[${r.strictness}]`.padEnd(11)} ${seconds(r.durationMs).padStart(7)}  ${r.title}`];
  if (r.why) lines.push(`      ${r.status === 'pass' ? 'note' : 'why'}: ${r.why}`);
  if (r.status === 'fail' || r.status === 'error') for (const e of r.evidence.slice(-3)) lines.push(indent(formatExchange(e), '      '));
  return lines;
}

export function formatCounts(report: ContractReport): string {
  const c = report.counts;
  return `${c.pass} passed, ${c.fail} failed, ${c.error} errored, ${c.skip} skipped in ${seconds(report.durationMs)}${report.interrupted ? ' (interrupted)' : ''}; exit code ${report.exitCode}`;
}

/** Where the time went: waiting for the target's clock, requests (with their pacing), and the slowest cases. */
export function formatTimeUse(report: ContractReport): string[] {
  const ran = report.results.filter((r) => r.durationMs > 0);
  if (ran.length === 0) return [];
  const totalMs = ran.reduce((s, r) => s + r.durationMs, 0);
  const waitMs = ran.reduce((s, r) => s + r.waitMs, 0);
  const requests = ran.reduce((s, r) => s + r.requests, 0);
  const slowest = [...ran].sort((a, b) => b.durationMs - a.durationMs).slice(0, 5);
  return [
    `time: cases ${seconds(totalMs)}: waiting for the target's clock ${seconds(waitMs)}, ${requests} requests (with their pacing) ${seconds(totalMs - waitMs)}`,
    `slowest: ${slowest.map((r) => `${r.id} ${seconds(r.durationMs)}${r.waitMs > 0 ? ` (waited ${seconds(r.waitMs)})` : ''}`).join(', ')}`,
  ];
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

function createJsonLinesReporter(): Reporter {
  return (event) => {
    switch (event.type) {
      case 'target':
        return [json({ event: 'target', ...event.target, speed: Number.isFinite(event.target.speed) ? event.target.speed : null })];
      case 'progress':
        return [json({ event: 'progress', target: event.target, id: event.caseId, text: event.text })];
      case 'result': {
        const { evidence, ...rest } = event.result;
        return [json({ event: 'result', ...rest, evidence: evidence.slice(-3).map(formatExchange) })];
      }
      case 'restore':
        return [json({ event: 'restore', target: event.target, saved: event.saved, problems: event.problems })];
      case 'end': {
        const r = event.report;
        return [json({ event: 'end', counts: r.counts, exitCode: r.exitCode, interrupted: r.interrupted, durationMs: r.durationMs })];
      }
    }
  };
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** TAP version 13: "ok N - ID title", skips as # SKIP, failures with a YAML block; the plan comes last. */
function createTapReporter(): Reporter {
  let n = 0;
  return (event) => {
    const head = n === 0 && event.type === 'target' ? ['TAP version 13'] : [];
    switch (event.type) {
      case 'target': {
        const t = event.target;
        const facts = t.unreachable ?? `firmware ${t.firmware ?? 'not reported'}, strictness ${t.strictness}, ${t.writes ? 'writes allowed' : 'read-only'}, ${describeClock(t)}`;
        return [...head, `# ${t.label} at ${t.url}: ${comment(facts)}`];
      }
      case 'progress':
        return [`# ${event.caseId}: ${comment(event.text)}`];
      case 'result': {
        const r = event.result;
        n++;
        const name = `${r.id} ${comment(r.title)}`;
        if (r.status === 'pass') return [`ok ${n} - ${name}`];
        if (r.status === 'skip') return [`ok ${n} - ${name} # SKIP ${comment(r.why)}`];
        const block = ['  ---', `  message: ${JSON.stringify(r.why)}`, `  severity: ${r.status === 'fail' ? 'fail' : 'error'}`, `  target: ${JSON.stringify(r.target)}`, `  duration_ms: ${r.durationMs}`];
        const evidence = r.evidence.slice(-3).map(formatExchange);
        if (evidence.length > 0) block.push('  evidence:', ...evidence.map((e) => `    - ${JSON.stringify(e)}`));
        return [`not ok ${n} - ${name}`, ...block, '  ...'];
      }
      case 'restore':
        return [...event.problems.map((p) => `# NOT RESTORED on ${event.target}: ${comment(p)}`)];
      case 'end':
        return [...head, `1..${n}`, `# ${formatCounts(event.report)}`];
    }
  };
}

/** TAP descriptions and comments are one line, and a "#" would start a directive. */
function comment(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/#/g, '\\#');
}
