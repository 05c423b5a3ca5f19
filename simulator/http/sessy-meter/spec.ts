/**
 * Loads openapi/sessy-meter.yaml and keeps the operations a variant serves (`x-meter-variants`), so that
 * the other variant's URIs answer 404, as the firmware does for a URI it never registered.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MeterVariant } from '../../devices/sessy-meter/index.ts';
import type { OpenApiDocument } from '../sessy/spec.ts';

export const METER_SPEC_URL = new URL('../../../openapi/sessy-meter.yaml', import.meta.url);
/** The build's JSON copy (dist/openapi/sessy-meter.json, scripts/build.js): no yaml import at start, as for Sessy. */
const METER_SPEC_JSON_URL = new URL('../../../openapi/sessy-meter.json', import.meta.url);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function loadMeterSpec(): OpenApiDocument {
  if (existsSync(METER_SPEC_JSON_URL)) return JSON.parse(readFileSync(METER_SPEC_JSON_URL, 'utf8')) as OpenApiDocument;
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parse(readFileSync(METER_SPEC_URL, 'utf8')) as OpenApiDocument;
}

export function meterSpecForVariant(doc: OpenApiDocument, variant: MeterVariant): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const kept: Record<string, unknown> = {};
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const variants = (op as Record<string, unknown>)['x-meter-variants'] as readonly string[] | undefined;
      if (variants === undefined || variants.includes(variant)) kept[method] = op;
    }
    if (Object.keys(kept).length > 0) paths[path] = kept;
  }
  return { ...doc, paths };
}
