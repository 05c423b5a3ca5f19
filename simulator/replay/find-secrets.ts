/**
 * Where the secrets of one HAR entry are, per place (headers, query, bodies), whatever encoding carried them.
 * Pure. The redactor calls it twice: once to learn what to replace, once on its own output to prove that
 * nothing is left (docs/recording-and-redaction.md).
 */
import { structuredReadings, type ParsedBody } from './body-fields.ts';
import { bytesFromContent, bytesFromPostData } from './content.ts';
import type { HarEntry, HarNameValue } from './har-types.ts';
import { isSecretHeader } from '../core/secret-names.ts';
import { decodedComponent } from './rewrite-secrets.ts';
import { basicCredentials, secretsInCommand, secretsInConsoleOutput, secretsInEcho, secretsInForm, secretsInJson } from './secrets.ts';

/** A body as text: UTF-8 when its bytes are UTF-8, else Latin-1 (one character per byte, so nothing is lost). */
export interface BodyText {
  readonly text: string;
  readonly utf8: boolean;
}

export function bodyText(bytes: Buffer): BodyText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), utf8: true };
  } catch {
    return { text: bytes.toString('latin1'), utf8: false };
  }
}

export interface EntrySecrets {
  readonly requestHeaders: string[];
  readonly responseHeaders: string[];
  readonly query: string[];
  readonly requestBody: string[];
  readonly responseBody: string[];
  /** The Basic user names seen (a Sessy user is the dongle serial, docs/sessy.md §1.2): identities, not secrets. */
  readonly basicUsers: string[];
}

/** Every secret value of one entry, wherever it was found. */
export const secretValues = (found: EntrySecrets): string[] => [...found.requestHeaders, ...found.responseHeaders, ...found.query, ...found.requestBody, ...found.responseBody];

const PLACEHOLDER = /REDACTED-SECRET-\d+/g;
/** Whether a found value is nothing but stand-ins already. */
export const isRedacted = (value: string): boolean => value.replace(PLACEHOLDER, '').trim() === '';

function secretsInHeaders(headers: readonly HarNameValue[], users: string[]): string[] {
  const out: string[] = [];
  for (const h of headers) {
    const lower = h.name.toLowerCase();
    if (lower === 'referer' || lower === 'location' || lower === 'content-location') {
      try {
        out.push(...secretsInForm(new URL(h.value, 'http://x/').searchParams));
      } catch {
        // Not a URL: nothing to find by name.
      }
      continue;
    }
    if (!isSecretHeader(h.name)) continue;
    if (lower === 'cookie' || lower === 'set-cookie') {
      const pairs = lower === 'cookie' ? h.value.split(';') : [h.value.split(';')[0] ?? ''];
      for (const pair of pairs) {
        const eq = pair.indexOf('=');
        out.push((eq < 0 ? pair : pair.slice(eq + 1)).trim());
      }
      continue;
    }
    // Authorization keeps its scheme (`Basic`, `Bearer`); any other credential header is a secret whole.
    const credentials = lower.endsWith('authorization') ? h.value.replace(/^\s*[A-Za-z][\w-]*\s+(?=\S)/, '') : h.value;
    if (isRedacted(credentials)) continue;
    const basic = basicCredentials(h.value);
    if (basic) {
      out.push(basic.token, basic.password);
      users.push(basic.user);
    }
    out.push(credentials.trim());
  }
  return out;
}

function secretsInReading(body: ParsedBody): string[] {
  if (body.kind === 'json') return secretsInJson(body.doc);
  if (body.kind === 'form') return secretsInForm(body.params);
  return [];
}

/** The console command a request carried, in whatever encoding. */
function commandOf(readings: readonly ParsedBody[]): string | null {
  for (const r of readings) {
    if (r.kind === 'form' && r.params.get('cmd') !== null) return r.params.get('cmd');
    if (r.kind === 'json' && r.doc !== null && typeof r.doc === 'object' && typeof (r.doc as { cmd?: unknown }).cmd === 'string') return (r.doc as { cmd: string }).cmd;
  }
  return null;
}

export interface BodyReadings {
  readonly request: BodyText | null;
  readonly requestReadings: readonly ParsedBody[];
  readonly response: BodyText | null;
  readonly responseReadings: readonly ParsedBody[];
}

export function readBodies(entry: HarEntry): BodyReadings {
  const req = entry.request.postData ? bodyText(bytesFromPostData(entry.request.postData)) : null;
  const res = entry.response.content.text !== undefined ? bodyText(bytesFromContent(entry.response.content)) : null;
  return {
    request: req,
    requestReadings: req ? structuredReadings(req.text, entry.request.postData?.mimeType ?? '') : [],
    response: res,
    responseReadings: res ? structuredReadings(res.text, entry.response.content.mimeType) : [],
  };
}

export function findSecrets(entry: HarEntry, bodies: BodyReadings = readBodies(entry)): EntrySecrets {
  const basicUsers: string[] = [];
  const requestHeaders = secretsInHeaders(entry.request.headers, basicUsers);
  const responseHeaders = secretsInHeaders(entry.response.headers, basicUsers);
  let query: string[] = [];
  try {
    const url = new URL(entry.request.url);
    query = secretsInForm(url.searchParams);
    // A password in the URL's user information (http://user:password@host/): as written, and decoded.
    if (url.password !== '') query.push(url.password, decodedComponent(url.password));
  } catch {
    query = [];
  }
  const requestBody = bodies.requestReadings.flatMap(secretsInReading);
  const command = commandOf(bodies.requestReadings);
  if (command !== null) requestBody.push(...secretsInCommand(command));
  const responseBody = bodies.responseReadings.flatMap(secretsInReading);
  if (bodies.response) {
    responseBody.push(...secretsInEcho(bodies.response.text));
    if (!bodies.responseReadings.some((r) => r.kind === 'json')) responseBody.push(...secretsInConsoleOutput(command, bodies.response.text));
  }
  const clean = (xs: string[]): string[] => [...new Set(xs.filter((x) => x !== ''))];
  return {
    requestHeaders: clean(requestHeaders),
    responseHeaders: clean(responseHeaders),
    query: clean(query),
    requestBody: clean(requestBody),
    responseBody: clean(responseBody),
    basicUsers,
  };
}
