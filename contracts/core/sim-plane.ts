/**
 * The contracts' client of an emulator's simulation control (`/_sim/`, openapi/sim-control.yaml): state, clock,
 * reset. Plain HTTP with the bearer token when the plane needs one; every call is abortable and has a timeout, so
 * a control plane that stops answering fails the case instead of hanging it.
 */
import { AbortedError } from './http.ts';

/** GET /_sim/clock: `nowMs` is the emulator's simulated time [epoch ms]; `speed` simulated s per wall s. */
export interface SimClockView {
  readonly mode: 'manual' | 'scaled';
  readonly nowMs: number;
  readonly speed: number;
  readonly paused: boolean;
}

export interface SimPlane {
  /** Base URL serving /_sim/ (no trailing slash). */
  readonly url: string;
  readonly token: string | undefined;
  clock(): Promise<SimClockView>;
  /** POST /_sim/clock/advance: manual clocks only. */
  advance(seconds: number): Promise<SimClockView>;
  /** POST /_sim/clock {"action"}: stops or restarts a scaled clock (a manual one ignores it). */
  hold(action: 'pause' | 'resume'): Promise<SimClockView>;
  /** POST /_sim/clock {"speed"}: re-speeds a scaled clock [simulated s per wall s]. */
  setSpeed(speed: number): Promise<SimClockView>;
  /** POST /_sim/state: soc, frequencyHz, loadW, pvW, temperatureC (null clears an override). */
  setState(patch: Readonly<Record<string, number | null>>): Promise<Record<string, unknown>>;
  getState(): Promise<Record<string, unknown>>;
  reset(): Promise<void>;
}

/** A control call failed: the plane refused it or did not answer. `message` says which and what to do. */
export class SimPlaneError extends Error {
  override readonly name = 'SimPlaneError';
}

/** Per control request [ms]: the plane answers at once (an advance returns once the model caught up). */
const CONTROL_TIMEOUT_MS = 10_000;

export function createSimPlane(url: string, token: string | undefined, signal?: AbortSignal): SimPlane {
  const base = url.replace(/\/+$/, '');
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> => {
    if (signal?.aborted) throw new AbortedError('Aborted');
    const headers: Record<string, string> = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${base}/_sim${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(CONTROL_TIMEOUT_MS)]) : AbortSignal.timeout(CONTROL_TIMEOUT_MS) });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw new AbortedError('Aborted');
      throw new SimPlaneError(`the simulation control did not answer ${method} /_sim${path}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new SimPlaneError(`the simulation control refused ${method} /_sim${path}: ${response.status} ${text.slice(0, 300)}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new SimPlaneError(`the simulation control answered ${method} /_sim${path} with ${response.status} but no JSON (${text.length} bytes)`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SimPlaneError(`the simulation control answered ${method} /_sim${path} with JSON that is not an object`);
    return parsed as Record<string, unknown>;
  };
  const clockOf = (body: Record<string, unknown>, what: string): SimClockView => {
    const { mode, nowMs, speed, paused } = body;
    if ((mode !== 'manual' && mode !== 'scaled') || typeof nowMs !== 'number' || typeof speed !== 'number' || !(speed > 0) || typeof paused !== 'boolean') {
      throw new SimPlaneError(`${what} is not a clock ({mode, nowMs, speed, paused}): ${JSON.stringify(body).slice(0, 200)}`);
    }
    return { mode, nowMs, speed, paused };
  };
  return {
    url: base,
    token,
    clock: async () => clockOf(await call('GET', '/clock'), 'GET /_sim/clock'),
    advance: async (seconds) => clockOf(await call('POST', '/clock/advance', { seconds }), 'POST /_sim/clock/advance'),
    hold: async (action) => clockOf(await call('POST', '/clock', { action }), 'POST /_sim/clock'),
    setSpeed: async (speed) => clockOf(await call('POST', '/clock', { speed }), 'POST /_sim/clock'),
    setState: (patch) => call('POST', '/state', patch),
    getState: () => call('GET', '/state'),
    reset: async () => {
      await call('POST', '/reset');
    },
  };
}
