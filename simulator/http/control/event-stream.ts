/**
 * GET /_sim/events: the state as Server-Sent Events. One per-second listener on the runner serves every
 * client; each simulated second's event is rendered at most once, and only if some client takes it.
 * @see docs/control-plane-limits.md for the backpressure rules and `everyS`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SimError } from '../../core/index.ts';
import { quote } from '../../control/input-limits.ts';
import type { SimControl } from '../../control/sim-control.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';
import { createSseClient, type SseClient } from './sse-client.ts';

/** Fewest and most simulated seconds between two events a client may ask for with `everyS`. */
export const MIN_EVERY_S = 1;
export const MAX_EVERY_S = 86_400;
/** Default longest stall before a client is disconnected [wall ms]. */
export const DEFAULT_STALL_LIMIT_MS = 30_000;

export interface EventStreamOptions {
  readonly control: SimControl;
  readonly runner: DeviceRunner;
  readonly stallLimitMs: number;
  readonly wallNowMs: () => number;
}

export interface EventStream {
  /** The route handler. */
  serve(request: FastifyRequest, reply: FastifyReply): void;
  /** Clients connected now. */
  readonly clients: number;
}

export function createEventStream({ control, runner, stallLimitMs, wallNowMs }: EventStreamOptions): EventStream {
  const clients = new Set<SseClient>();
  let unsubscribe: (() => void) | null = null;

  const onSecond = (tMs: number): void => {
    let text: string | null = null;
    const render = (): string => (text ??= eventText(tMs, { simTimeMs: tMs, ...runner.device.simState() }));
    for (const client of clients) client.offer(tMs, render);
  };
  const remove = (client: SseClient): void => {
    if (!clients.delete(client) || clients.size > 0 || !unsubscribe) return;
    unsubscribe();
    unsubscribe = null;
  };

  return {
    serve(request, reply) {
      const everyS = everySOf(request.query);
      reply.hijack();
      const res = reply.raw;
      const socket = request.raw.socket;
      // A stream is silent while the clock stands still (manual, paused): not an idle connection to close.
      socket.setTimeout(0);
      // The stream owns its connection to the end: "close" makes Node close it once the final event is out.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'close' });
      const first = control.state();
      const firstTMs = Math.floor(runner.clock.now());
      const client = createSseClient(
        {
          write: (t) => res.write(t),
          end: (t) => res.end(t),
          onceDrain: (listener) => res.once('drain', listener),
        },
        firstTMs,
        {
          everyS,
          stallLimitMs,
          wallNowMs,
          onClosed: () => {
            remove(client);
            // A client that never reads would keep its socket and buffer forever: give the final event a while, then drop it.
            socket.setTimeout(5000, () => socket.destroy());
          },
        },
      );
      res.write(eventText(firstTMs, first));
      clients.add(client);
      unsubscribe ??= runner.onSecond(onSecond);
      socket.once('close', () => remove(client));
    },
    get clients() {
      return clients.size;
    },
  };
}

function eventText(tMs: number, state: Record<string, unknown>): string {
  return `id: ${tMs}\nevent: state\ndata: ${JSON.stringify(state)}\n\n`;
}

/** Reads `everyS` from the query: a number of simulated seconds in [MIN_EVERY_S, MAX_EVERY_S]; default 1. */
export function everySOf(query: unknown): number {
  const q = (query ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(q).find((k) => k !== 'everyS');
  if (unknown !== undefined) throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to open the event stream: unknown query parameter ${quote(unknown)}. The only one is everyS.`);
  const raw = q.everyS;
  if (raw === undefined) return 1;
  const value = typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= MIN_EVERY_S && value <= MAX_EVERY_S)) {
    throw new SimError('SIM_ERR_INVALID_PARAMETER', `Failed to open the event stream: "everyS" must be a number of simulated seconds from ${MIN_EVERY_S} to ${MAX_EVERY_S}, got ${quote(raw)}.`);
  }
  return value;
}
