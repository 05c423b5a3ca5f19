/**
 * Wall time moved by hand, for the code paths that wait in wall time (fault latency, trickled bodies, the hold of a
 * network loss): `sleep` is injected where the runtime would pass its real one, and a sleep ends only when the test
 * moves time past it. `nowMs` is the same clock, injected as the server's wall clock, so durations come out exact.
 */
export interface ManualTimer {
  /** Wall time [ms], from 0. */
  nowMs(): number;
  sleep(ms: number): Promise<void>;
  /** Lengths of the sleeps that wait now [ms], in the order they were asked for. */
  readonly waitingMs: readonly number[];
  /** Resolves once a sleep waits (at once if one does). */
  waiting(): Promise<void>;
  /** Moves time by `ms`, ending every sleep that is due, earliest first. */
  advance(ms: number): void;
  /** Moves time to the end of the next sleep, until `outcome` settles; returns its value. */
  runUntil<T>(outcome: Promise<T>): Promise<T>;
}

export function createManualTimer(): ManualTimer {
  let now = 0;
  let sleeps: { readonly atMs: number; readonly ms: number; readonly resolve: () => void }[] = [];
  const wake: (() => void)[] = [];
  const timer: ManualTimer = {
    nowMs: () => now,
    sleep(ms) {
      return new Promise<void>((resolve) => {
        sleeps.push({ atMs: now + ms, ms, resolve });
        for (const w of wake.splice(0)) w();
      });
    },
    get waitingMs() {
      return sleeps.map((s) => s.ms);
    },
    waiting() {
      return sleeps.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => wake.push(resolve));
    },
    advance(ms) {
      now += ms;
      const due = sleeps.filter((s) => s.atMs <= now).sort((a, b) => a.atMs - b.atMs);
      sleeps = sleeps.filter((s) => s.atMs > now);
      for (const s of due) s.resolve();
    },
    async runUntil(outcome) {
      let settled = false;
      const done = outcome.then(
        () => {
          settled = true;
        },
        () => {
          settled = true;
        },
      );
      while (!settled) {
        await Promise.race([done, timer.waiting()]);
        if (settled) break;
        const next = Math.min(...sleeps.map((s) => s.atMs));
        timer.advance(next - now);
        // Let what the ended sleep released (the next chunk, the answer) run before looking again.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return outcome;
    },
  };
  return timer;
}
