/**
 * Loads openapi/sessy.yaml and keeps the operations a firmware profile serves (`x-sessy-since` /
 * `x-sessy-removed`), so that openapi-backend answers 404 for the rest, as the firmware does for a URI it never
 * registered (ha-sessy's v2 → v1 schedule fallback depends on that 404).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { servesOperation } from '../../devices/sessy/index.ts';

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

/** Every operationId in the document. */
export function operationIdsOf(doc: OpenApiDocument): string[] {
  return Object.values(doc.paths).flatMap((item) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([, op]) => (op as { operationId?: string }).operationId ?? ''),
  );
}
