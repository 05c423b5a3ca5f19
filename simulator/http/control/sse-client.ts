/**
 * One `/_sim/events` subscriber: what it is sent, and what happens when it reads slower than the simulation
 * runs. Events are whole state snapshots, so a client that fell behind needs only the latest one: while the
 * socket pushes back (write() returned false, no 'drain' yet) each new event replaces the one held, and at
 * 'drain' the held one goes out. A client that, while behind, takes fewer than one event per wall second over
 * `stallLimitMs` is sent a final `disconnect` event saying why, and closed. Memory per client is therefore one socket buffer plus one event,
 * whatever the speed. @see docs/control-plane-limits.md
 */

/** The socket side, as small as the policy needs (a ServerResponse in production, a fake in tests). */
export interface SseSink {
  /** Queues text; false when the socket pushes back (Node's writable semantics). */
  write(text: string): boolean;
  /** Queues the last text and closes. */
  end(text: string): void;
  /** Calls `listener` once when the socket can take more after a write returned false. */
  onceDrain(listener: () => void): void;
}

export interface SseClientOptions {
  /** One event per this many simulated seconds, aligned to multiples of it in simulated time [s]. */
  readonly everyS: number;
  /** The window over which a client that is behind must take one event per wall second [wall ms]. */
  readonly stallLimitMs: number;
  /** Wall time [ms], injected so that tests decide when a stall has lasted too long. */
  readonly wallNowMs: () => number;
  /** Called once when the client is closed for being too slow. */
  readonly onClosed: () => void;
}

export interface SseClient {
  /** Offers the event of simulated time `tMs`; `text` renders it (shared by all clients, rendered at most once). */
  offer(tMs: number, text: () => string): void;
  /** Events that replaced an undelivered one since the client connected. */
  readonly dropped: number;
  readonly closed: boolean;
}

export function createSseClient(sink: SseSink, firstTMs: number, options: SseClientOptions): SseClient {
  const periodMs = options.everyS * 1000;
  let lastPeriod = Math.floor(firstTMs / periodMs);
  let held: (() => string) | null = null;
  // A write pushed back and no 'drain' yet.
  let waiting = false;
  // While behind (from a push back until a drain finds nothing held), the window's start [wall ms] and the
  // events the socket took in it. A drain alone does not prove the client reads: one that never reads still
  // drains a few hundred bytes now and then as TCP windows move, so it is judged by how many events it takes.
  let windowStartMs: number | null = null;
  let taken = 0;
  let dropped = 0;
  let closed = false;

  const send = (text: string): void => {
    taken++;
    if (sink.write(text)) return;
    waiting = true;
    if (windowStartMs === null) {
      windowStartMs = options.wallNowMs();
      taken = 0;
    }
    sink.onceDrain(drained);
  };
  const drained = (): void => {
    if (closed) return;
    waiting = false;
    const next = held;
    held = null;
    if (next) send(next());
    else windowStartMs = null; // caught up: every event offered went out
  };
  const judge = (): void => {
    if (windowStartMs === null) return;
    const nowMs = options.wallNowMs();
    const behindMs = nowMs - windowStartMs;
    if (behindMs <= options.stallLimitMs) return;
    if (taken < behindMs / 1000) return close(behindMs);
    windowStartMs = nowMs; // slow but reading: a new window
    taken = 0;
  };
  const close = (behindMs: number): void => {
    closed = true;
    held = null;
    const why = {
      reason: 'slow-client',
      message: `Closed the event stream: the client has been behind for ${Math.round(behindMs)} ms (the limit is ${options.stallLimitMs} ms) and took ${taken} events in that time, fewer than one per second, while ${dropped} were dropped. Read faster, or ask for fewer with ?everyS=N.`,
      dropped,
    };
    sink.end(`event: disconnect\ndata: ${JSON.stringify(why)}\n\n`);
    options.onClosed();
  };

  return {
    offer(tMs, text) {
      if (closed) return;
      const period = Math.floor(tMs / periodMs);
      if (period === lastPeriod) return;
      lastPeriod = period;
      if (!waiting) send(text());
      else {
        if (held) dropped++;
        held = text;
      }
      judge();
    },
    get dropped() {
      return dropped;
    },
    get closed() {
      return closed;
    },
  };
}
