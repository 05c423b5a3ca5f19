/** Turns a drawn request into the bytes on the wire, with the planted credentials where the case asks for them. */
import type { AuthKind, BodyKind, FuzzCase, RequestSpec } from './cases.ts';

export interface WireCredentials {
  readonly user: string;
  readonly password: string;
}

export function bodyBytes(body: BodyKind): Buffer {
  switch (body.kind) {
    case 'none':
      return Buffer.alloc(0);
    case 'text':
      return Buffer.from(body.text, 'utf8');
    case 'repeat':
      return Buffer.from(body.char.repeat(body.count), 'utf8');
    case 'nested':
      return Buffer.from(body.open.repeat(body.depth), 'utf8');
    case 'bytes':
      return Buffer.from(body.bytes);
  }
}

function authHeader(kind: AuthKind, c: WireCredentials): string | undefined {
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  switch (kind) {
    case 'none':
      return undefined;
    case 'valid':
      return `Basic ${b64(`${c.user}:${c.password}`)}`;
    case 'valid-lowercase-scheme':
      return `basic ${b64(`${c.user}:${c.password}`)}`;
    case 'wrong-password':
      return `Basic ${b64(`${c.user}:wrong`)}`;
    case 'bad-base64':
      return 'Basic !!!not*base64***';
    case 'no-colon':
      return `Basic ${b64(c.user)}`;
    case 'huge':
      return `Basic ${'A'.repeat(12_000)}`;
    case 'bearer':
      return 'Bearer abc.def';
    case 'empty-basic':
      return 'Basic ';
  }
}

function oneRequest(spec: RequestSpec, c: WireCredentials, last: boolean): Buffer {
  const body = bodyBytes(spec.body);
  const lines = [`${spec.method} ${spec.path} HTTP/1.1`, 'Host: 127.0.0.1'];
  const auth = authHeader(spec.auth, c);
  if (auth !== undefined) lines.push(`Authorization: ${auth}`);
  if (spec.contentType !== undefined) lines.push(`Content-Type: ${spec.contentType}`);
  let payload = body;
  switch (spec.framing) {
    case 'exact':
      if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
      break;
    case 'none':
      break;
    case 'chunked':
      lines.push('Transfer-Encoding: chunked');
      payload = Buffer.concat([Buffer.from(body.length > 0 ? `${body.length.toString(16)}\r\n` : ''), body, Buffer.from(body.length > 0 ? '\r\n0\r\n\r\n' : '0\r\n\r\n')]);
      break;
    case 'shorter':
      lines.push(`Content-Length: ${Math.floor(body.length / 2)}`);
      break;
    case 'longer':
      lines.push(`Content-Length: ${body.length + 10}`);
      break;
    case 'invalid':
      lines.push('Content-Length: 12abc');
      break;
    case 'duplicate':
      lines.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
      break;
  }
  for (const [name, value] of spec.extraHeaders) lines.push(`${name}: ${value}`);
  if (last) lines.push('Connection: close');
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), payload]);
}

export function caseBytes(fuzzCase: FuzzCase, c: WireCredentials): Buffer {
  const parts = fuzzCase.requests.map((r, i) => oneRequest(r, c, i === fuzzCase.requests.length - 1 && fuzzCase.tail === 'none'));
  if (fuzzCase.tail === 'garbage') parts.push(Buffer.from('\u0001GARBAGE / HTTP/9.9\r\n\r\n', 'latin1'));
  if (fuzzCase.tail === 'stall-head') parts.push(Buffer.from('GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ', 'latin1'));
  return Buffer.concat(parts);
}
