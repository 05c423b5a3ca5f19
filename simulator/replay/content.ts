/**
 * Bodies between bytes and HAR text: UTF-8 text where the media type is textual and the bytes decode cleanly,
 * base64 otherwise, so a replay can give back exactly the bytes that were recorded.
 */
import type { HarContent, HarNameValue, HarPostData } from './har-types.ts';

const TEXTUAL = /^(text\/|application\/(json|[\w.+-]*\+json|x-www-form-urlencoded|xml|[\w.+-]*\+xml|javascript|yaml|x-yaml))/i;

/** The value of the first header called `name` (case-insensitive), or undefined. */
export function headerValue(headers: readonly HarNameValue[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** Flat `rawHeaders` of Node ([name, value, name, value …]) as HAR pairs, case and order kept. */
export function pairsFromRaw(rawHeaders: readonly string[]): HarNameValue[] {
  const pairs: HarNameValue[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push({ name: rawHeaders[i] ?? '', value: rawHeaders[i + 1] ?? '' });
  return pairs;
}

/** Text when the bytes are textual UTF-8 (and not content-encoded), else undefined. */
function asText(body: Uint8Array, mimeType: string, contentEncoding: string | undefined): string | undefined {
  if (contentEncoding !== undefined && contentEncoding.toLowerCase() !== 'identity') return undefined;
  if (body.length > 0 && mimeType !== '' && !TEXTUAL.test(mimeType)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return undefined;
  }
}

export function contentFromBytes(body: Uint8Array, headers: readonly HarNameValue[]): HarContent {
  const mimeType = headerValue(headers, 'content-type') ?? '';
  const text = asText(body, mimeType, headerValue(headers, 'content-encoding'));
  if (text !== undefined) return { size: body.length, mimeType, text };
  return { size: body.length, mimeType, text: Buffer.from(body).toString('base64'), encoding: 'base64' };
}

export function postDataFromBytes(body: Uint8Array, headers: readonly HarNameValue[]): HarPostData | undefined {
  if (body.length === 0) return undefined;
  const mimeType = headerValue(headers, 'content-type') ?? '';
  const text = asText(body, mimeType, headerValue(headers, 'content-encoding'));
  if (text !== undefined) return { mimeType, text };
  return { mimeType, text: Buffer.from(body).toString('base64'), _encoding: 'base64' };
}

/** The recorded bytes of a response body. */
export function bytesFromContent(content: HarContent): Buffer {
  if (content.text === undefined) return Buffer.alloc(0);
  return Buffer.from(content.text, content.encoding === 'base64' ? 'base64' : 'utf8');
}

/** The recorded bytes of a request body. */
export function bytesFromPostData(postData: HarPostData | undefined): Buffer {
  if (postData === undefined) return Buffer.alloc(0);
  return Buffer.from(postData.text, postData._encoding === 'base64' ? 'base64' : 'utf8');
}

/** Bytes of a header block: the start line, `Name: value` CRLF lines and the blank line. */
export function headerBlockSize(startLine: string, headers: readonly HarNameValue[]): number {
  let size = Buffer.byteLength(startLine) + 2 + 2;
  for (const h of headers) size += Buffer.byteLength(h.name) + 2 + Buffer.byteLength(h.value) + 2;
  return size;
}
