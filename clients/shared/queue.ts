/**
 * A per-client limit on requests in flight (default one): tasks run in arrival order, at most `limit` at a time.
 * Owned by one transport; nothing is shared between clients.
 */
export interface Queue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

export function createQueue(limit: number): Queue {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Failed to create a request queue: limit must be an integer ≥ 1, got ${String(limit)}.`);
  let active = 0;
  const waiters: (() => void)[] = [];
  const release = (): void => {
    const next = waiters.shift();
    if (next) next();
    else active--;
  };
  return {
    get waiting() {
      return waiters.length;
    },
    async run(task) {
      if (active < limit) active++;
      else await new Promise<void>((resolve) => waiters.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
