/** Builds small HAR documents for tests, through the same builder the recorder uses. */
import { buildHarEntry, type HarDocument, type HarEntry } from '../../../simulator/replay/index.ts';

export const T0_MS = Date.parse('2026-06-01T12:00:00.000Z');

export interface FixtureExchange {
  readonly atS: number;
  readonly method?: string;
  /** Path and query. */
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly auth?: string;
  readonly status?: number;
  readonly statusText?: string;
  readonly response?: string;
  readonly responseHeaders?: readonly string[];
  readonly error?: string;
}

export function fixtureEntry(x: FixtureExchange): HarEntry {
  const reqHeaders = ['Host', 'device.local', ...(x.auth ? ['Authorization', x.auth] : []), ...(x.body !== undefined ? ['Content-Type', x.contentType ?? 'application/json'] : [])];
  const body = Buffer.from(x.response ?? '');
  return buildHarEntry({
    startedMs: T0_MS + x.atS * 1000,
    request: { method: x.method ?? 'GET', url: `http://device.local${x.path}`, httpVersion: '1.1', rawHeaders: reqHeaders, body: Buffer.from(x.body ?? '') },
    response: x.error !== undefined ? null : { status: x.status ?? 200, statusText: x.statusText ?? 'OK', httpVersion: '1.1', rawHeaders: x.responseHeaders ?? ['Content-Type', 'application/json', 'Content-Length', String(body.length)], body },
    ...(x.error !== undefined ? { error: x.error } : {}),
    timings: { sendMs: 0, waitMs: 5, receiveMs: 0 },
  });
}

export function fixtureHar(exchanges: readonly FixtureExchange[]): HarDocument {
  return { log: { version: '1.2', creator: { name: 'battsim-test', version: '0' }, pages: [], entries: exchanges.map(fixtureEntry) } };
}

export const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
