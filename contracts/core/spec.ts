/**
 * The device specs (openapi/sessy.yaml, openapi/homevolt.yaml) as the contracts read them: operations by method
 * and path, and a check of one recorded exchange against its operation (status declared, media type, body schema).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { ContractError } from './errors.ts';
import type { Exchange } from './http.ts';
import { checkSchema, type JsonSchema } from './schema.ts';
import type { DeviceKind } from './types.ts';

export interface SpecOperation {
  readonly id: string;
  readonly method: 'GET' | 'POST';
  /** As in the spec, e.g. /spiffs/{path} */
  readonly path: string;
  readonly pattern: RegExp;
  /** false when `security: []` (open without credentials). */
  readonly secured: boolean;
  /** status → media type → schema (null: no schema) */
  readonly responses: Readonly<Record<string, Readonly<Record<string, JsonSchema | null>>>>;
  /** The operation object itself, for x-* extensions. */
  readonly raw: JsonSchema;
}

export interface DeviceSpec {
  readonly device: DeviceKind;
  readonly root: JsonSchema;
  readonly operations: readonly SpecOperation[];
  find(method: string, path: string): SpecOperation | undefined;
  byId(id: string): SpecOperation;
}

const FILES: Record<DeviceKind, string> = { sessy: 'sessy.yaml', homevolt: 'homevolt.yaml', 'sessy-meter': 'sessy-meter.yaml' };

export async function loadDeviceSpec(device: DeviceKind): Promise<DeviceSpec> {
  const url = new URL(`../../openapi/${FILES[device]}`, import.meta.url);
  let root: JsonSchema;
  try {
    root = parse(await readFile(url, 'utf8')) as JsonSchema;
  } catch (error) {
    throw new ContractError('CONTRACT_ERR_SPEC', `Failed to read ${url.pathname}: ${(error as Error).message}. The contracts need the openapi/ folder next to contracts/.`, { cause: error });
  }
  const globalSecured = Array.isArray(root.security) && root.security.length > 0;
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries((root.paths ?? {}) as Record<string, Record<string, JsonSchema>>)) {
    for (const method of ['get', 'post'] as const) {
      const op = item[method];
      if (!op) continue;
      const responses: Record<string, Record<string, JsonSchema | null>> = {};
      for (const [status, r] of Object.entries((op.responses ?? {}) as Record<string, JsonSchema>)) {
        const resolved = typeof r.$ref === 'string' ? resolve(root, r.$ref) : r;
        const content = (resolved.content ?? {}) as Record<string, JsonSchema>;
        responses[status] = Object.fromEntries(Object.entries(content).map(([type, media]) => [type, (media.schema as JsonSchema | undefined) ?? null]));
      }
      const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      operations.push({
        id: String(op.operationId),
        method: method.toUpperCase() as 'GET' | 'POST',
        path,
        pattern,
        secured: Array.isArray(op.security) ? op.security.length > 0 && !op.security.some((s) => s && typeof s === 'object' && Object.keys(s).length === 0) : globalSecured,
        responses,
        raw: op,
      });
    }
  }
  return {
    device,
    root,
    operations,
    find: (method, path) => {
      const bare = path.split('?')[0] ?? path;
      return operations.find((o) => o.method === method && o.pattern.test(bare));
    },
    byId: (id) => {
      const op = operations.find((o) => o.id === id);
      if (!op) throw new ContractError('CONTRACT_ERR_SPEC', `Failed to find operation ${id} in openapi/${FILES[device]}. Update the suite or the spec so they agree.`);
      return op;
    },
  };
}

function resolve(root: JsonSchema, ref: string): JsonSchema {
  let node: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Record<string, unknown>)[part];
  return node as JsonSchema;
}

/** Why an exchange does not match its operation in the spec; [] when it does. */
export function checkAgainstSpec(spec: DeviceSpec, exchange: Exchange, options: { readonly strictKeys?: boolean } = {}): string[] {
  const { request, response } = exchange;
  if (!response) return [`no answer: ${exchange.error ?? 'unknown'}`];
  const path = new URL(request.url).pathname;
  const op = spec.find(request.method, path);
  if (!op) return [`${request.method} ${path} is not in openapi/${FILES[spec.device]}`];
  const declared = op.responses[String(response.status)] ?? op.responses.default;
  if (!declared) return [`status ${response.status} is not declared for ${op.id} (declared: ${Object.keys(op.responses).join(', ')})`];
  const types = Object.keys(declared);
  if (types.length === 0) return [];
  const contentType = (response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  const media = types.find((t) => t === contentType);
  if (!media) return [`Content-Type "${contentType}" is not one of ${types.join(', ')} declared for ${op.id} ${response.status}`];
  const schema = declared[media];
  if (!schema) return [];
  let body: unknown = response.text;
  if (media.endsWith('json')) {
    try {
      body = JSON.parse(response.text);
    } catch {
      return [`the body is not JSON (${response.text.length} bytes)`];
    }
  } else if (media === 'application/octet-stream') return [];
  return checkSchema(schema, body, { root: spec.root, ...(options.strictKeys ? { strictKeys: true } : {}) }).map((i) => `${i.path}: ${i.message}`);
}
