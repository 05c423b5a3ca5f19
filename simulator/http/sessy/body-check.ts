/**
 * Whether a parsed request body fits its operation's schema in openapi/sessy.yaml or sessy-meter.yaml. Ajv, the
 * validator Fastify loads anyway, not strict about OpenAPI's own keywords (`example`, `x-…`), nothing coerced,
 * defaulted or removed, so the body is checked exactly as the client sent it. One Ajv per process, created on the
 * first body checked; each schema is compiled on its first use and Ajv keeps it by the schema object, so every
 * emulator of a process that shares a route table (spec.ts, sessy-meter/app.ts) shares the compiled check.
 */
import { Ajv } from 'ajv';

let ajv: Ajv | undefined;

/** The check of one schema, compiled on its first call. */
export function bodyCheckOf(schema: object): (body: unknown) => boolean {
  let check: ((body: unknown) => boolean) | undefined;
  return (body) => (check ??= (ajv ??= new Ajv({ strict: false })).compile(schema))(body);
}
