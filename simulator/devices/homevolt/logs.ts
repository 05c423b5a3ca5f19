/**
 * The device's log ring buffer (GET /logs.json, console `dmesg`) and its error history (GET
 * /error_history.json): bounded, oldest dropped first, timestamps in simulated epoch ms.
 */
export type LogLevel = 'error' | 'warning' | 'info' | 'debug';

export interface LogEntry {
  readonly timestampMs: number;
  readonly core: number;
  readonly level: LogLevel;
  readonly data: string;
  readonly tag: string;
  readonly task: string;
}

export interface LogBuffer {
  add(entry: LogEntry): void;
  /** Newest last; `limit` newest entries at most; `minLevel` keeps that level and more severe. */
  list(limit?: number, minLevel?: LogLevel): readonly LogEntry[];
  clear(): void;
  readonly capacity: number;
  readonly size: number;
}

const SEVERITY: Record<LogLevel, number> = { error: 0, warning: 1, info: 2, debug: 3 };

export function createLogBuffer(capacity: number): LogBuffer {
  let entries: LogEntry[] = [];
  return {
    capacity,
    get size() {
      return entries.length;
    },
    add(entry) {
      entries.push(entry);
      if (entries.length > capacity) entries = entries.slice(entries.length - capacity);
    },
    list(limit = capacity, minLevel = 'debug') {
      const kept = entries.filter((e) => SEVERITY[e.level] <= SEVERITY[minLevel]);
      return limit >= kept.length ? kept : kept.slice(kept.length - limit);
    },
    clear() {
      entries = [];
    },
  };
}
