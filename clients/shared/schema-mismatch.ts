/**
 * Names what is wrong with a decoded JSON value against a JSON Schema of the OpenAPI 3.0 dialect: every mismatch
 * with its JSON path, e.g. `$.sessy.power: expected integer, got "12"`. Ajv does the checking (its error paths and
 * parameters become these messages); the clients ask it only after their generated yes/no check (validity-check.ts)
 * said no, and the contract suites for every answer they check against the whole spec.
 *
 * Ajv is loaded and a schema compiled on the first mismatch that needs it, not at import: an emulator or a client
 * that only ever sees valid answers never loads it (`battsim sessy`'s cold start does not include it).
 *
 * The OpenAPI 3.0 meanings the specs rely on, which plain JSON Schema reads otherwise, are written into the schema
 * handed to Ajv (a copy, made once per schema):
 * - `null` matches a schema with `nullable: true` or without a `type`, whatever else the schema says, as the
 *   generated check and the firmware's optional fields have it;
 * - `oneOf` matches when any branch matches: the specs list alternatives that may overlap (an aggregate and a unit
 *   share their fields), and a value is judged by whether it is one of them;
 * - `format`, `x-*`, `example` and other annotations are ignored; extra keys pass unless `additionalProperties:
 *   false` or `strictKeys`, because firmware adds fields over time.
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON Schema node as it comes from a spec or from the generated wire schemas. */
export type JsonSchema = { readonly [key: string]: unknown };

export interface SchemaMismatch {
  /** JSON path of the offending value, `$` for the root. */
  readonly path: string;
  readonly message: string;
}

export interface SchemaMismatchOptions {
  /** The whole spec, for `$ref: '#/components/…'` inside `schema`. */
  readonly root?: JsonSchema;
  /** Report keys an object schema with `properties` does not list, even without `additionalProperties: false`. */
  readonly strictKeys?: boolean;
  /** At most this many mismatches; default 20. */
  readonly limit?: number;
}

const DEFAULT_LIMIT = 20;

/** Every mismatch of `value` against `schema` (up to `limit`), in Ajv's order; [] when it matches. */
export function nameSchemaMismatches(schema: JsonSchema, value: unknown, options: SchemaMismatchOptions = {}): SchemaMismatch[] {
  const validate = compiled(schema, options);
  if (validate(value)) return [];
  return describeErrors(validate.errors ?? [], value).slice(0, options.limit ?? DEFAULT_LIMIT);
}

// ---------------------------------------------------------------------------------------------------------------
// Compiling: one Ajv, loaded on first use; one validator per schema object and option set, kept as long as the schema.

let ajv: Ajv | undefined;

function loadAjv(): Ajv {
  if (ajv === undefined) {
    // Synchronous and only here: createRequire keeps Ajv out of the import graph until a mismatch needs it.
    const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as { Ajv: typeof Ajv };
    ajv = new AjvClass({ allErrors: true, verbose: true, strict: false, validateFormats: false, allowUnionTypes: true, inlineRefs: false, code: { optimize: false } });
  }
  return ajv;
}

/** Validators by schema, then by dialect (one per root and strictness). */
const validators = new WeakMap<JsonSchema, Map<Dialect, ValidateFunction>>();

function compiled(schema: JsonSchema, options: SchemaMismatchOptions): ValidateFunction {
  const dialect = dialectOf(options.root, options.strictKeys === true);
  let byDialect = validators.get(schema);
  if (byDialect === undefined) validators.set(schema, (byDialect = new Map()));
  let validate = byDialect.get(dialect);
  if (validate === undefined) {
    validate = loadAjv().compile(dialect.rewrite(schema as Json) as object);
    byDialect.set(dialect, validate);
  }
  return validate;
}

/** How schemas under one root and strictness are written out for Ajv; the root's component schemas are added once. */
interface Dialect {
  readonly rewrite: (node: Json) => Json;
}

/** Stands for "no root" among the WeakMap's keys. */
const NO_ROOT: JsonSchema = Object.freeze({});
const dialects = new WeakMap<JsonSchema, Map<boolean, Dialect>>();
let rootsAdded = 0;

function dialectOf(root: JsonSchema | undefined, strictKeys: boolean): Dialect {
  let byStrictness = dialects.get(root ?? NO_ROOT);
  if (byStrictness === undefined) dialects.set(root ?? NO_ROOT, (byStrictness = new Map()));
  let dialect = byStrictness.get(strictKeys);
  if (dialect === undefined) {
    // The spec's component schemas become one Ajv schema with an id of its own, compiled once however many
    // operations refer to them; `$ref: '#/components/…'` is pointed at it.
    const id = root === undefined ? undefined : `battsim:spec-${++rootsAdded}`;
    dialect = { rewrite: createRewriter(strictKeys, id) };
    const schemas = (root?.components as { schemas?: Record<string, Json> } | undefined)?.schemas;
    if (id !== undefined) {
      const components = { schemas: Object.fromEntries(Object.entries(schemas ?? {}).map(([name, sub]) => [name, dialect!.rewrite(sub)])) };
      loadAjv().addSchema({ $id: id, components }, id);
    }
    byStrictness.set(strictKeys, dialect);
  }
  return dialect;
}

/** Keys whose value is a schema, a list of schemas, or a map of names to schemas. */
const SCHEMA_KEYS = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else']);
const SCHEMA_LIST_KEYS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', 'definitions']);
/** What a schema may carry that checks nothing: a typeless schema with only these lets any value through. */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'format', 'deprecated', 'readOnly', 'writeOnly', 'default', 'nullable']);

/**
 * The OpenAPI 3.0 meanings above, written out for Ajv; shared sub-schemas are rewritten once. `refBase`: the id
 * the root's components were added under, which a local `$ref` ('#/components/…') is pointed at.
 */
function createRewriter(strictKeys: boolean, refBase: string | undefined): (node: Json) => Json {
  const done = new Map<object, Json>();
  const rewrite = (node: Json): Json => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(rewrite);
    const cached = done.get(node);
    if (cached !== undefined) return cached;
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'nullable' || key.startsWith('x-')) continue;
      if (key === '$ref' && refBase !== undefined && typeof value === 'string' && value.startsWith('#/')) {
        out.$ref = `${refBase}${value}`;
        continue;
      }
      const target = key === 'oneOf' ? 'anyOf' : key;
      if (SCHEMA_KEYS.has(key) || SCHEMA_LIST_KEYS.has(key)) out[target] = rewrite(value);
      else if (SCHEMA_MAP_KEYS.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, rewrite(sub)]));
      } else out[target] = value;
    }
    if (strictKeys && out.properties !== undefined && out.additionalProperties === undefined) {
      // Keys the schema requires but does not describe are the spec's, not extras.
      const properties = { ...(out.properties as Record<string, Json>) };
      for (const name of Array.isArray(out.required) ? out.required : []) if (typeof name === 'string' && !(name in properties)) properties[name] = {};
      out.properties = properties;
      out.additionalProperties = false;
    }
    // A bare `$ref` leaves null to the schema it names; with `nullable: true` beside it, null passes here.
    const nullOk = node.nullable === true || (node.type === undefined && !('$ref' in node));
    const checks = Object.keys(out).some((key) => !ANNOTATIONS.has(key));
    const result: Json = nullOk && checks ? { if: { type: 'null' }, else: out } : out;
    done.set(node, result);
    return result;
  };
  return rewrite;
}

// ---------------------------------------------------------------------------------------------------------------
// Naming: Ajv's errors as messages that say what was expected and what came, at a JSON path.

function describeErrors(errors: readonly ErrorObject[], value: unknown): SchemaMismatch[] {
  // A failed anyOf (the specs' oneOf) stands for its branches' errors, which Ajv lists before it.
  const alternatives = errors.filter((e) => e.keyword === 'anyOf');
  const insideAlternative = (error: ErrorObject): ErrorObject | undefined => alternatives.find((alt) => error !== alt && error.schemaPath.startsWith(`${alt.schemaPath}/`));
  const out: SchemaMismatch[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || insideAlternative(error) !== undefined) continue;
    out.push(describeError(error, value, errors));
  }
  return out;
}

function describeError(error: ErrorObject, root: unknown, all: readonly ErrorObject[]): SchemaMismatch {
  const path = jsonPath(root, error.instancePath);
  const params = error.params as Record<string, unknown>;
  const got = describe(error.data);
  switch (error.keyword) {
    case 'type':
      return { path, message: `expected ${String(params.type)}, got ${got}` };
    case 'required':
      return { path: childPath(path, String(params.missingProperty)), message: 'is required but missing' };
    case 'additionalProperties':
      return { path: childPath(path, String(params.additionalProperty)), message: 'is not in the spec' };
    case 'enum':
      return { path, message: `expected one of ${(params.allowedValues as unknown[]).map((e) => JSON.stringify(e)).join(', ')}, got ${got}` };
    case 'const':
      return { path, message: `expected ${JSON.stringify(params.allowedValue)}, got ${got}` };
    case 'pattern':
      return { path, message: `expected to match /${String(params.pattern)}/, got ${got}` };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return { path, message: `expected ${String(params.comparison).replace('>=', '≥').replace('<=', '≤')} ${String(params.limit)}, got ${got}` };
    case 'minItems':
      return { path, message: `expected at least ${String(params.limit)} items, got ${(error.data as unknown[]).length}` };
    case 'maxItems':
      return { path, message: `expected at most ${String(params.limit)} items, got ${(error.data as unknown[]).length}` };
    case 'anyOf': {
      const branches = (error.schema as unknown[]).length;
      const first = all.find((e) => e.schemaPath.startsWith(`${error.schemaPath}/0/`) && e.keyword !== 'if');
      const firstNamed = first === undefined ? undefined : describeError(first, root, all);
      return { path, message: `matches none of the ${branches} alternatives (first: ${firstNamed ? `${firstNamed.message} at ${firstNamed.path}` : '?'})` };
    }
    default:
      return { path, message: `${error.message ?? `fails ${error.keyword}`}, got ${got}` };
  }
}

/** Ajv's JSON pointer as a JSON path (`/a/0/b c` → `$.a[0]["b c"]`), reading the value to tell indexes from keys. */
function jsonPath(root: unknown, pointer: string): string {
  let path = '$';
  let node = root;
  if (pointer === '') return path;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path += `[${key}]`;
      node = node[Number(key)];
    } else {
      path = childPath(path, key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return typeof value;
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
