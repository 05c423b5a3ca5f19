/**
 * Finds secret values in an exchange: what must never reach disk. Pure; returns the values, the redactor
 * replaces them. Secrets are found by the name they travel under, never by guessing at values, and whatever
 * encoding carried them (docs/recording-and-redaction.md lists every place):
 * - JSON and form fields and query parameters whose name says password/passphrase/psk/secret/token/key
 *   (Sessy `POST /api/v1/wifi_sta/credentials {"pass"}`, docs/sessy.md §3.10);
 * - Homevolt parameters with such a name: `POST /params.json k=ems_psk&v=…` and its echo
 *   `Saved parameter k: 'ems_psk' v: '…'`, their `value`/`default` in `GET /params.json`,
 *   `param_set`/`param_get`/`param_list` on the console (docs/homevolt.md §3.4, §3.5);
 * - the arguments of console commands that set Wi-Fi or MQTT credentials;
 * - the password inside a Basic Authorization header, and headers named like a credential.
 */

import { isSecretName } from '../core/secret-names.ts';
import { nestedJson } from './body-fields.ts';

/**
 * Whether a request to this endpoint carries secrets in its body: Sessy's Wi-Fi credentials (docs/sessy.md §3.10),
 * Homevolt's parameters, console and password check (docs/homevolt.md §3.4, §3.5), or any path named like a secret.
 * A body the recorder cannot read, sent there, is withheld rather than written.
 */
export function takesSecrets(method: string, pathname: string): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  if (['/api/v1/wifi_sta/credentials', '/params.json', '/console.json', '/validatepassword'].includes(pathname)) return true;
  return pathname.split('/').some((segment) => isSecretName(segment.replace(/\.json$/, '')) || /password|passwd|credential/i.test(segment));
}

/** Whether unreadable text mentions a secret's name anywhere: then it is withheld, as it cannot be redacted field by field. */
export function mentionsSecret(text: string): boolean {
  return /pass|pwd|psk|secret|token|key|credential|auth/i.test(text);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  // A numeric password is still a password; short numbers are left alone (they would replace every 1 in the file).
  if (typeof value === 'number') return String(value).length >= 4 ? [String(value)] : [];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Secret values inside a parsed JSON document. */
export function secretsInJson(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      // JSON carried as a string inside JSON is searched as JSON too.
      const inner = nestedJson(node);
      if (inner !== undefined) walk(inner);
      return;
    }
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    // A Homevolt parameter object: {"name": "ems_psk", "value": [...], "default": [...]}.
    if (typeof obj['name'] === 'string' && isSecretName(obj['name'])) out.push(...strings(obj['value']), ...strings(obj['default']));
    // A Homevolt parameter write sent as JSON: {"k": "ems_psk", "v": "…"}.
    if (typeof obj['k'] === 'string' && isSecretName(obj['k'])) out.push(...strings(obj['v']));
    if (typeof obj['cmd'] === 'string') out.push(...secretsInCommand(obj['cmd']));
    for (const [k, v] of Object.entries(obj)) {
      if (isSecretName(k)) out.push(...strings(v));
      else walk(v);
    }
  };
  walk(doc);
  return out;
}

/** Secret values in form fields or a query string (Homevolt `k`/`v`, `password`, console `cmd`). */
export function secretsInForm(params: URLSearchParams): string[] {
  const out: string[] = [];
  for (const [name, value] of params) if (isSecretName(name) && value !== '') out.push(value);
  const k = params.get('k');
  const v = params.get('v');
  if (k !== null && v !== null && v !== '' && isSecretName(k)) out.push(v);
  const cmd = params.get('cmd');
  if (cmd !== null) out.push(...secretsInCommand(cmd));
  return out;
}

const CREDENTIAL_COMMAND = /^(wifi|mqtt|lte|ems_psk)/i;

/** Secret arguments of one console command line. */
export function secretsInCommand(line: string): string[] {
  const tokens = line.trim().split(/\s+/).filter((t) => t !== '');
  const [command, ...args] = tokens;
  if (command === undefined) return [];
  const positionals = args.filter((a) => !a.startsWith('-'));
  const out: string[] = [];
  if (command === 'param_set') {
    const [key, ...values] = positionals;
    if (key !== undefined && isSecretName(key)) out.push(...values, values.join(' '));
  } else if (CREDENTIAL_COMMAND.test(command)) {
    // Syntax of these commands is not captured; every argument after the first (an SSID, a host) counts.
    out.push(...positionals.slice(1));
  }
  for (const a of args) {
    const m = /^--?([\w-]+)=(.+)$/.exec(a);
    if (m && isSecretName(m[1] ?? '')) out.push(m[2] ?? '');
  }
  return out.filter((s) => s !== '');
}

/** Homevolt's answer to a parameter write repeats the value: `Saved parameter k: 'ems_psk' v: '…'` (docs/homevolt.md §3.4). */
export function secretsInEcho(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/k: '([^'\r\n]*)' v: '([^\r\n]*)'/g)) if (isSecretName(m[1] ?? '') && m[2] !== '') out.push(m[2] ?? '');
  return out;
}

/** The command lines a console answer repeats: its echo `<prompt>>  <cmd>` and `Command '<cmd>' …` (docs/homevolt.md §3.5). */
export function commandsInConsoleOutput(output: string): string[] {
  const out: string[] = [];
  for (const m of output.matchAll(/^\S*>\s+(.+?)\s*$/gm)) out.push(m[1] ?? '');
  for (const m of output.matchAll(/^Command '(.*)'/gm)) out.push(m[1] ?? '');
  return out.filter((c) => c !== '');
}

/** Secret values in a console response, given the command that produced it (and every command it repeats). */
export function secretsInConsoleOutput(command: string | null, output: string): string[] {
  const commands = [...new Set([...(command !== null ? [command] : []), ...commandsInConsoleOutput(output)])];
  return commands.flatMap((c) => [...secretsInCommand(c), ...secretsInOneConsoleOutput(c, output)]);
}

function secretsInOneConsoleOutput(command: string, output: string): string[] {
  const [name, ...rest] = command.trim().split(/\s+/);
  const lines = output.split(/\r?\n/);
  const body = lines.filter((l) => !/^\S*>\s/.test(l) && !/^Command '/.test(l) && l.trim() !== '');
  const key = rest.filter((a) => !a.startsWith('-'))[0];
  if (name === 'param_get' && key !== undefined && isSecretName(key)) return body.flatMap((l) => [l.trim(), ...l.trim().split(/\s+/).slice(1)]).filter((s) => s !== '');
  const out: string[] = [];
  for (const l of body) {
    // param_list: "<name> <value>" or "<name> <value> (default: <value>)".
    const m = /^\s*([\w.-]+)\s+(.+?)(?:\s+\(default:\s*(.*)\))?\s*$/.exec(l);
    if (m && isSecretName(m[1] ?? '')) out.push(...[m[2], m[3]].filter((s): s is string => s !== undefined && s !== ''));
  }
  return out;
}

/** The user and password inside a Basic Authorization value, if it is one. */
export function basicCredentials(value: string): { user: string; password: string; token: string } | null {
  const m = /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(value);
  if (!m || m[1] === undefined) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1), token: m[1] };
}
