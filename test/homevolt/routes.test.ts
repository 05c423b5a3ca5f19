/**
 * Homevolt's routes and openapi/homevolt.yaml say the same thing: each operationId's route has the spec's method,
 * path (a `{path}` parameter or a probe's suffix is Fastify's trailing `*`) and authentication (`security: []` is
 * open), as Sessy's routes, which the app reads from its spec.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { HOMEVOLT_ROUTES, type OperationId } from '../../simulator/http/homevolt/index.ts';

interface Operation {
  readonly operationId: string;
  readonly security?: unknown[];
}
const doc = parse(readFileSync(new URL('../../openapi/homevolt.yaml', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, Operation>>; security?: unknown[] };
const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

describe('HOMEVOLT_ROUTES against openapi/homevolt.yaml', () => {
  it.each(operations.map((o) => [o.op.operationId, o] as const))('%s has the spec’s method, path and authentication', (_id, { path, method, op }) => {
    const route = HOMEVOLT_ROUTES[op.operationId as OperationId];
    expect(route).toBeDefined();
    expect(route.method).toBe(method);
    expect(route.url.replace(/\*$/, '')).toBe(path.replace(/\{[^}]+\}$/, ''));
    expect(route.open === true).toBe((op.security ?? doc.security ?? []).length === 0);
  });

  it('has a route for every operation of the spec and no other', () => {
    expect(Object.keys(HOMEVOLT_ROUTES).sort()).toEqual(operations.map((o) => o.op.operationId).sort());
  });
});
