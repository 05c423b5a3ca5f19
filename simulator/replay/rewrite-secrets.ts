/**
 * Field-by-field rewriting of secrets, the redactor's second line: used when a secret survived plain
 * substitution because it was spelt in an unforeseen way (`\u0061`-escaped JSON, mixed percent-encoding).
 * Pure. The result is re-serialised, so it is no longer byte for byte what was sent; matching does not care
 * (request-shape.ts compares JSON and forms canonically). @see docs/recording-and-redaction.md
 */
import { MAX_JSON_DEPTH, nestedJson, nestsDeeperThan } from './body-fields.ts';
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
  if (typeof node === 'string') {
    const inner = nestedJson(node);
    return inner === undefined ? node : JSON.stringify(redactJson(inner, standIn));
  }
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

/** `url` with the password of its user information and every secret query parameter replaced by its stand-in. */
export function rewriteQuerySecrets(url: string, standIn: StandIn): string {
  const u = new URL(url);
  if (u.password !== '') u.password = standIn(decodedComponent(u.password));
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

/** Longest known secret found inside a decoded string: shorter ones would match common words. */
const MIN_KNOWN_CHARS = 4;

/**
 * The JSON document in `bytes` with every known secret replaced inside its string values, as decoded: a value the
 * device echoes in a field of any name, spelt with `\u` escapes that text substitution cannot see. Null when it
 * is not JSON or nothing changed, so an untouched body keeps its bytes.
 */
export function rewriteKnownInJson(bytes: Buffer, known: readonly string[], standIn: StandIn): string | null {
  const secrets = known.filter((k) => k.length >= MIN_KNOWN_CHARS);
  if (secrets.length === 0) return null;
  const text = bytes.toString('utf8');
  // Without a backslash every string reads as it is spelt, and text substitution has seen it already.
  if (!text.includes('\\') || !/^\s*[[{]/.test(text) || nestsDeeperThan(text, MAX_JSON_DEPTH)) return null;
  let changed = false;
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      let out = node;
      for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(standIn(secret));
      if (out !== node) changed = true;
      return out;
    }
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [visit(k) as string, visit(v)]));
    return node;
  };
  try {
    const rewritten = JSON.stringify(visit(JSON.parse(text) as unknown));
    return changed ? rewritten : null;
  } catch {
    return null;
  }
}

/** A URL component decoded, or as it is when its percent-encoding is broken. */
export function decodedComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
