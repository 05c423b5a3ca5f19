/**
 * Issue 19: a seeded slice of `npm run fuzz` in every test run. Hostile requests to both emulators and to the
 * recorder in front of them: no crash, no hang, no 5xx the device would not send, no state change after a rejected
 * request, and no planted secret in the recordings but those of the recorder gaps another branch closes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runFuzz, type FuzzReport } from '../../fuzz/fuzzer.ts';

let report: FuzzReport;
beforeAll(async () => {
  // Bounded by count only, so every run sends the same cases; the time limit is a safety net far above it.
  // Stalled clients go to the emulators directly: the recorder does not time them out yet (see the last test).
  report = await runFuzz({ seed: 7, requests: 1500, timeLimitMs: 600_000, recvTimeoutMs: 50, recorderStalls: false });
}, 600_000);

const direct = (items: readonly { target: string }[]) => items.filter((f) => f.target.endsWith('direct'));

describe('npm run fuzz, seed 7, 1500 requests', () => {
  it('sends them all and gets answers of many kinds', () => {
    expect(report.requests).toBeGreaterThanOrEqual(1500);
    expect(Object.keys(report.statuses).length).toBeGreaterThan(6);
  });

  it('crashes nothing', () => {
    expect(report.crashes).toEqual([]);
  });

  it('leaves no client hanging', () => {
    expect(report.hangs).toEqual([]);
  });

  it('answers no client mistake on an emulator with a 5xx the device would not send', () => {
    expect(direct(report.unexpectedServerErrors)).toEqual([]);
  });

  it('changes no state on a rejected request', () => {
    expect(report.stateChanges).toEqual([]);
  });

  it('finds no planted secret in the recordings, in any encoding', () => {
    expect(report.secretsFound).toEqual([]);
  });

  it('answers through the recorder with no 5xx the device would not send (a path starting with // included)', () => {
    expect(report.unexpectedServerErrors).toEqual([]);
  });
});
