/**
 * A JSON Schema (OpenAPI 3.0 dialect) checker for answers, with every mismatch and its JSON path (Ajv's
 * `allErrors`, without its weight). Independent of the clients' generated subset on purpose: a contract that
 * validated with the client's own code would prove less. Extra keys pass unless `additionalProperties: false`
 * or `strictKeys` (exact mode): firmware adds fields over time.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonSchema = { readonly [key: string]: Json };

export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

export interface SchemaCheckOptions {
  /** The whole spec, for `$ref: '#/…'`. */
  readonly root: JsonSchema;
  /** Report keys a schema does not list, even without `additionalProperties: false`. */
  readonly strictKeys?: boolean;
}

const MAX_ISSUES = 20;

export function checkSchema(schema: JsonSchema, value: unknown, options: SchemaCheckOptions): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  visit(schema, value, '$', options, issues, 0);
  return issues.slice(0, MAX_ISSUES);
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  let node: Json = root as Json;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new Error(`Failed to resolve ${ref}`);
    node = (node as Record<string, Json>)[part.replace(/~1/g, '/').replace(/~0/g, '~')] ?? null;
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new Error(`Failed to resolve ${ref}: not a schema`);
  return node as JsonSchema;
}

function visit(raw: JsonSchema, value: unknown, path: string, o: SchemaCheckOptions, out: SchemaIssue[], depth: number): void {
  if (depth > 64 || out.length >= MAX_ISSUES) return;
  const s = typeof raw.$ref === 'string' ? resolveRef(o.root, raw.$ref) : raw;
  const add = (message: string, at = path) => out.push({ path: at, message });
  if (value === null) {
    if (s.nullable === true || s.type === undefined) return;
    add(`expected ${String(s.type)}, got null`);
    return;
  }
  if (typeof s.type === 'string' && !hasType(s.type, value)) {
    add(`expected ${s.type}, got ${describe(value)}`);
    return;
  }
  if (Array.isArray(s.allOf)) for (const part of s.allOf) visit(part as JsonSchema, value, path, o, out, depth + 1);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = s[key];
    if (!Array.isArray(branches)) continue;
    const results = branches.map((b) => {
      const sub: SchemaIssue[] = [];
      visit(b as JsonSchema, value, path, o, sub, depth + 1);
      return sub;
    });
    if (!results.some((r) => r.length === 0)) add(`matches none of the ${branches.length} ${key} alternatives (first: ${results[0]?.[0]?.message ?? '?'} at ${results[0]?.[0]?.path ?? path})`);
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => e === value)) add(`expected one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${describe(value)}`);
  if (typeof value === 'string' && typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) add(`expected to match /${s.pattern}/, got ${describe(value)}`);
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) add(`expected ≥ ${s.minimum}, got ${value}`);
    if (typeof s.maximum === 'number' && value > s.maximum) add(`expected ≤ ${s.maximum}, got ${value}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) add(`expected at least ${s.minItems} items, got ${value.length}`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) add(`expected at most ${s.maxItems} items, got ${value.length}`);
    if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) value.forEach((item, i) => visit(s.items as JsonSchema, item, `${path}[${i}]`, o, out, depth + 1));
    return;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
    if (Array.isArray(s.required)) for (const key of s.required) if (typeof key === 'string' && !(key in record)) add('is required but missing', child(path, key));
    for (const [key, v] of Object.entries(record)) {
      const sub = properties[key];
      if (sub) visit(sub, v, child(path, key), o, out, depth + 1);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') visit(s.additionalProperties as JsonSchema, v, child(path, key), o, out, depth + 1);
      else if (s.additionalProperties === false || (o.strictKeys && s.properties && s.additionalProperties === undefined && !(Array.isArray(s.required) && s.required.includes(key)))) add('is not in the spec', child(path, key));
    }
  }
}

function hasType(type: string, value: unknown): boolean {
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

function child(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return typeof value;
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
