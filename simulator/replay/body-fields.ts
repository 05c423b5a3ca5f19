/**
 * Reads a textual body as what it is, whatever its Content-Type says: JSON, form fields (urlencoded or
 * multipart, both of which Homevolt accepts, docs/homevolt.md §2), or plain text. Pure; used by redaction and by
 * request matching. Clients send bodies under wrong or missing types (`curl -d '{"pass":…}'` posts JSON as a
 * form, Homevolt forms arrive as text/plain or with no type at all), so the declared type is a hint, never the
 * decision. @see docs/recording-and-redaction.md
 */
export type ParsedBody =
  | { readonly kind: 'json'; readonly doc: unknown }
  | { readonly kind: 'form'; readonly params: URLSearchParams }
  | { readonly kind: 'text'; readonly text: string };

/** The boundary of a multipart body: from the media type, or sniffed from the first line (`--boundary`). */
function boundaryOf(text: string, mimeType: string): string | undefined {
  const declared = /boundary="?([^";]+)"?/i.exec(mimeType)?.[1];
  if (declared !== undefined) return declared;
  const sniffed = /^--([!-~]{1,70})\r?\n/.exec(text.trimStart())?.[1];
  return sniffed !== undefined && /content-disposition:/i.test(text) ? sniffed : undefined;
}

/**
 * The fields of a multipart body, or null when it is not one. A part sent with `Content-Transfer-Encoding:
 * base64` (legal before RFC 7578, still written by some libraries) gives its decoded value as a second field of
 * the same name, so a secret hidden that way is still found.
 */
export function multipartFields(text: string, mimeType: string): URLSearchParams | null {
  const boundary = boundaryOf(text, mimeType);
  if (boundary === undefined) return null;
  const params = new URLSearchParams();
  for (const part of text.split(`--${boundary}`)) {
    const crlf = part.indexOf('\r\n\r\n');
    const lf = part.indexOf('\n\n');
    const split = crlf >= 0 ? crlf : lf;
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) continue;
    const value = part.slice(split + (crlf >= 0 ? 4 : 2)).replace(/\r?\n$/, '');
    params.append(name, value);
    if (/content-transfer-encoding:\s*base64/i.test(head)) params.append(name, Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8'));
  }
  return [...params.keys()].length > 0 ? params : null;
}

/** A field name as forms carry them: `k`, `ems_psk`, `wifi[pass]`. */
const FIELD_NAME = /^[\w.[\]-]{1,128}$/;

/** Urlencoded fields, or null unless every pair has a plausible field name (so prose is not a "form"). */
export function urlencodedFields(text: string): URLSearchParams | null {
  const trimmed = text.trim();
  if (trimmed === '' || !trimmed.includes('=')) return null;
  const params = new URLSearchParams(trimmed);
  for (const name of params.keys()) if (!FIELD_NAME.test(name)) return null;
  return params;
}

/** Deepest nesting the readers walk; deeper JSON is not read as JSON (so a body naming a secret is withheld). */
export const MAX_JSON_DEPTH = 64;

/** Longest JSON text inside a JSON string that is read as a document of its own [characters]. */
const MAX_NESTED_JSON_CHARS = 1024 * 1024;

/**
 * The document inside a JSON string value that holds JSON of its own (`{"data": "{\"password\": …}"}`, as some
 * clients wrap a payload), or undefined when the string is not an object or array in JSON, too long or too deep.
 */
export function nestedJson(value: string): object | undefined {
  if (value.length > MAX_NESTED_JSON_CHARS || !/^\s*[[{]/.test(value) || nestsDeeperThan(value, MAX_JSON_DEPTH)) return undefined;
  try {
    const doc = JSON.parse(value) as unknown;
    return doc !== null && typeof doc === 'object' ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `text` nests brackets deeper than `max`, counted without recursion (strings skipped). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

function jsonDoc(text: string): { doc: unknown } | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  // The walks over a document recurse; a hostile 5,000-deep body must not overflow the stack.
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return null;
  try {
    return { doc: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/**
 * Every structured reading of `text`: JSON, multipart fields, urlencoded fields, in that order. Empty when
 * the body is none of them. Redaction looks at all of them; matching uses the first (parseBody).
 */
export function structuredReadings(text: string, mimeType: string): ParsedBody[] {
  const out: ParsedBody[] = [];
  const json = jsonDoc(text);
  if (json) out.push({ kind: 'json', doc: json.doc });
  const multipart = multipartFields(text, mimeType);
  if (multipart) out.push({ kind: 'form', params: multipart });
  const form = json || multipart ? null : urlencodedFields(text);
  if (form) out.push({ kind: 'form', params: form });
  return out;
}

export function parseBody(text: string, mimeType: string): ParsedBody {
  return structuredReadings(text, mimeType)[0] ?? { kind: 'text', text };
}
