/**
 * Fastify's schema compilers load on the first route with a schema, not in Fastify()'s constructor (issue 13:
 * cold start), and a route with a schema still gets Fastify's own validation and serialization.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazySchemaController } from '../../simulator/http/shared/lazy-schema-compilers.ts';

const MODULE = fileURLToPath(new URL('../../simulator/http/shared/lazy-schema-compilers.ts', import.meta.url));

/** In a fresh process: builds an app (with a schema route or not) and prints which compiler packages Node loaded. */
function compilersLoaded(withSchemaRoute: boolean): string[] {
  const code = `
    import { createRequire } from 'node:module';
    const { default: Fastify } = await import('fastify');
    const { lazySchemaController } = await import(${JSON.stringify(MODULE)});
    const app = Fastify({ schemaController: lazySchemaController() });
    app.get('/', async () => ({ ok: true }));
    ${withSchemaRoute ? "app.post('/s', { schema: { body: { type: 'object' } } }, async () => ({}));" : ''}
    await app.ready();
    const cache = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'].filter((p) => cache.some((k) => k.includes('/node_modules/' + p + '/')))));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as string[];
}

describe('lazySchemaController', () => {
  it('loads no schema compiler for an app whose routes have no schema', () => {
    expect(compilersLoaded(false)).toEqual([]);
  });

  it('loads Ajv for the first route with a schema', () => {
    expect(compilersLoaded(true)).toContain('@fastify/ajv-compiler');
  });

  it("validates and serializes a route with a schema with Fastify's own compilers", async () => {
    const app = Fastify({ schemaController: lazySchemaController() });
    const schema = {
      body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
      response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
    };
    app.post('/n', { schema }, async (request) => ({ n: (request.body as { n: number }).n, secret: 'dropped by the response schema' }));
    const bad = await app.inject({ method: 'POST', url: '/n', payload: { n: 'one' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'FST_ERR_VALIDATION', message: 'body/n must be integer' });
    const good = await app.inject({ method: 'POST', url: '/n', payload: { n: 1 } });
    expect(good.json()).toEqual({ n: 1 });
    await app.close();
  });
});
