/**
 * The replay server's own control plane under `/_replay/`, a prefix no device uses: read the replay clock, and
 * advance it when it is manual (`POST /_replay/clock/advance {"seconds": N}`). Pure: returns the answer.
 */
import { STATUS_CODES } from 'node:http';
import { ReplayError } from './errors.ts';
import type { ReplayAnswer } from './replay-answer.ts';
import type { ReplayClock } from './replay-clock.ts';

export const CONTROL_PREFIX = '/_replay/';

function json(status: number, value: unknown): ReplayAnswer {
  const body = Buffer.from(JSON.stringify(value));
  return { kind: 'respond', status, statusText: STATUS_CODES[status] ?? 'Unknown', headers: ['Content-Type', 'application/json', 'Content-Length', String(body.length)], body };
}

const clockState = (clock: ReplayClock): unknown => ({ mode: clock.mode, speed: clock.speed, nowMs: clock.now(), now: new Date(clock.now()).toISOString() });

export function handleControl(method: string, path: string, body: Buffer, clock: ReplayClock): ReplayAnswer {
  if (method === 'GET' && path === '/_replay/clock') return json(200, clockState(clock));
  if (method === 'POST' && path === '/_replay/clock/advance') {
    let seconds: unknown;
    try {
      seconds = (JSON.parse(body.toString('utf8') || '{}') as { seconds?: unknown }).seconds;
    } catch {
      seconds = undefined;
    }
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      return json(400, { error: 'REPLAY_ERR_BAD_OPTION', message: 'Failed to advance the replay clock: the body must be {"seconds": N} with N ≥ 0.' });
    }
    try {
      clock.advance(seconds * 1000);
    } catch (err) {
      if (err instanceof ReplayError) return json(err.statusCode, { error: err.code, message: err.message });
      throw err;
    }
    return json(200, clockState(clock));
  }
  return json(404, { error: 'REPLAY_ERR_BAD_OPTION', message: `Failed to find ${method} ${path}: the replay control plane has GET /_replay/clock and POST /_replay/clock/advance.` });
}
