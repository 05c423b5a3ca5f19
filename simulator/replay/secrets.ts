/**
 * Finds secret values in an exchange: what must never reach disk. Pure; returns the values, the redactor
 * replaces them. Secrets are found by the name they travel under, never by guessing at values:
 * - JSON and form fields and query parameters whose name says password/passphrase/psk/secret/token/key
 *   (Sessy `POST /api/v1/wifi_sta/credentials {"pass"}`, docs/sessy.md §3.10);
 * - Homevolt parameters with such a name: `POST /params.json k=ems_psk&v=…`, their `value`/`default` in
 *   `GET /params.json`, `param_set`/`param_get`/`param_list` on the console (docs/homevolt.md §3.4, §3.5);
 * - the arguments of console commands that set Wi-Fi or MQTT credentials;
 * - the password inside a Basic Authorization header.
 */

/** A field or parameter name that holds a secret. */
export const SECRET_NAME = /(^|[_.-])(pass|password|passwd|passphrase|pwd|psk|secret|token|key|apikey|api_key|credentials?)$|^(pass|password|psk|secret|token|key)([_.-]|$)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (typeof value === 'number') return [];
  if (Array.isArray(value)) return value.flatMap(strings);
  return [];
}

/** Secret values inside a parsed JSON document. */
export function secretsInJson(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    // A Homevolt parameter object: {"name": "ems_psk", "value": [...], "default": [...]}.
    if (typeof obj['name'] === 'string' && isSecretName(obj['name'])) out.push(...strings(obj['value']), ...strings(obj['default']));
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

/** Secret values in a console response, given the command that produced it. */
export function secretsInConsoleOutput(command: string, output: string): string[] {
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
