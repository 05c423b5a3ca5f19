/** Test harness: the Homevolt app on a manual clock, driven with inject() (no port), plus spec validation. */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';
import { createHomevoltDevice, type HomevoltDevice, type HomevoltDeviceOptions } from '../../simulator/devices/homevolt/index.ts';
import { buildHomevoltApp } from '../../simulator/http/homevolt/index.ts';
import { createDeviceRunner, type DeviceRunner } from '../../simulator/engine/device-runner.ts';
import { createManualSimClock } from '../../simulator/engine/sim-clock.ts';

export interface Harness {
  readonly app: FastifyInstance;
  readonly device: HomevoltDevice;
  readonly runner: DeviceRunner;
  get(path: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  getJson<T = any>(path: string): Promise<T>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  console(cmd: string): Promise<string>;
  /** Advances simulated time [s]. */
  advance(seconds: number): void;
  close(): Promise<void>;
}

export const PASSWORD = 's3cret';
export const basic = (user: string, password: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

export async function createHarness(options: HomevoltDeviceOptions & { password?: string | null } = {}): Promise<Harness> {
  const { password = null, ...deviceOptions } = options;
  const device = createHomevoltDevice(deviceOptions);
  const runner = createDeviceRunner(device, createManualSimClock(device.site.now()));
  const app = await buildHomevoltApp({ runner, password });
  const auth = password === null ? {} : basic('admin', password);
  const h: Harness = {
    app,
    device,
    runner,
    get: (path, headers = auth) => app.inject({ method: 'GET', url: path, headers }),
    async getJson(path) {
      const res = await h.get(path);
      if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    post: (path, form, headers = auth) =>
      app.inject({ method: 'POST', url: path, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() }),
    async console(cmd) {
      return (await h.post('/console.json', { cmd })).body;
    },
    advance: (seconds) => runner.advance(seconds),
    close: () => app.close(),
  };
  return h;
}

/** Local control on, as pyHomevolt does before any write. */
export async function enableLocal(h: Harness): Promise<void> {
  const res = await h.post('/params.json', { k: 'settings_local', v: 'true', store: '0' });
  if (res.statusCode !== 200) throw new Error(res.body);
}

let specApi: OpenAPIBackend | undefined;
export async function spec(): Promise<OpenAPIBackend> {
  if (!specApi) {
    const definition = parse(readFileSync(new URL('../../openapi/homevolt.yaml', import.meta.url), 'utf8'));
    specApi = new OpenAPIBackend({ definition, strict: true, validate: true, quick: true });
    await specApi.init();
  }
  return specApi;
}

export function fixture(name: string): any {
  const text = readFileSync(new URL(`../fixtures/homevolt/${name}`, import.meta.url), 'utf8');
  return name.endsWith('.json') ? JSON.parse(text) : text;
}

/**
 * The key structure of a JSON value: objects by their keys (recursively), arrays by their elements' structure.
 * `pairArrays` compares arrays element by element; otherwise every element of `actual` is compared with the
 * expected array's first element.
 */
export function keyDiff(actual: unknown, expected: unknown, path = '$', pairArrays = false): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array`];
    if (expected.length === 0) return [];
    return actual.flatMap((a, i) => keyDiff(a, pairArrays && expected[i] !== undefined ? expected[i] : expected[0], `${path}[${i}]`, pairArrays));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object`];
    const a = Object.keys(actual as object);
    const e = Object.keys(expected as object);
    const diffs = [...e.filter((k) => !a.includes(k)).map((k) => `${path}.${k} missing`), ...a.filter((k) => !e.includes(k)).map((k) => `${path}.${k} extra`)];
    return [...diffs, ...e.filter((k) => a.includes(k)).flatMap((k) => keyDiff((actual as any)[k], (expected as any)[k], `${path}.${k}`, pairArrays))];
  }
  return [];
}
