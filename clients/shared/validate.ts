/**
 * Checks a decoded JSON answer against the subset of JSON Schema the generated wire schemas keep
 * (clients/generate-wire-types.ts). Returns the first mismatch with its JSON path, e.g.
 * `$.sessy.power: expected integer, got "12"`, or null. Extra keys are allowed: firmware adds fields over time.
 *
 * A controller validates every answer it polls, so each schema is compiled once into a function, and a valid
 * answer costs no allocation: the walk keeps the keys of the current position on one shared stack, and the path
 * string is built only for a mismatch. A valid answer is told apart first by a check generated for its schema
 * (validity-check.ts), which reads only the keys the schema names.
 */
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

/** A mismatch found by the walk: the keys from the root to the offending value, and what is wrong. */
interface Found {
  readonly keys: readonly (string | number)[];
  readonly message: string;
}

export function findWireMismatch(schema: WireSchema, value: unknown, path = '$'): WireMismatch | null {
  // Valid answers, nearly all of them, take the generated yes/no check; only a mismatch is walked to be named.
  if (validityCheckOf(schema)?.(value) === true) return null;
  return walkWireMismatch(schema, value, path);
}

/** The walk alone, without the generated check first: what names a mismatch, and what the tests compare the check with. */
export function walkWireMismatch(schema: WireSchema, value: unknown, path = '$'): WireMismatch | null {
  const found = checkerOf(schema)(value, []);
  if (found === null) return null;
  let rendered = path;
  for (const key of found.keys) rendered = typeof key === 'number' ? `${rendered}[${key}]` : childPath(rendered, key);
  return { path: rendered, message: found.message };
}

/**
 * A schema turned into a function once: what each node asks (type, pattern, enum, children) is worked out when it
 * is compiled, not on every answer. `keys` is the position of `value`, pushed and popped around each descent; a
 * mismatch copies it.
 */
type Checker = (value: unknown, keys: (string | number)[]) => Found | null;


/** `build` run once per schema object, its result kept as long as the schema lives. */
function perSchema<T>(build: (schema: WireSchema) => T): (schema: WireSchema) => T {
  const built = new WeakMap<WireSchema, T>();
  return (schema) => {
    let result = built.get(schema);
    if (result === undefined) {
      result = build(schema);
      built.set(schema, result);
    }
    return result;
  };
}

const validityCheckOf = perSchema(compileValidityCheck);
const checkerOf = perSchema(compile);

function compile(schema: WireSchema): Checker {
  const { type, minimum, maximum } = schema;
  const nullOk = schema.nullable === true || type === undefined;
  const branches = schema.oneOf?.map(checkerOf);
  const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern, 'u');
  const allowed = schema.enum === undefined ? undefined : new Set<unknown>(schema.enum);
  const items = schema.items === undefined ? undefined : checkerOf(schema.items);
  const required = schema.required ?? [];
  // A Map, not the properties object: a key such as "constructor" must not find Object.prototype's.
  const properties = schema.properties === undefined ? undefined : new Map(Object.entries(schema.properties).map(([key, sub]) => [key, checkerOf(sub)] as const));
  const additional = schema.additionalProperties === undefined ? undefined : checkerOf(schema.additionalProperties);
  const descends = properties !== undefined || additional !== undefined;

  return (value, keys) => {
    if (value === null) return nullOk ? null : { keys: [...keys], message: `expected ${type}, got null` };
    if (type !== undefined && !hasType(type, value)) return { keys: [...keys], message: `expected ${type}, got ${describe(value)}` };
    if (branches !== undefined && !branches.some((branch) => branch(value, keys) === null)) {
      const first = branches[0]?.(value, keys) ?? null;
      return { keys: first?.keys ?? [...keys], message: `matches none of ${branches.length} alternatives (first: ${first?.message ?? '?'})` };
    }
    if (typeof value === 'string') {
      if (pattern !== undefined && !pattern.test(value)) return { keys: [...keys], message: `expected to match /${schema.pattern}/, got ${describe(value)}` };
    } else if (typeof value === 'number') {
      if (minimum !== undefined && value < minimum) return { keys: [...keys], message: `expected ≥ ${minimum}, got ${value}` };
      if (maximum !== undefined && value > maximum) return { keys: [...keys], message: `expected ≤ ${maximum}, got ${value}` };
    }
    if (allowed !== undefined && !allowed.has(value)) return { keys: [...keys], message: `expected one of ${schema.enum!.map((e) => JSON.stringify(e)).join(', ')}, got ${describe(value)}` };
    if (typeof value !== 'object') return null;
    if (Array.isArray(value)) {
      if (items === undefined) return null;
      for (let i = 0; i < value.length; i++) {
        keys.push(i);
        const found = items(value[i], keys);
        keys.pop();
        if (found !== null) return found;
      }
      return null;
    }
    const record = value as Record<string, unknown>;
    for (const key of required) if (!(key in record)) return { keys: [...keys, key], message: 'is required but missing' };
    if (!descends) return null;
    for (const key in record) {
      const sub = properties?.get(key) ?? additional;
      if (sub === undefined) continue;
      keys.push(key);
      const found = sub(record[key], keys);
      keys.pop();
      if (found !== null) return found;
    }
    return null;
  };
}

function hasType(type: NonNullable<WireSchema['type']>, value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return typeof value;
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
