/**
 * The two form encodings the device accepts on POST /params.json and /console.json (docs/homevolt.md §2):
 * application/x-www-form-urlencoded (curl -d, pyHomevolt) and multipart/form-data (the Homey app).
 * Hand-written on purpose: the forms hold two or three short text fields, and a library would add a second
 * body pipeline with its own error answers where the device has one. Returns null for a malformed body.
 */
export type Form = ReadonlyMap<string, string>;

export function parseForm(contentType: string | undefined, body: Buffer): Form | null {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return parseMultipart(contentType!, body);
  return parseUrlEncoded(body);
}

function parseUrlEncoded(body: Buffer): Form | null {
  const text = body.toString('utf8');
  if (text.includes('\uFFFD')) return null;
  const form = new Map<string, string>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    try {
      form.set(decodeURIComponent(rawKey.replace(/\+/g, ' ')), decodeURIComponent(rawValue.replace(/\+/g, ' ')));
    } catch {
      return null;
    }
  }
  return form;
}

function parseMultipart(contentType: string, body: Buffer): Form | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return null;
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts = text.split(delimiter);
  if (parts.length < 3 || !parts[parts.length - 1]!.startsWith('--')) return null;
  const form = new Map<string, string>();
  for (const part of parts.slice(1, -1)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (!part.startsWith('\r\n') || headerEnd < 0 || !part.endsWith('\r\n')) return null;
    const headers = part.slice(2, headerEnd);
    const name = /content-disposition:\s*form-data;[^\r\n]*?\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) return null;
    form.set(name, Buffer.from(part.slice(headerEnd + 4, -2), 'latin1').toString('utf8'));
  }
  return form;
}
