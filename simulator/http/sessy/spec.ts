/**
 * Loads openapi/sessy.yaml and reads the routes a firmware profile serves from it: method, path and operationId,
 * whether Basic auth guards it (`security`), and its request body schema. An operation outside the profile's
 * `x-sessy-since` / `x-sessy-removed` range is not served, so its URI answers 404 as on the firmware, which never
 * registered it (ha-sessy's v2 → v1 schedule fallback depends on that 404).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { servesOperation, type PowerStatusKey } from '../../devices/sessy/index.ts';

export const SESSY_SPEC_URL = new URL('../../../openapi/sessy.yaml', import.meta.url);
/**
 * The build's JSON copy of sessy.yaml (dist/openapi/sessy.json, written by scripts/build.js; the sources have only
 * the YAML). Parsing JSON spares importing yaml at start, about 0.24 s of CPU (README, Start time).
 */
const SESSY_SPEC_JSON_URL = new URL('../../../openapi/sessy.json', import.meta.url);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export type OpenApiDocument = { paths: Record<string, Record<string, unknown>> } & Record<string, unknown>;

export function loadSessySpec(): OpenApiDocument {
  if (existsSync(SESSY_SPEC_JSON_URL)) return JSON.parse(readFileSync(SESSY_SPEC_JSON_URL, 'utf8')) as OpenApiDocument;
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parse(readFileSync(SESSY_SPEC_URL, 'utf8')) as OpenApiDocument;
}

/** What a firmware version serves, read from the spec once per process and shared by every dongle running it. */
export interface FirmwareRoutes {
  readonly routes: readonly SpecRoute[];
  readonly powerStatusKeys: readonly PowerStatusKey[];
}

const routesByVersion = new Map<string, FirmwareRoutes>();

/** The routes and power/status keys of `version`, from openapi/sessy.yaml (kept per version: a handful at most). */
export function firmwareRoutesOf(version: string): FirmwareRoutes {
  let found = routesByVersion.get(version);
  if (found === undefined) {
    const spec = loadSessySpec();
    found = { routes: routesOf(specForFirmware(spec, version)), powerStatusKeys: powerStatusKeysOf(spec, version) };
    routesByVersion.set(version, found);
  }
  return found;
}

/** A copy of the document holding only the operations `version` serves. */
export function specForFirmware(doc: OpenApiDocument, version: string): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const kept: Record<string, unknown> = {};
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const o = op as Record<string, unknown>;
      if (servesOperation(version, o['x-sessy-since'] as string | undefined, o['x-sessy-removed'] as string | undefined)) kept[method] = op;
    }
    if (Object.keys(kept).length > 0) paths[path] = kept;
  }
  return { ...doc, paths };
}

/**
 * The `power/status.sessy` keys `version` sends, in the schema's order (the firmware's): the properties of
 * `components.schemas.power_status.properties.sessy` whose `x-sessy-since` / `x-sessy-removed` range holds it.
 */
export function powerStatusKeysOf(doc: OpenApiDocument, version: string): PowerStatusKey[] {
  const sessy = (doc.components as { schemas: Record<string, { properties: Record<string, { properties: Record<string, Record<string, unknown>> }> }> }).schemas.power_status!.properties.sessy!;
  return Object.entries(sessy.properties)
    .filter(([, p]) => servesOperation(version, p['x-sessy-since'] as string | undefined, p['x-sessy-removed'] as string | undefined))
    .map(([key]) => key as PowerStatusKey);
}

/** One operation of the document as the app registers it. */
export interface SpecRoute {
  readonly operationId: string;
  /** Upper case, as Fastify and the request line spell it. */
  readonly method: string;
  readonly path: string;
  /** Served without Basic auth (`security: []` on the operation). */
  readonly open: boolean;
  /** The JSON request body's schema with every `$ref` resolved; undefined for an operation without a body. */
  readonly bodySchema: object | undefined;
}

/** Every operation of `doc` (filter it with specForFirmware first), in document order. */
export function routesOf(doc: OpenApiDocument): SpecRoute[] {
  const globalSecurity = (doc.security as unknown[] | undefined) ?? [];
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => {
        const o = op as { operationId?: string; security?: unknown[]; requestBody?: { content?: Record<string, { schema?: unknown }> } };
        const schema = o.requestBody?.content?.['application/json']?.schema;
        return { operationId: o.operationId ?? '', method: method.toUpperCase(), path, open: (o.security ?? globalSecurity).length === 0, bodySchema: schema === undefined ? undefined : (resolveRefs(doc, schema) as object) };
      }),
  );
}

/** A copy of `node` with every local `$ref` replaced by what it points at (the spec's schemas are not recursive). */
function resolveRefs(doc: OpenApiDocument, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveRefs(doc, n));
  if (node === null || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return resolveRefs(doc, ref.slice(2).split('/').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], doc));
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolveRefs(doc, v)]));
}

/** Every operationId in the document. */
export function operationIdsOf(doc: OpenApiDocument): string[] {
  return Object.values(doc.paths).flatMap((item) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([, op]) => (op as { operationId?: string }).operationId ?? ''),
  );
}
