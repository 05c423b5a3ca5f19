/**
 * One answer shared by several reads: control code asks a battery for power, limits and SOC in one step, and a
 * small device should see one request for them, not three. An answer younger than `maxAgeMs` on the given clock
 * is reused; concurrent reads share one request. The clock is injected (simulated time in tests).
 */
export interface CachedReading<T> {
  /** The cached answer if fresh, otherwise a new one. */
  get(): Promise<T>;
  /** Always asks the device. */
  refresh(): Promise<T>;
  /** Forgets the answer (after a command, whose effect the next read should see). */
  invalidate(): void;
}

export interface ReadingClock {
  now(): number;
}

export const wallClock: ReadingClock = { now: () => Date.now() };

export function createCachedReading<T>(load: () => Promise<T>, maxAgeMs: number, clock: ReadingClock = wallClock): CachedReading<T> {
  let value: { readonly atMs: number; readonly reading: T } | null = null;
  let pending: Promise<T> | null = null;
  const refresh = (): Promise<T> => {
    if (pending) return pending;
    const atMs = clock.now();
    pending = load()
      .then((reading) => {
        value = { atMs, reading };
        return reading;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  return {
    get: () => (value && clock.now() - value.atMs < maxAgeMs ? Promise.resolve(value.reading) : refresh()),
    refresh,
    invalidate() {
      value = null;
    },
  };
}
