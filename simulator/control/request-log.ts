/** The recent requests an emulator served, with timing and the faults applied: a fixed-size ring. */
export interface RequestLogEntry {
  /** Simulated time when the request arrived [epoch ms]. */
  readonly simTimeMs: number;
  readonly method: string;
  readonly url: string;
  /** Status sent, or null when the connection was reset or dropped without an answer. */
  readonly status: number | null;
  /** Wall time from arrival to the end of the answer [ms]. */
  readonly durationMs: number;
  /** Ids of the faults that acted on it. */
  readonly faults: readonly string[];
}

export interface RequestLog {
  record(entry: RequestLogEntry): void;
  /** Oldest first. */
  entries(): readonly RequestLogEntry[];
  clear(): void;
}

export function createRequestLog(capacity: number): RequestLog {
  // A circular buffer: recording never copies, so a busy emulator does not churn the garbage collector.
  let ring: RequestLogEntry[] = [];
  let next = 0;
  return {
    record(entry) {
      if (ring.length < capacity) ring.push(entry);
      else ring[next] = entry;
      next = (next + 1) % capacity;
    },
    entries: () => (ring.length < capacity ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)]),
    clear() {
      ring = [];
      next = 0;
    },
  };
}
