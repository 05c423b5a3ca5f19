/**
 * Fastify's schema compilers (Ajv through @fastify/ajv-compiler, fast-json-stringify through its compiler),
 * loaded when the first route with a schema is compiled instead of when Fastify() is called. Fastify requires both
 * in its constructor whether or not a route has a schema: about a fifth of a bare Fastify process's start to its
 * first answer (issue 13, bench/cold-start.ts). The emulators' vendor and control apps declare no route schemas, so
 * they never load them; an app that adds one gets Fastify's own compilers, built once per app on first use.
 *
 * One difference from Fastify's defaults, which holds for any compiler passed in: a `headers` schema reaches the
 * compiler as written, not with its property names lower-cased, so write header names in lower case.
 */
import type { FastifyServerOptions } from 'fastify';
import { createRequire } from 'node:module';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
type CompilersFactory = NonNullable<SchemaController['compilersFactory']>;
/** A compiler factory as Fastify calls it: (external schemas, its options) => compiler. */
type Factory = (...args: unknown[]) => unknown;

/** Fastify's `schemaController` option with compilers that load on first use; a fresh one per app. */
export function lazySchemaController(): SchemaController {
  // Resolved from Fastify's own folder: they are its dependencies, at whatever version it wants.
  const load = (name: string): Factory => (createRequire(createRequire(import.meta.url).resolve('fastify'))(name) as () => Factory)();
  let validator: Factory | undefined;
  let serializer: Factory | undefined;
  const buildValidator: Factory = (...args) => (validator ??= load('@fastify/ajv-compiler'))(...args);
  const buildSerializer: Factory = (...args) => (serializer ??= load('@fastify/fast-json-stringify-compiler'))(...args);
  return { compilersFactory: { buildValidator, buildSerializer } as CompilersFactory };
}
