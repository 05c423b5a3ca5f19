/**
 * Generates each client's wire files from its OpenAPI description, so the clients cannot drift from the specs:
 * - `wire-types.generated.ts`: TypeScript types by openapi-typescript (paths, operations, components);
 * - `wire-schemas.generated.ts`: per operation its method, path and success-response schema, with $refs inlined
 *   and only the keywords the client's validator checks (type, properties, required, items, enum, nullable,
 *   minimum, maximum, pattern, oneOf; allOf merged), so a client copied into an integration validates answers without a schema library.
 *
 * Run: `npx tsx clients/generate-wire-types.ts` (writes both files for every spec present). A test regenerates
 * them in memory and fails when a checked-in file differs (test/clients/wire-types.test.ts).
 * Dev-time only: nothing under clients/ imports this file at run time.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

export interface WireTarget {
  /** Spec path relative to the repository root. */
  readonly spec: string;
  /** Output folder relative to the repository root. */
  readonly outDir: string;
}

export const WIRE_TARGETS: readonly WireTarget[] = [
  { spec: 'openapi/sessy.yaml', outDir: 'clients/sessy' },
  { spec: 'openapi/homevolt.yaml', outDir: 'clients/homevolt' },
];

export const TYPES_FILE = 'wire-types.generated.ts';
export const SCHEMAS_FILE = 'wire-schemas.generated.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;
const KEPT = ['type', 'enum', 'nullable', 'minimum', 'maximum', 'required', 'pattern'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface GeneratedWireFiles {
  readonly types: string;
  readonly schemas: string;
}

/** Builds both files' text from a spec's YAML text; `specPath` only names the source in the header. */
export async function generateWireFiles(yamlText: string, specPath: string): Promise<GeneratedWireFiles> {
  const spec = relaxFirmwareAddedFields(parse(yamlText) as JsonObject);
  const header = `/* Generated from ${specPath} by clients/generate-wire-types.ts. Do not edit; run \`npx tsx clients/generate-wire-types.ts\`. */\n`;
  const ast = await openapiTS(spec as never, { silent: true });
  const types = `${header}${astToString(ast)}`;
  return { types, schemas: `${header}${renderSchemas(spec)}` };
}

/**
 * A property marked `x-sessy-since` was added by a later firmware than some devices run, so a client must accept
 * answers without it (clients probe for key presence, docs/sessy.md §7): it is dropped from its object's `required`.
 */
function relaxFirmwareAddedFields(node: JsonObject): JsonObject {
  const walk = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v);
    const props = out.properties;
    if (Array.isArray(out.required) && props && typeof props === 'object' && !Array.isArray(props)) {
      const added = Object.entries(props).filter(([, p]) => p !== null && typeof p === 'object' && !Array.isArray(p) && 'x-sessy-since' in p).map(([name]) => name);
      out.required = out.required.filter((name) => !added.includes(String(name)));
    }
    return out;
  };
  return walk(node) as JsonObject;
}

function renderSchemas(spec: JsonObject): string {
  const operations: JsonObject = {};
  const paths = (spec.paths ?? {}) as JsonObject;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = (item as JsonObject)[method] as JsonObject | undefined;
      if (!op) continue;
      const id = op.operationId;
      if (typeof id !== 'string') throw new Error(`Failed to generate wire schemas: ${method.toUpperCase()} ${path} has no operationId. Add one to the spec.`);
      const responses = (op.responses ?? {}) as JsonObject;
      const okStatus = Object.keys(responses).find((s) => s.startsWith('2')) ?? '200';
      const content = ((resolve(spec, responses[okStatus] ?? {}) as JsonObject).content ?? {}) as JsonObject;
      const [mediaType, media] = Object.entries(content)[0] ?? [null, null];
      const schema = media && (media as JsonObject).schema ? simplify(spec, (media as JsonObject).schema as Json) : null;
      operations[id] = { method: method.toUpperCase(), path, status: Number(okStatus), mediaType, schema };
    }
  }
  return [
    `import type { WireSchema } from '../shared/validate.ts';`,
    '',
    `export interface WireOperation {`,
    `  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';`,
    `  readonly path: string;`,
    `  readonly status: number;`,
    `  readonly mediaType: string | null;`,
    `  readonly schema: WireSchema | null;`,
    `}`,
    '',
    `export const WIRE_OPERATIONS = ${JSON.stringify(operations, null, 2)} as const satisfies Record<string, WireOperation>;`,
    '',
    `export type WireOperationId = keyof typeof WIRE_OPERATIONS;`,
    '',
  ].join('\n');
}

function resolve(spec: JsonObject, node: Json): Json {
  let current = node;
  for (let depth = 0; depth < 32; depth++) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || typeof current.$ref !== 'string') return current;
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`Failed to generate wire schemas: external $ref ${ref} is not supported. Inline it in the spec.`);
    current = ref
      .slice(2)
      .split('/')
      .reduce<Json>((n, key) => (n && typeof n === 'object' && !Array.isArray(n) ? (n[key.replace(/~1/g, '/').replace(/~0/g, '~')] ?? null) : null), spec);
    if (current === null) throw new Error(`Failed to generate wire schemas: $ref ${ref} points nowhere. Fix the spec.`);
  }
  throw new Error('Failed to generate wire schemas: $ref chain deeper than 32 (a cycle?).');
}

/** The validator's subset of a schema, $refs inlined. allOf is merged; anyOf is left unchecked. */
function simplify(spec: JsonObject, node: Json, depth = 0): JsonObject {
  if (depth > 32) throw new Error('Failed to generate wire schemas: schema nesting deeper than 32 (a recursive $ref?).');
  const s = resolve(spec, node);
  if (s === null || typeof s !== 'object' || Array.isArray(s)) return {};
  const out: JsonObject = {};
  if (Array.isArray(s.allOf)) {
    for (const part of s.allOf) mergeInto(out, simplify(spec, part, depth + 1));
  }
  for (const key of KEPT) if (s[key] !== undefined) out[key] = s[key] as Json;
  if (s.properties && typeof s.properties === 'object' && !Array.isArray(s.properties)) {
    const props: JsonObject = { ...((out.properties as JsonObject | undefined) ?? {}) };
    for (const [name, child] of Object.entries(s.properties)) props[name] = simplify(spec, child, depth + 1);
    out.properties = props;
  }
  if (Array.isArray(s.oneOf)) out.oneOf = s.oneOf.map((branch) => simplify(spec, branch, depth + 1));
  if (s.items !== undefined) out.items = simplify(spec, s.items, depth + 1);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = simplify(spec, s.additionalProperties, depth + 1);
  return out;
}

function mergeInto(target: JsonObject, source: JsonObject): void {
  for (const [key, value] of Object.entries(source)) {
    if (key === 'properties') target.properties = { ...((target.properties as JsonObject | undefined) ?? {}), ...(value as JsonObject) };
    else if (key === 'required') target.required = [...new Set([...((target.required as string[] | undefined) ?? []), ...(value as string[])])];
    else target[key] = value;
  }
}

/** Regenerates every target whose spec exists; returns the files written. */
export async function writeWireFiles(root = ROOT): Promise<string[]> {
  const written: string[] = [];
  for (const target of WIRE_TARGETS) {
    const specFile = join(root, target.spec);
    if (!existsSync(specFile)) continue;
    const files = await generateWireFiles(readFileSync(specFile, 'utf8'), target.spec);
    for (const [name, text] of [[TYPES_FILE, files.types], [SCHEMAS_FILE, files.schemas]] as const) {
      const out = join(root, target.outDir, name);
      writeFileSync(out, text);
      written.push(out);
    }
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = await writeWireFiles();
  for (const file of written) console.log(`wrote ${file}`);
}
