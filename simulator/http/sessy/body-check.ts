/**
 * Whether a parsed request body fits its operation's schema in openapi/sessy.yaml. Ajv, the validator Fastify loads
 * anyway, with the settings openapi-backend used here: not strict about OpenAPI's own keywords (`example`, `x-…`),
 * nothing coerced, defaulted or removed, so the body is checked exactly as the client sent it. Each schema is
 * compiled on its first use: a start pays nothing for operations no client calls.
 */
import { Ajv } from 'ajv';

/** One Ajv per call (the instance caches compiled schemas), made on the first check; returns the check of one schema. */
export function createBodyChecks(): (schema: object) => (body: unknown) => boolean {
  let ajv: Ajv | undefined;
  return (schema) => {
    let check: ((body: unknown) => boolean) | undefined;
    return (body) => (check ??= (ajv ??= new Ajv({ strict: false })).compile(schema))(body);
  };
}
