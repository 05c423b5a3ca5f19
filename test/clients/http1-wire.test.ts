/** HTTP/1.1 on the wire without sockets: requests serialised as fetch sends them, answers parsed from any split of reads. */
import { describe, expect, it } from 'vitest';
import { headerBlockOf, NO_HEADERS, normaliseMethod, serializeRequest } from '../../clients/shared/http1-request.ts';
import { ResponseHeaders, WireError, type WireErrorCode } from '../../clients/shared/http1-fields.ts';
import { MAX_HEAD_BYTES, ResponseParser } from '../../clients/shared/http1-response.ts';

const text = (payload: string | Buffer): string => (typeof payload === 'string' ? payload : payload.toString('latin1'));
const request = (method: string, body?: RequestInit['body'], headers?: RequestInit['headers']): string =>
  text(serializeRequest(method, '/p?q=1', '127.0.0.1:8080', headerBlockOf(headers), body));

describe('serializeRequest', () => {
  it('writes a GET as fetch does: request line, host, keep-alive, the caller’s headers, a blank line', () => {
    expect(request('GET', undefined, { Authorization: 'Basic eA==' })).toBe(
      'GET /p?q=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nconnection: keep-alive\r\nauthorization: Basic eA==\r\n\r\n',
    );
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('announces an empty %s body with content-length: 0, as undici does', (method) => {
    expect(request(method)).toBe(`${method} /p?q=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nconnection: keep-alive\r\ncontent-length: 0\r\n\r\n`);
  });

  it.each([
    ['a string, as UTF-8 with text/plain by default', 'ä€', 'ä€', 'text/plain;charset=UTF-8'],
    ['a Uint8Array', new Uint8Array([104, 105]), 'hi', null],
    ['a Buffer', Buffer.from('hi'), 'hi', null],
    ['an ArrayBuffer', new Uint8Array([104, 105]).buffer, 'hi', null],
    ['a DataView over part of a buffer', new DataView(new Uint8Array([0, 104, 105, 0]).buffer, 1, 2), 'hi', null],
    ['URLSearchParams, as a form by default', new URLSearchParams({ a: '1 2', b: 'ä' }), 'a=1+2&b=%C3%A4', 'application/x-www-form-urlencoded;charset=UTF-8'],
  ] as const)('sends %s with its byte length, head and body in one buffer', (_kind, body, expected, contentType) => {
    const payload = serializeRequest('POST', '/p', 'h', NO_HEADERS, body as RequestInit['body']);
    expect(Buffer.isBuffer(payload)).toBe(true);
    const [head, sent] = (payload as Buffer).toString('utf8').split('\r\n\r\n') as [string, string];
    expect(sent).toBe(expected);
    expect(head).toContain(`\r\ncontent-length: ${Buffer.byteLength(expected)}`);
    if (contentType) expect(head).toContain(`\r\ncontent-type: ${contentType}`);
    else expect(head).not.toContain('content-type');
  });

  it('keeps the caller’s content-type instead of the default one', () => {
    const sent = request('POST', new URLSearchParams({ a: '1' }), { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(sent.match(/content-type/g)).toHaveLength(1);
    expect(sent).toContain('content-type: application/x-www-form-urlencoded\r\n');
  });

  it('rejects a body on GET and HEAD, and a body it cannot send', () => {
    expect(() => serializeRequest('GET', '/', 'h', NO_HEADERS, 'x')).toThrow(TypeError);
    expect(() => serializeRequest('HEAD', '/', 'h', NO_HEADERS, 'x')).toThrow(TypeError);
    expect(() => serializeRequest('POST', '/', 'h', NO_HEADERS, new Blob(['x']))).toThrow(/sends string, URLSearchParams/);
  });
});

describe('headerBlockOf', () => {
  it('reads a plain object, a Headers and name/value pairs alike, names lower-cased', () => {
    const lines = 'x-one: 1\r\nx-two: two words\r\n';
    expect(headerBlockOf({ 'X-One': '1', 'x-two': ' two words\t' }).lines).toBe(lines);
    expect(headerBlockOf(new Headers({ 'X-One': '1', 'x-two': 'two words' })).lines).toBe(lines);
    expect(headerBlockOf([['X-One', '1'], ['x-two', 'two words']]).lines).toBe(lines);
  });

  it('lets the caller’s host and connection replace the defaults, and drops a framing header the transport writes itself', () => {
    const sent = request('POST', 'body', { Host: 'device.local', Connection: 'close', 'Content-Length': '99', 'Transfer-Encoding': 'chunked' });
    expect(sent).toBe('POST /p?q=1 HTTP/1.1\r\nhost: device.local\r\nconnection: close\r\ncontent-type: text/plain;charset=UTF-8\r\ncontent-length: 4\r\n\r\nbody');
    expect(headerBlockOf({ connection: 'Upgrade, Close' }).closes).toBe(true);
    expect(headerBlockOf({ connection: 'keep-alive' }).closes).toBe(false);
  });

  it.each([
    ['a value with CR LF (header injection)', { 'x-a': 'v\r\nx-evil: 1' }],
    ['a value with a bare LF', { 'x-a': 'v\nx-evil: 1' }],
    ['a value with NUL', { 'x-a': 'v\0' }],
    ['a value beyond latin1', { 'x-a': 'v€' }],
    ['a name with a space', { 'x a': 'v' }],
    ['a name with a colon', { 'x:a': 'v' }],
    ['an empty name', { '': 'v' }],
    ['a name beyond ASCII', { 'x-ä': 'v' }],
    ['a pair of three', [['x-a', 'v', 'w']]],
  ])('rejects %s with a TypeError', (_case, headers) => {
    expect(() => headerBlockOf(headers as RequestInit['headers'])).toThrow(TypeError);
  });
});

describe('normaliseMethod', () => {
  it('upper-cases the methods fetch normalises, leaves others, and refuses forbidden ones', () => {
    expect(['get', 'post', 'delete', 'Head', 'options', 'put', 'patch', 'PROPFIND'].map(normaliseMethod)).toEqual(['GET', 'POST', 'DELETE', 'HEAD', 'OPTIONS', 'PUT', 'patch', 'PROPFIND']);
    expect(normaliseMethod(undefined)).toBe('GET');
    expect(() => normaliseMethod('CONNECT')).toThrow(TypeError);
    expect(() => normaliseMethod('GET /x')).toThrow(TypeError);
  });
});

/** Feeds the parts in order; the parser's state after the part that completed the answer. */
function parse(parts: readonly Buffer[], isHead = false) {
  const parser = new ResponseParser();
  parser.expect(isHead);
  let complete = false;
  for (const part of parts) {
    expect(complete, 'no bytes after the complete answer').toBe(false);
    complete = parser.feed(part);
  }
  return { complete, status: parser.status, versionMinor: parser.versionMinor, body: parser.body.toString('latin1'), reusable: parser.reusable, parser };
}

/** Every way to cut the wire in two, and byte by byte. */
function splits(wire: string): Buffer[][] {
  const bytes = Buffer.from(wire, 'latin1');
  const out: Buffer[][] = [];
  for (let i = 1; i < bytes.length; i++) out.push([bytes.subarray(0, i), bytes.subarray(i)]);
  out.push([...bytes].map((b) => Buffer.from([b])));
  return out;
}

const ANSWERS = {
  'content-length': ['HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"a":"\r\n"}', '{"a":"\r\n"}'],
  'chunked with extensions and trailers': ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value;x\r\nhello\r\nA ; ext\r\n, wire!!\r\n\r\n0\r\nX-Trailer: yes\r\nX-Other: 1\r\n\r\n', 'hello, wire!!\r\n'],
  'chunked with upper-case hex and no extensions': ['HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n', 'abcdefghijklmnopqrstuvwxyz'],
  '100 Continue before the answer': ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\nX: y\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok', 'ok'],
  'a head with bare LF line ends': ['HTTP/1.1 200 OK\nContent-Length: 4\n\n\r\n\r\n', '\r\n\r\n'],
} as const;

describe('ResponseParser', () => {
  it.each(Object.entries(ANSWERS))('reads %s from any split of reads', (_kind, [wire, body]) => {
    const whole = parse([Buffer.from(wire, 'latin1')]);
    expect(whole).toMatchObject({ complete: true, body, reusable: true });
    for (const parts of splits(wire)) expect(parse(parts)).toMatchObject({ complete: true, status: whole.status, body, reusable: true });
  });

  it('parses the status line: version, status, an empty reason', () => {
    expect(parse([Buffer.from('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n')])).toMatchObject({ status: 404, versionMinor: 1, body: '' });
    expect(parse([Buffer.from('HTTP/1.1 200\r\ncontent-length: 1\r\n\r\nx')])).toMatchObject({ status: 200, body: 'x' });
    expect(parse([Buffer.from('HTTP/1.1 200 \r\ncontent-length: 1\r\n\r\nx')])).toMatchObject({ status: 200, body: 'x' });
  });

  it('reads a body delimited by the close: complete only at the end of the stream, and not reusable', () => {
    const { complete, parser } = parse([Buffer.from('HTTP/1.1 200 OK\r\n\r\npart one, '), Buffer.from('part two')]);
    expect(complete).toBe(false);
    expect(parser.headComplete).toBe(true);
    expect(parser.finish()).toBe(true);
    expect([parser.body.toString(), parser.reusable]).toEqual(['part one, part two', false]);
  });

  it.each([
    ['a 204', 'HTTP/1.1 204 No Content\r\ncontent-length: 5\r\n\r\n', false],
    ['a 304', 'HTTP/1.1 304 Not Modified\r\ncontent-length: 5\r\n\r\n', false],
    ['the answer to HEAD', 'HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n', true],
    ['a chunked answer to HEAD', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n', true],
  ])('reads %s without a body, whatever its headers announce', (_kind, wire, isHead) => {
    expect(parse([Buffer.from(wire)], isHead)).toMatchObject({ complete: true, body: '', reusable: true });
  });

  it.each([
    ['HTTP/1.1', '', true],
    ['HTTP/1.1 with connection: close', 'Connection: close\r\n', false],
    ['HTTP/1.1 with connection: Keep-Alive, Close', 'Connection: Keep-Alive, Close\r\n', false],
    ['HTTP/1.0', '', false],
    ['HTTP/1.0 with connection: keep-alive', 'Connection: Keep-Alive\r\n', true],
  ])('keeps the connection for %s: %s → reusable %s', (kind, header, reusable) => {
    const version = kind.slice(0, 8);
    expect(parse([Buffer.from(`${version} 200 OK\r\n${header}Content-Length: 2\r\n\r\nok`)])).toMatchObject({ complete: true, body: 'ok', reusable });
  });

  it('does not reuse a connection that sent bytes after the answer, nor one that sent both transfer-encoding and content-length', () => {
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n')])).toMatchObject({ body: 'ok', reusable: false });
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n')])).toMatchObject({ body: 'ok', reusable: false });
  });

  it('accepts a content-length repeated with the same value', () => {
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 2, 2\r\n\r\nok')])).toMatchObject({ body: 'ok', reusable: true });
  });

  it('reads a second answer after expect(), and a large body from many reads joined once', () => {
    const parser = new ResponseParser();
    parser.expect(false);
    expect(parser.feed(Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 1\r\n\r\na'))).toBe(true);
    parser.expect(false);
    const size = 1 << 20;
    expect(parser.feed(Buffer.from(`HTTP/1.1 200 OK\r\ncontent-length: ${size}\r\n\r\n`))).toBe(false);
    for (let i = 0; i < size / 4096 - 1; i++) expect(parser.feed(Buffer.alloc(4096, 'x'))).toBe(false);
    expect(parser.feed(Buffer.alloc(4096, 'y'))).toBe(true);
    expect([parser.body.length, parser.body.at(-1), parser.started]).toEqual([size, 'y'.charCodeAt(0), true]);
  });

  const longHead = `HTTP/1.1 200 OK\r\nx-pad: ${'x'.repeat(MAX_HEAD_BYTES)}\r\n\r\n`;
  it.each<[string, string[], WireErrorCode, RegExp]>([
    ['a status line that is not HTTP', ['SSH-2.0-dropbear\r\n\r\n'], 'HPE_INVALID_CONSTANT', /"SSH-2.0-dropbear" does not start with HTTP/],
    ['HTTP/2', ['HTTP/2 200 OK\r\n\r\n'], 'HPE_INVALID_VERSION', /not HTTP\/1.x/],
    ['a two-digit status', ['HTTP/1.1 20 OK\r\n\r\n'], 'HPE_INVALID_STATUS', /three-digit status/],
    ['a status run into its reason', ['HTTP/1.1 200OK\r\n\r\n'], 'HPE_INVALID_STATUS', /three-digit status/],
    ['a header line without a colon', ['HTTP/1.1 200 OK\r\nno colon here\r\n\r\n'], 'HPE_INVALID_HEADER_TOKEN', /"no colon here" is not name: value/],
    ['a space before the colon', ['HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok'], 'HPE_INVALID_HEADER_TOKEN', /not name: value/],
    ['a folded content-length', ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n 3\r\n\r\nok'], 'HPE_INVALID_HEADER_TOKEN', /folded/],
    ['a content-length that is not a number', ['HTTP/1.1 200 OK\r\nContent-Length: 2x\r\n\r\nok'], 'HPE_INVALID_CONTENT_LENGTH', /"2x" is not a byte count/],
    ['a negative content-length', ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'], 'HPE_INVALID_CONTENT_LENGTH', /"-1"/],
    ['two different content-lengths', ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok'], 'HPE_UNEXPECTED_CONTENT_LENGTH', /2 and 3/],
    ['a list of different content-lengths', ['HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok'], 'HPE_UNEXPECTED_CONTENT_LENGTH', /different values/],
    ['a transfer-coding it cannot decode', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n'], 'HPE_INVALID_TRANSFER_ENCODING', /"gzip, chunked"/],
    ['a chunk size that is not hex', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'], 'HPE_INVALID_CHUNK_SIZE', /0x7a where a hex digit/],
    ['a chunk longer than its size', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokay\r\n0\r\n\r\n'], 'HPE_INVALID_CHUNK_SIZE', /longer than its size/],
    ['a head over 64 KiB in one read', [longHead], 'HPE_HEADER_OVERFLOW', /longer than 65536 bytes/],
    ['a head over 64 KiB over many reads', longHead.match(/[\s\S]{1,1000}/g)!, 'HPE_HEADER_OVERFLOW', /longer than 65536 bytes/],
  ])('fails on %s with %s, naming what was wrong', (_case, parts, code, message) => {
    let error: unknown;
    try {
      parse(parts.map((part) => Buffer.from(part, 'latin1')));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WireError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  });
});

describe('ResponseHeaders', () => {
  it('finds a header case-insensitively, joins repeats with a comma, unfolds obs-fold, and answers null when absent', () => {
    const raw = 'HTTP/1.1 200 OK\r\nContent-Type:  text/plain \r\nSet-Thing: a\r\nset-thing: b\r\nX-Folded: one\r\n\ttwo\r\nX-Empty:';
    const headers = new ResponseHeaders(raw, raw.indexOf('\n') + 1);
    expect(headers.get('content-type')).toBe('text/plain');
    expect(headers.get('SET-THING')).toBe('a, b');
    expect(headers.get('x-folded')).toBe('one two');
    expect(headers.get('x-empty')).toBe('');
    expect(headers.get('x-missing')).toBeNull();
  });
});
