/**
 * Takes secrets (always) and identities (on request) out of HAR entries before they reach disk. Pure: one
 * redactor per file owns its placeholder registry, so a value gets the same stand-in everywhere in that file,
 * which is what lets a replay still match. Values learnt in one entry are also removed from every later one
 * (a console echo of a password, a serial inside a hostname).
 */
import { parseBody, type ParsedBody } from './body-fields.ts';
import type { HarEntry, HarNameValue } from './har-types.ts';
import { identitiesInJson, identitiesInText, octetArrays, type IdentityValue } from './identity.ts';
import { createPlaceholderRegistry, type PlaceholderRegistry } from './placeholders.ts';
import { basicCredentials, secretsInConsoleOutput, secretsInForm, secretsInJson } from './secrets.ts';

export interface RedactorOptions {
  /** Also replace serials, MACs, hostnames, IPs and SSIDs. */
  readonly identity: boolean;
  /** HMAC key for stable identity stand-ins across recordings; see placeholders.ts. */
  readonly key?: string;
}

export interface Redactor {
  redactEntry(entry: HarEntry): HarEntry;
}

const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i;
/** Bytes of a body as the file now holds it (a stand-in can be longer or shorter than what it replaced). */
const sizeOf = (text: string, encoding: string | undefined): number => Buffer.byteLength(text, encoding === 'base64' ? 'base64' : 'utf8');
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function secretsInHeaders(headers: readonly HarNameValue[], identities: IdentityValue[]): string[] {
  const out: string[] = [];
  for (const h of headers) {
    if (!SECRET_HEADERS.test(h.name)) continue;
    const basic = basicCredentials(h.value);
    if (basic) {
      out.push(basic.token, basic.password);
      // A Sessy user is the dongle serial (docs/sessy.md §1.2).
      if (/^[A-Z0-9]{6,12}$/.test(basic.user)) identities.push({ category: 'serial', value: basic.user });
    } else out.push(h.value.replace(/^\s*\w+\s+(?=\S)/, ''));
  }
  return out;
}

function secretsInBody(body: ParsedBody): string[] {
  if (body.kind === 'json') return secretsInJson(body.doc);
  if (body.kind === 'form') return secretsInForm(body.params);
  return [];
}

function bodyOf(text: string | undefined, base64: boolean, mimeType: string): ParsedBody | null {
  return text === undefined || base64 ? null : parseBody(text, mimeType);
}

export function createRedactor(options: RedactorOptions): Redactor {
  const registry: PlaceholderRegistry = createPlaceholderRegistry(options.key !== undefined ? { key: options.key } : {});

  const substitute = (text: string): string => {
    const known = registry.known();
    let out = text;
    const secrets = known.filter((k) => k.category === 'secret');
    if (secrets.length > 0) {
      const forms = new Map<string, string>();
      for (const s of secrets) {
        for (const form of [s.value, JSON.stringify(s.value).slice(1, -1), encodeURIComponent(s.value), new URLSearchParams({ x: s.value }).toString().slice(2)]) {
          if (!forms.has(form)) forms.set(form, s.replacement);
        }
      }
      const long = [...forms.keys()].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
      const short = [...forms.keys()].filter((f) => f.length < 4);
      if (long.length > 0) out = out.replace(new RegExp(long.map(escapeRe).join('|'), 'g'), (m) => forms.get(m) ?? m);
      if (short.length > 0) out = out.replace(new RegExp(`(?<![0-9A-Za-z])(?:${short.map(escapeRe).join('|')})(?![0-9A-Za-z])`, 'g'), (m) => forms.get(m) ?? m);
    }
    const ids = known.filter((k) => k.category !== 'secret');
    if (ids.length > 0) {
      const map = new Map(ids.map((k) => [k.value, k.replacement]));
      out = out.replace(new RegExp(`(?<![0-9A-Za-z])(?:${ids.map((k) => escapeRe(k.value)).join('|')})(?![0-9A-Za-z])`, 'g'), (m) => map.get(m) ?? m);
    }
    return out;
  };

  const rewriteOctets = (text: string): string => {
    let out = '';
    let last = 0;
    for (const arr of octetArrays(text)) {
      const octets = registry.placeholder('ip', arr.dotted).split('.');
      arr.octetSpans.forEach(([s, e], i) => {
        out += text.slice(last, s) + (octets[i] ?? '0');
        last = e;
      });
    }
    return out + text.slice(last);
  };

  return {
    redactEntry(entry) {
      const { request: req, response: res } = entry;
      const identities: IdentityValue[] = [];
      const secrets: string[] = [...secretsInHeaders(req.headers, identities), ...secretsInHeaders(res.headers, identities)];
      secrets.push(...secretsInForm(new URL(req.url).searchParams));
      const reqBody = bodyOf(req.postData?.text, req.postData?._encoding === 'base64', req.postData?.mimeType ?? '');
      const resBody = bodyOf(res.content.text, res.content.encoding === 'base64', res.content.mimeType);
      for (const body of [reqBody, resBody]) if (body) secrets.push(...secretsInBody(body));
      const command = reqBody?.kind === 'form' ? reqBody.params.get('cmd') : null;
      if (command !== null && res.content.text !== undefined && res.content.encoding !== 'base64') secrets.push(...secretsInConsoleOutput(command, res.content.text));
      for (const s of secrets) if (s !== '') registry.placeholder('secret', s);

      if (options.identity) {
        for (const body of [reqBody, resBody]) if (body?.kind === 'json') identities.push(...identitiesInJson(body.doc));
        const texts = [req.url, ...req.headers.map((h) => h.value), ...res.headers.map((h) => h.value), entry.serverIPAddress ?? ''];
        if (req.postData && !req.postData._encoding) texts.push(req.postData.text);
        if (res.content.text !== undefined && res.content.encoding !== 'base64') texts.push(res.content.text);
        for (const t of texts) identities.push(...identitiesInText(t));
        for (const id of identities) registry.placeholder(id.category, id.value);
      }

      const sub = (t: string): string => substitute(t);
      const headers = (hs: readonly HarNameValue[]): HarNameValue[] => hs.map((h) => ({ name: h.name, value: sub(h.value) }));
      const url = sub(req.url);
      const postText = req.postData === undefined ? undefined : req.postData._encoding ? req.postData.text : sub(req.postData.text);
      const contentText = res.content.text === undefined || res.content.encoding === 'base64' ? res.content.text : sub(options.identity ? rewriteOctets(res.content.text) : res.content.text);
      return {
        ...entry,
        request: {
          ...req,
          url,
          headers: headers(req.headers),
          queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
          ...(postText !== undefined && req.postData ? { postData: { ...req.postData, text: postText }, bodySize: sizeOf(postText, req.postData._encoding) } : {}),
        },
        response: {
          ...res,
          headers: headers(res.headers),
          redirectURL: sub(res.redirectURL),
          content: { ...res.content, ...(contentText !== undefined ? { text: contentText, size: sizeOf(contentText, res.content.encoding) } : {}) },
          ...(contentText !== undefined && res.bodySize >= 0 ? { bodySize: sizeOf(contentText, res.content.encoding) } : {}),
        },
        ...(entry.serverIPAddress !== undefined ? { serverIPAddress: sub(entry.serverIPAddress) } : {}),
      };
    },
  };
}
