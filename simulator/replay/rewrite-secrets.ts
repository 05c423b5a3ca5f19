/**
 * Field-by-field rewriting of secrets, the redactor's second line: used when a secret survived plain
 * substitution because it was spelt in an unforeseen way (`\u0061`-escaped JSON, mixed percent-encoding).
 * Pure. The result is re-serialised, so it is no longer byte for byte what was sent; matching does not care
 * (request-shape.ts compares JSON and forms canonically). @see docs/recording-and-redaction.md
 */
import { MAX_JSON_DEPTH, nestsDeeperThan } from './body-fields.ts';
import { isSecretName } from '../core/secret-names.ts';
import { secretsInCommand } from './secrets.ts';

type StandIn = (value: string) => string;

function redactCommand(line: string, standIn: StandIn): string {
  const secrets = new Set(secretsInCommand(line));
  return line
    .split(/(\s+)/)
    .map((t) => (secrets.has(t) ? standIn(t) : t))
    .join('');
}

function redactValue(value: unknown, standIn: StandIn): unknown {
  if (Array.isArray(value)) return value.map((v) => redactValue(v, standIn));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, standIn)]));
  if (typeof value === 'string' || typeof value === 'number') return standIn(String(value));
  return value;
}

function redactJson(node: unknown, standIn: StandIn): unknown {
  if (Array.isArray(node)) return node.map((n) => redactJson(n, standIn));
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  const secretParam = (typeof obj['name'] === 'string' && isSecretName(obj['name'])) || (typeof obj['k'] === 'string' && isSecretName(obj['k']));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (isSecretName(k) || (secretParam && (k === 'value' || k === 'default' || k === 'v'))) out[k] = redactValue(v, standIn);
    else if (k === 'cmd' && typeof v === 'string') out[k] = redactCommand(v, standIn);
    else out[k] = redactJson(v, standIn);
  }
  return out;
}

/** The JSON document in `bytes` with every secret field replaced by its stand-in, or null when it is not JSON. */
export function rewriteJsonSecrets(bytes: Buffer, standIn: StandIn): string | null {
  const text = bytes.toString('utf8');
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return null;
  try {
    return JSON.stringify(redactJson(JSON.parse(text) as unknown, standIn));
  } catch {
    return null;
  }
}

/** `url` with every secret query parameter replaced by its stand-in. */
export function rewriteQuerySecrets(url: string, standIn: StandIn): string {
  const u = new URL(url);
  const params = u.searchParams;
  const secretK = isSecretName(params.get('k') ?? '');
  const next = new URLSearchParams();
  for (const [name, value] of params) {
    if (isSecretName(name) || (name === 'v' && secretK)) next.append(name, standIn(value));
    else if (name === 'cmd') next.append(name, redactCommand(value, standIn));
    else next.append(name, value);
  }
  u.search = next.toString();
  return u.href;
}
