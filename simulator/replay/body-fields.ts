/**
 * Reads a textual body as what it is: JSON, form fields (urlencoded or multipart, both of which Homevolt
 * accepts, docs/homevolt.md §2), or plain text. Pure; used by redaction and by request matching.
 */
export type ParsedBody =
  | { readonly kind: 'json'; readonly doc: unknown }
  | { readonly kind: 'form'; readonly params: URLSearchParams }
  | { readonly kind: 'text'; readonly text: string };

function multipartFields(text: string, mimeType: string): URLSearchParams | null {
  const boundary = /boundary="?([^";]+)"?/i.exec(mimeType)?.[1];
  if (boundary === undefined) return null;
  const params = new URLSearchParams();
  for (const part of text.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name === undefined) continue;
    params.append(name, part.slice(split + 4).replace(/\r\n$/, ''));
  }
  return params;
}

export function parseBody(text: string, mimeType: string): ParsedBody {
  const mime = mimeType.toLowerCase();
  if (mime.includes('x-www-form-urlencoded')) return { kind: 'form', params: new URLSearchParams(text) };
  if (mime.startsWith('multipart/form-data')) {
    const params = multipartFields(text, mimeType);
    if (params) return { kind: 'form', params };
  }
  const trimmed = text.trimStart();
  if (mime.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { kind: 'json', doc: JSON.parse(text) as unknown };
    } catch {
      // Not JSON after all (Sessy error bodies are JSON sent as text/html; the reverse also happens).
    }
  }
  return { kind: 'text', text };
}
