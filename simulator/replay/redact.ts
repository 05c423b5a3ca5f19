/**
 * Takes secrets (always) and identities (on request) out of HAR entries before they reach disk. Pure: one
 * redactor per file owns its placeholder registry, so a value gets the same stand-in everywhere in that file,
 * which is what lets a replay still match. Values learnt in one entry are also removed from every later one
 * (a console echo of a password, a serial inside a hostname).
 *
 * A value is found by what it is (find-secrets.ts), then replaced in every encoding it may have in the file:
 * as is, JSON-escaped, percent-encoded, base64; inside base64-stored bodies too. The result is then searched
 * again; where a secret is still there (an encoding nobody foresaw), the JSON or query is rewritten field by
 * field, and a body that still holds one, or that cannot be read at all while going to an endpoint that takes
 * secrets, is withheld: replaced by a placeholder that says why. @see docs/recording-and-redaction.md
 */
import { bytesFromContent, bytesFromPostData } from './content.ts';
import { bodyText, findSecrets, isRedacted, readBodies, secretValues, type BodyReadings, type EntrySecrets } from './find-secrets.ts';
import type { HarContent, HarEntry, HarNameValue, HarPostData } from './har-types.ts';
import { identitiesInJson, identitiesInText, octetArrays, type IdentityValue } from './identity.ts';
import { createPlaceholderRegistry, type PlaceholderRegistry } from './placeholders.ts';
import { rewriteJsonSecrets, rewriteKnownInJson, rewriteQuerySecrets } from './rewrite-secrets.ts';
import { createSubstituter, type KnownValue, type View } from './substitute.ts';
import { mentionsSecret, takesSecrets } from './secrets.ts';

export interface RedactorOptions {
  /** Also replace serials, MACs, hostnames, IPs and SSIDs. */
  readonly identity: boolean;
  /** HMAC key for stable identity stand-ins across recordings; see placeholders.ts. */
  readonly key?: string;
  /** Number secret stand-ins from here on (appending to a recording that already used 1..n); default 1. */
  readonly firstSecretNumber?: number;
}

export interface Redactor {
  redactEntry(entry: HarEntry): HarEntry;
}

/** The placeholder text of a withheld body. */
export function withheldText(what: 'request' | 'response', bytes: number, reason: string): string {
  return `[battsim: ${what} body of ${bytes} bytes withheld: ${reason}]`;
}

const UNREADABLE = 'it could not be read as JSON or form fields, and it may hold a secret';
const RESIDUAL = 'a secret in it could not be replaced field by field';

export function createRedactor(options: RedactorOptions): Redactor {
  const registry: PlaceholderRegistry = createPlaceholderRegistry({ ...(options.key !== undefined ? { key: options.key } : {}), ...(options.firstSecretNumber !== undefined ? { firstSecretNumber: options.firstSecretNumber } : {}) });
  const substituter = createSubstituter();
  const substitute = (text: string, view: View): string => substituter.substitute(text, view);
  const secretStandIn = (value: string): string => registry.placeholder('secret', value);

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

  /** The body in `stored` form (text or base64) with every known value replaced. */
  const substituteBody = (stored: string, base64: boolean, octets: boolean): string => {
    if (!base64) return substitute(octets ? rewriteOctets(stored) : stored, 'utf8');
    const bytes = Buffer.from(stored, 'base64');
    const { text, utf8 } = bodyText(bytes);
    const view: View = utf8 ? 'utf8' : 'latin1';
    return Buffer.from(substitute(text, view), view).toString('base64');
  };

  /** Registers the values of one entry and carries them into substitution. */
  const learn = (entry: HarEntry, bodies: BodyReadings, found: EntrySecrets): void => {
    const values: KnownValue[] = [];
    for (const value of secretValues(found)) values.push({ category: 'secret', value, replacement: registry.placeholder('secret', value) });
    if (options.identity) values.push(...identitiesOf(entry, bodies, found).map((id) => ({ ...id, replacement: registry.placeholder(id.category, id.value) })));
    substituter.carry(values);
  };

  const identitiesOf = (entry: HarEntry, bodies: BodyReadings, found: EntrySecrets): IdentityValue[] => {
    const identities: IdentityValue[] = [];
    // A Sessy user is the dongle serial (docs/sessy.md §1.2).
    for (const user of found.basicUsers) if (/^[A-Z0-9]{6,12}$/.test(user)) identities.push({ category: 'serial', value: user });
    for (const r of [...bodies.requestReadings, ...bodies.responseReadings]) if (r.kind === 'json') identities.push(...identitiesInJson(r.doc));
    const texts = [entry.request.url, ...entry.request.headers.map((h) => h.value), ...entry.response.headers.map((h) => h.value), entry.serverIPAddress ?? ''];
    if (bodies.request) texts.push(bodies.request.text);
    if (bodies.response) texts.push(bodies.response.text);
    for (const t of texts) identities.push(...identitiesInText(t));
    return identities;
  };

  return {
    redactEntry(entry) {
      const bodies = readBodies(entry);
      const found = findSecrets(entry, bodies);
      learn(entry, bodies, found);
      const { request: req, response: res } = entry;
      const headers = (hs: readonly HarNameValue[]): HarNameValue[] => hs.map((h) => ({ name: h.name, value: substitute(h.value, 'utf8') }));
      let postData: HarPostData | undefined = req.postData && { ...req.postData, text: substituteBody(req.postData.text, req.postData._encoding === 'base64', false) };
      let content: HarContent = res.content.text === undefined ? res.content : { ...res.content, text: substituteBody(res.content.text, res.content.encoding === 'base64', options.identity) };

      // A request body that is not JSON or form fields (or is cut short) cannot be redacted field by field.
      if (postData && req.postData && (bodies.requestReadings.length === 0 || req.postData._truncated)) {
        const pathname = new URL(req.url).pathname;
        if (takesSecrets(req.method.toUpperCase(), pathname) || mentionsSecret(bodies.request?.text ?? '')) postData = withholdRequest(postData, req.bodySize, UNREADABLE);
      }
      // A response cut short, or JSON too deep to read, cannot be searched field by field either.
      const unreadJson = bodies.response !== null && /^\s*[[{]/.test(bodies.response.text) && !bodies.responseReadings.some((r) => r.kind === 'json');
      if (content.text !== undefined && (res.content._truncated || unreadJson) && mentionsSecret(bodies.response?.text ?? '')) content = withholdResponse(content, UNREADABLE);

      // A known secret the text substitution could not see: inside a JSON string, spelt with escapes.
      const known = secretValues(found);
      if (postData && !postData._withheld) {
        const rewritten = rewriteKnownInJson(bytesFromPostData(postData), known, secretStandIn);
        if (rewritten !== null) postData = withText(postData, rewritten);
      }
      if (content.text !== undefined && !content._withheld) {
        const rewritten = rewriteKnownInJson(bytesFromContent(content), known, secretStandIn);
        if (rewritten !== null) content = withContentText(content, rewritten);
      }

      let redacted: HarEntry = {
        ...entry,
        request: { ...req, url: substitute(req.url, 'utf8'), headers: headers(req.headers), ...(postData ? { postData } : {}) },
        response: { ...res, headers: headers(res.headers), redirectURL: substitute(res.redirectURL, 'utf8'), content },
        ...(entry.serverIPAddress !== undefined ? { serverIPAddress: substitute(entry.serverIPAddress, 'utf8') } : {}),
      };
      redacted = proveClean(redacted, secretStandIn);
      return withSizes(redacted);
    },
  };
}

function withholdRequest(postData: HarPostData, bytes: number, reason: string): HarPostData {
  return { ...withText(postData, withheldText('request', bytes, reason)), _withheld: reason };
}

function withholdResponse(content: HarContent, reason: string): HarContent {
  return { ...withContentText(content, withheldText('response', content.size, reason)), _withheld: reason };
}

/** A request body replaced by UTF-8 text (no longer base64). */
function withText(postData: HarPostData, text: string): HarPostData {
  const { _encoding: _base64, ...rest } = postData;
  return { ...rest, text };
}

function withContentText(content: HarContent, text: string): HarContent {
  const { encoding: _base64, ...rest } = content;
  return { ...rest, text };
}

const residual = (xs: readonly string[]): boolean => xs.some((x) => !isRedacted(x));

/** Whether one header, alone, still carries a secret. */
function headerLeaks(entry: HarEntry, header: HarNameValue, side: 'request' | 'response'): boolean {
  const probe: HarEntry = { ...entry, request: { ...entry.request, headers: side === 'request' ? [header] : [] }, response: { ...entry.response, headers: side === 'response' ? [header] : [] } };
  const found = findSecrets(probe);
  return residual(side === 'request' ? found.requestHeaders : found.responseHeaders);
}

/**
 * Searches the redacted entry again. What is still found is rewritten field by field (JSON, query) or
 * replaced whole (a header value, a body), so no secret that find-secrets.ts can see leaves this function.
 */
function proveClean(entry: HarEntry, standIn: (value: string) => string): HarEntry {
  const left = findSecrets(entry);
  let { request: req, response: res } = entry;
  if (residual(left.query)) req = { ...req, url: rewriteQuerySecrets(req.url, standIn) };
  if (residual(left.requestHeaders)) req = { ...req, headers: req.headers.map((h) => (headerLeaks(entry, h, 'request') ? { name: h.name, value: standIn(h.value) } : h)) };
  if (residual(left.responseHeaders)) res = { ...res, headers: res.headers.map((h) => (headerLeaks(entry, h, 'response') ? { name: h.name, value: standIn(h.value) } : h)) };
  if (residual(left.requestBody) && req.postData) {
    const rewritten = rewriteJsonSecrets(bytesFromPostData(req.postData), standIn);
    req = { ...req, postData: rewritten !== null ? withText(req.postData, rewritten) : withholdRequest(req.postData, req.bodySize, RESIDUAL) };
  }
  if (residual(left.responseBody) && res.content.text !== undefined) {
    const rewritten = rewriteJsonSecrets(bytesFromContent(res.content), standIn);
    res = { ...res, content: rewritten !== null ? withContentText(res.content, rewritten) : withholdResponse(res.content, RESIDUAL) };
  }
  const result = { ...entry, request: req, response: res };
  const still = findSecrets(result);
  if (residual(still.requestBody) && result.request.postData && !result.request.postData._withheld) return proveClean({ ...result, request: { ...result.request, postData: withholdRequest(result.request.postData, result.request.bodySize, RESIDUAL) } }, standIn);
  if (residual(still.responseBody) && !result.response.content._withheld) return proveClean({ ...result, response: { ...result.response, content: withholdResponse(result.response.content, RESIDUAL) } }, standIn);
  return result;
}

/** Sizes as the file now holds them (a stand-in can be longer or shorter than what it replaced). */
function withSizes(entry: HarEntry): HarEntry {
  const { request: req, response: res } = entry;
  const postBytes = req.postData ? bytesFromPostData(req.postData).length : 0;
  const contentBytes = res.content.text !== undefined ? bytesFromContent(res.content).length : undefined;
  return {
    ...entry,
    request: {
      ...req,
      queryString: [...new URL(req.url).searchParams].map(([name, value]) => ({ name, value })),
      ...(req.postData && !req.postData._truncated && !req.postData._withheld ? { bodySize: postBytes } : {}),
    },
    response: {
      ...res,
      content: { ...res.content, ...(contentBytes !== undefined && !res.content._truncated && !res.content._withheld ? { size: contentBytes } : {}) },
      ...(contentBytes !== undefined && res.bodySize >= 0 && !res.content._truncated && !res.content._withheld ? { bodySize: contentBytes } : {}),
    },
  };
}
