/**
 * One `/_sim/events` subscriber: what it is sent, and what happens when it reads slower than the simulation
 * runs. Events are whole state snapshots, so a client that fell behind needs only the latest one: while the
 * socket pushes back (write() returned false, no 'drain' yet) each new event replaces the one held, and at
 * 'drain' the held one goes out. A client that takes nothing for `stallLimitMs` of wall time is sent a final
 * `disconnect` event saying why, and closed. Memory per client is therefore one socket buffer plus one event,
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
  /** Longest a client may take nothing before it is disconnected [wall ms]. */
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
  let stalledSinceMs: number | null = null;
  let dropped = 0;
  let closed = false;

  const send = (text: string): void => {
    if (sink.write(text)) return;
    stalledSinceMs = options.wallNowMs();
    sink.onceDrain(drained);
  };
  const drained = (): void => {
    if (closed) return;
    stalledSinceMs = null;
    const next = held;
    held = null;
    if (next) send(next());
  };
  const close = (stalledMs: number): void => {
    closed = true;
    held = null;
    const why = {
      reason: 'slow-client',
      message: `Closed the event stream: the client took no event for ${Math.round(stalledMs)} ms (the limit is ${options.stallLimitMs} ms) while ${dropped} were dropped. Read faster, or ask for fewer with ?everyS=N.`,
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
      if (stalledSinceMs === null) return send(text());
      if (held) dropped++;
      held = text;
      const stalledMs = options.wallNowMs() - stalledSinceMs;
      if (stalledMs > options.stallLimitMs) close(stalledMs);
    },
    get dropped() {
      return dropped;
    },
    get closed() {
      return closed;
    },
  };
}
