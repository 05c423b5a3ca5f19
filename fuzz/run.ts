/**
 * `npm run fuzz [-- --requests N --seed S --time-limit-s T]`: hostile requests against both emulators and the
 * recorder in front of them (fuzz/fuzzer.ts); prints the report and exits non-zero on any finding outside the
 * recorder gaps another branch closes (fuzz/plant.ts).
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzzer.ts';
import { gapOf, KNOWN_RECORDER_GAPS } from './plant.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    'time-limit-s': { type: 'string', default: '900' },
    'recv-timeout-ms': { type: 'string', default: '200' },
  },
});
const count = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Failed to read --${name}: "${text}" is not a whole number. Give e.g. --${name} 1000.`);
  return n;
};

const report = await runFuzz({
  requests: count('requests', values.requests),
  seed: count('seed', values.seed),
  timeLimitMs: count('time-limit-s', values['time-limit-s']) * 1000,
  recvTimeoutMs: count('recv-timeout-ms', values['recv-timeout-ms']),
  progress: (line) => process.stderr.write(`${line}\n`),
});
const leaks = report.secretsFound.filter((h) => !KNOWN_RECORDER_GAPS.has(gapOf(h)));
const knownGaps = report.secretsFound.filter((h) => KNOWN_RECORDER_GAPS.has(gapOf(h)));
const summary = {
  seed: report.seed,
  cases: report.cases,
  requests: report.requests,
  seconds: Math.round(report.durationMs / 100) / 10,
  crashes: report.crashes.length,
  hangs: report.hangs.length,
  serverErrors: Object.values(report.serverErrorsByRoute).reduce((a, b) => a + b, 0),
  unexpectedServerErrors: report.unexpectedServerErrors.length,
  stateChangesAfterRejectedRequests: report.stateChanges.length,
  secretsFound: report.secretsFound.length,
  secretsOutsideKnownRecorderGaps: leaks.length,
  statuses: report.statuses,
};
console.log(JSON.stringify(summary, null, 2));
const show = (title: string, items: readonly unknown[]): void => {
  if (items.length === 0) return;
  console.log(`\n${title} (${items.length}, first 20):`);
  for (const item of items.slice(0, 20)) console.log(`  ${typeof item === 'string' ? item.split('\n')[0] : JSON.stringify(item)}`);
};
show('crashes', report.crashes);
show('hangs', report.hangs);
show('5xx by route', Object.entries(report.serverErrorsByRoute));
show('5xx the device would not send', report.unexpectedServerErrors);
show('state changes after rejected requests', report.stateChanges);
show('secrets in the recordings (known recorder gaps)', knownGaps);
show('secrets in the recordings (not a known gap)', leaks);
const failed = report.crashes.length + report.hangs.length + report.unexpectedServerErrors.length + report.stateChanges.length + leaks.length;
process.exitCode = failed > 0 ? 1 : 0;
