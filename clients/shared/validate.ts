/**
 * Checks a decoded JSON answer against the subset of JSON Schema the generated wire schemas keep
 * (clients/generate-wire-types.ts). Returns the first mismatch with its JSON path, e.g.
 * `$.sessy.power: expected integer, got "12"`, or null. Extra keys are allowed: firmware adds fields over time.
 *
 * A controller validates every answer it polls, and nearly all are valid: a check generated for each schema
 * (validity-check.ts, about 10 × faster than Ajv on /ems.json) tells them apart, and only an answer it rejects is
 * handed to Ajv (schema-mismatch.ts, loaded then) to name the mismatch.
 */
import { nameSchemaMismatches, type JsonSchema } from './schema-mismatch.ts';
import { compileValidityCheck } from './validity-check.ts';

export interface WireSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: { readonly [name: string]: WireSchema };
  readonly additionalProperties?: WireSchema;
  readonly required?: readonly string[];
  readonly items?: WireSchema;
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly nullable?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  /** Matches when any branch matches. */
  readonly oneOf?: readonly WireSchema[];
}

export interface WireMismatch {
  /** JSON path of the offending value, `$` for the root. */
  readonly path: string;
  readonly message: string;
}

export function findWireMismatch(schema: WireSchema, value: unknown, path = '$'): WireMismatch | null {
  if (validityCheckOf(schema)?.(value) === true) return null;
  let first: WireMismatch | undefined;
  try {
    first = nameSchemaMismatches(schema as unknown as JsonSchema, value, { limit: 1 })[0];
  } catch (error) {
    // Ajv compiles with new Function too: where the process forbids it, no answer can be checked.
    if (!(error instanceof EvalError)) throw error;
    return { path, message: 'cannot be checked, because this process forbids generating code (--disallow-code-generation-from-strings) and the schema check needs it' };
  }
  return first === undefined ? null : { path: `${path}${first.path.slice(1)}`, message: first.message };
}

/** The generated check, compiled once per schema object and kept as long as the schema lives. */
const validityChecks = new WeakMap<WireSchema, ReturnType<typeof compileValidityCheck>>();

function validityCheckOf(schema: WireSchema): ReturnType<typeof compileValidityCheck> {
  let check = validityChecks.get(schema);
  if (check === undefined && !validityChecks.has(schema)) {
    check = compileValidityCheck(schema);
    validityChecks.set(schema, check);
  }
  return check ?? null;
}
