/**
 * Checks a decoded JSON answer against the subset of JSON Schema the generated wire schemas keep
 * (clients/generate-wire-types.ts). Returns the first mismatch with its JSON path, e.g.
 * `$.sessy.power: expected integer, got "12"`, or null. Extra keys are allowed: firmware adds fields over time.
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

export function findWireMismatch(schema: WireSchema, value: unknown, path = '$'): WireMismatch | null {
  const found = visit(schema, value, { parent: null, key: path });
  return found === null ? null : { path: render(found.at), message: found.message };
}

/**
 * Where a value sits, as a chain of parent links: the path string is built only for a mismatch, so that a
 * valid answer (nearly all of them) costs no string work per key.
 */
interface PathNode {
  readonly parent: PathNode | null;
  /** A property name, an array index, or (at the root) the root path itself. */
  readonly key: string | number;
}

function render(node: PathNode): string {
  if (node.parent === null) return String(node.key);
  const base = render(node.parent);
  return typeof node.key === 'number' ? `${base}[${node.key}]` : childPath(base, node.key);
}

function visit(schema: WireSchema, value: unknown, at: PathNode): { at: PathNode; message: string } | null {
  if (value === null) return schema.nullable || schema.type === undefined ? null : { at, message: `expected ${schema.type}, got null` };
  if (schema.type !== undefined && !hasType(schema.type, value)) return { at, message: `expected ${schema.type}, got ${describe(value)}` };
  if (schema.oneOf && !schema.oneOf.some((branch) => visit(branch, value, at) === null)) {
    const first = visit(schema.oneOf[0] ?? {}, value, at);
    return { at: first?.at ?? at, message: `matches none of ${schema.oneOf.length} alternatives (first: ${first?.message ?? '?'})` };
  }
  if (typeof value === 'string' && schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return { at, message: `expected to match /${schema.pattern}/, got ${describe(value)}` };
  if (schema.enum && !schema.enum.includes(value as string)) return { at, message: `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${describe(value)}` };
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return { at, message: `expected ≥ ${schema.minimum}, got ${value}` };
    if (schema.maximum !== undefined && value > schema.maximum) return { at, message: `expected ≤ ${schema.maximum}, got ${value}` };
  }
  if (Array.isArray(value)) {
    if (!schema.items) return null;
    for (let i = 0; i < value.length; i++) {
      const m = visit(schema.items, value[i], { parent: at, key: i });
      if (m) return m;
    }
    return null;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) return { at: { parent: at, key }, message: 'is required but missing' };
    for (const key in record) {
      const sub = schema.properties?.[key] ?? schema.additionalProperties;
      if (!sub) continue;
      const m = visit(sub, record[key], { parent: at, key });
      if (m) return m;
    }
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
