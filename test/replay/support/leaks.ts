/**
 * Searches the bytes of a written HAR file for a secret in every spelling it could take there: as is,
 * JSON-escaped (the file is JSON), percent-encoded, base64 at any byte alignment, and inside base64-stored
 * bodies. Written independently of the redactor, so that a gap in the redactor is not a gap here too.
 */
const hex = (b: number): string => b.toString(16).padStart(2, '0');

/** The part of base64(prefix + secret) that depends on the secret alone, for a prefix of 0, 1 and 2 bytes. */
function base64Cores(secret: Buffer): string[] {
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k), secret]).toString('base64');
    const first = Math.ceil((8 * k) / 6);
    const last = Math.floor((8 * (k + secret.length)) / 6) - 1;
    if (last - first + 1 >= 6) out.push(b64.slice(first, last + 1));
  }
  return out;
}

function spellings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
    [...bytes].map((b) => `%${hex(b).toUpperCase()}`).join(''),
    [...bytes].map((b) => `%${hex(b)}`).join(''),
    ...base64Cores(bytes),
  ]);
  // The file is JSON: each spelling appears once more escaped.
  for (const f of [...forms]) forms.add(JSON.stringify(f).slice(1, -1));
  return [...forms].filter((f) => f.length > 0);
}

/** The document a string holds when it is JSON text (a body, or JSON inside a JSON string), else undefined. */
const jsonIn = (s: string): unknown => {
  if (!/^\s*[[{]/.test(s)) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
};

/** Every string in `node`, and, for a string that is JSON text, every string inside it as decoded (`\u` escapes read). */
function strings(node: unknown, out: string[]): string[] {
  if (typeof node === 'string') {
    out.push(node);
    const inner = jsonIn(node);
    if (inner !== undefined) strings(inner, out);
  } else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node !== null && typeof node === 'object') Object.values(node).forEach((n) => strings(n, out));
  return out;
}

const tryDecode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** Where `secret` is in `har` (the file's bytes), or null when it is nowhere. */
export function findLeak(har: Buffer, secret: string): string | null {
  const text = har.toString('utf8');
  for (const form of spellings(secret)) if (text.includes(form)) return `spelt ${JSON.stringify(form)}`;
  const secretBytes = Buffer.from(secret, 'utf8');
  for (const s of strings(JSON.parse(text), [])) {
    if (s.includes(secret) || tryDecode(s).includes(secret)) return `in the string ${JSON.stringify(s.slice(0, 200))}`;
    if (/^[A-Za-z0-9+/]+=*$/.test(s) && Buffer.from(s, 'base64').includes(secretBytes)) return 'inside a base64 body';
  }
  return null;
}
