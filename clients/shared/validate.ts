/**
 * Checks a decoded JSON answer against the subset of JSON Schema the generated wire schemas keep
 * (clients/generate-wire-types.ts). Returns the first mismatch with its JSON path, e.g.
 * `$.sessy.power: expected integer, got "12"`, or null. Extra keys are allowed: firmware adds fields over time.
 *
 * A controller validates every answer it polls, so a valid answer costs no allocation: the walk keeps the keys
 * of the current position on one shared stack, and the path string is built only for a mismatch.
 */
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
  const found = visit(schema, value, []);
  if (found === null) return null;
  let rendered = path;
  for (const key of found.keys) rendered = typeof key === 'number' ? `${rendered}[${key}]` : childPath(rendered, key);
  return { path: rendered, message: found.message };
}

/** Compiled `pattern`s, one per pattern text (the schemas are module constants, so this stays small). */
const patterns = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let compiled = patterns.get(source);
  if (compiled === undefined) {
    compiled = new RegExp(source, 'u');
    patterns.set(source, compiled);
  }
  return compiled;
}

/** `keys` is the position of `value` (pushed and popped around each descent); a mismatch copies it. */
function visit(schema: WireSchema, value: unknown, keys: (string | number)[]): Found | null {
  if (value === null) return schema.nullable || schema.type === undefined ? null : { keys: [...keys], message: `expected ${schema.type}, got null` };
  if (schema.type !== undefined && !hasType(schema.type, value)) return { keys: [...keys], message: `expected ${schema.type}, got ${describe(value)}` };
  if (schema.oneOf !== undefined) {
    let matched = false;
    for (const branch of schema.oneOf) {
      if (visit(branch, value, keys) === null) {
        matched = true;
        break;
      }
    }
    if (!matched) {
      const first = visit(schema.oneOf[0] ?? {}, value, keys);
      return { keys: first?.keys ?? [...keys], message: `matches none of ${schema.oneOf.length} alternatives (first: ${first?.message ?? '?'})` };
    }
  }
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !patternOf(schema.pattern).test(value)) return { keys: [...keys], message: `expected to match /${schema.pattern}/, got ${describe(value)}` };
  } else if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return { keys: [...keys], message: `expected ≥ ${schema.minimum}, got ${value}` };
    if (schema.maximum !== undefined && value > schema.maximum) return { keys: [...keys], message: `expected ≤ ${schema.maximum}, got ${value}` };
  }
  if (schema.enum !== undefined && !schema.enum.includes(value as string)) return { keys: [...keys], message: `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${describe(value)}` };
  if (typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items === undefined) return null;
    for (let i = 0; i < value.length; i++) {
      keys.push(i);
      const found = visit(items, value[i], keys);
      keys.pop();
      if (found !== null) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  if (schema.required !== undefined) {
    for (const key of schema.required) if (!(key in record)) return { keys: [...keys, key], message: 'is required but missing' };
  }
  const properties = schema.properties;
  const additional = schema.additionalProperties;
  if (properties === undefined && additional === undefined) return null;
  for (const key in record) {
    const sub = properties?.[key] ?? additional;
    if (sub === undefined) continue;
    keys.push(key);
    const found = visit(sub, record[key], keys);
    keys.pop();
    if (found !== null) return found;
  }
  return null;
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
