/**
 * Serves a bare device with one vendor route (GET /api/data) behind the real fault hooks and the real
 * /_sim/ plugin, listening on a loopback port, so tests talk to it through sockets as a client would.
 */
import Fastify from 'fastify';
import type { ControlAccess } from '../../simulator/control/control-access.ts';
import { createSimControl, type SimControl } from '../../simulator/control/sim-control.ts';
import { controlPlugin } from '../../simulator/http/control/control-plugin.ts';
import { installFaultHooks, limitConnections } from '../../simulator/http/control/fault-hooks.ts';
import { createDeviceRunner, type DeviceRunner } from '../../simulator/engine/device-runner.ts';
import { createManualSimClock } from '../../simulator/engine/sim-clock.ts';
import { sleep as wallSleep } from '../../simulator/runtime/sleep.ts';
import { createBareDevice } from './bare-device.ts';

export interface Harness {
  readonly url: string;
  readonly control: SimControl;
  readonly runner: DeviceRunner;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly access?: ControlAccess;
  readonly networkLossHoldMs?: number;
  /** SSE stall limit [wall ms] and the wall clock it is measured on. */
  readonly sseStallLimitMs?: number;
  readonly wallNowMs?: () => number;
  /** Waits in wall time for the fault hooks (latency, trickle, the network-loss hold); default a real sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const device = createBareDevice();
  const startMs = device.site.now();
  const runner = createDeviceRunner(device, createManualSimClock(startMs));
  const control = createSimControl({ runner, startMs, createDevice: () => createBareDevice() });
  const app = Fastify({ forceCloseConnections: true });
  const bound = { control, runner };
  installFaultHooks(app, {
    bindingOf: () => bound,
    sleep: options.sleep ?? wallSleep,
    ...(options.wallNowMs ? { wallNowMs: options.wallNowMs } : {}),
    networkLossHoldMs: options.networkLossHoldMs ?? 2000,
    renderError: (status) => ({ statusCode: status, headers: { 'content-type': 'text/html', connection: 'close' }, body: JSON.stringify({ status: 'error', error: `failure ${status}` }) }),
  });
  limitConnections(app.server, bound);
  app.get('/api/data', async () => ({ status: 'ok', soc: runner.device.site.snapshot().socFraction, padding: 'x'.repeat(400) }));
  await app.register(controlPlugin, {
    runner,
    control,
    ...(options.access ? { access: options.access } : {}),
    ...(options.sseStallLimitMs !== undefined ? { sseStallLimitMs: options.sseStallLimitMs } : {}),
    ...(options.wallNowMs ? { wallNowMs: options.wallNowMs } : {}),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, control, runner, close: () => app.close() };
}

/** POSTs JSON and returns status and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
