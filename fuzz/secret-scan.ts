/**
 * Finds planted secrets in a HAR file in any encoding a recorder might have stored them: plain, URL-encoded,
 * base64 (a body stored as base64, a Basic header), or JSON-escaped. Reports where each was found.
 */

export interface SecretHit {
  /** Which planted secret (its label, never its value). */
  readonly label: string;
  /** Where in the HAR, e.g. `entries[3].request.headers[x-battsim-token]`. */
  readonly where: string;
  readonly encoding: 'plain' | 'url-encoded' | 'base64';
}

const BASE64_RUN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;

function decodings(text: string): { encoding: SecretHit['encoding']; text: string }[] {
  const out: { encoding: SecretHit['encoding']; text: string }[] = [{ encoding: 'plain', text }];
  try {
    const decoded = decodeURIComponent(text.replace(/\+/g, ' '));
    if (decoded !== text) out.push({ encoding: 'url-encoded', text: decoded });
  } catch {
    // Not URL-encoded as a whole; the plain search still covers it.
  }
  for (const m of text.matchAll(BASE64_RUN)) {
    // Three alignments: a secret inside a longer base64 text starts at any byte offset.
    for (let shift = 0; shift < 4; shift++) {
      const run = m[0].slice(shift);
      out.push({ encoding: 'base64', text: Buffer.from(run, 'base64').toString('latin1') });
    }
  }
  return out;
}

/** Every place a secret of `secrets` (label → value) occurs in the HAR text. */
export function scanHar(harText: string, secrets: Readonly<Record<string, string>>): SecretHit[] {
  const hits: SecretHit[] = [];
  const doc = JSON.parse(harText) as unknown;
  const visit = (node: unknown, where: string): void => {
    if (typeof node === 'string') {
      for (const d of decodings(node)) {
        for (const [label, value] of Object.entries(secrets)) if (d.text.includes(value)) hits.push({ label, where, encoding: d.encoding });
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const named = item !== null && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string' ? `[${String((item as { name: string }).name).toLowerCase()}]` : `[${i}]`;
        visit(item, where + named);
      });
      return;
    }
    if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) visit(v, `${where}.${k}`);
  };
  visit(doc, '$');
  // One hit per (label, where): several decodings of the same string say the same thing.
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.label}\u0000${h.where}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
