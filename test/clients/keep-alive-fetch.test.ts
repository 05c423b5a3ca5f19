/**
 * The keep-alive fetch (undici's connection pool under a fetch-shaped function) against a scripted raw server
 * (every byte on the wire chosen by the test) and against the Sessy emulator, where it must behave as the global
 * fetch does for the clients, faults included.
 */
import { spawn } from 'node:child_process';
import { getEventListeners, once } from 'node:events';
import net, { type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSessyClient, type SessyClientError } from '../../clients/sessy/index.ts';
import { createKeepAliveFetch, type KeepAliveFetch, type KeepAliveFetchOptions } from '../../clients/shared/keep-alive-fetch.ts';
import type { SessyDevice } from '../../simulator/devices/sessy/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

/** A request as the scripted server read it. */
interface SeenRequest {
  readonly method: string;
  readonly target: string;
  readonly head: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
  readonly socket: Socket;
  /** 1 for the server's first connection, 2 for the second, … */
  readonly connection: number;
}

type Script = (request: SeenRequest) => void;

interface ScriptedServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  readonly sockets: Socket[];
  /** Resolves with the next request the server reads. */
  nextRequest(): Promise<SeenRequest>;
  close(): Promise<void>;
}

/** A raw TCP server that reads HTTP/1.1 requests (content-length bodies) and lets the script write anything back. */
async function startScript(script: Script, host = '127.0.0.1'): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  const sockets: Socket[] = [];
  let waiting: ((request: SeenRequest) => void)[] = [];
  const server = net.createServer((socket) => {
    const connection = sockets.push(socket);
    let buffered = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffered.toString('latin1', 0, end);
        const lines = head.split('\r\n');
        const headers = new Map(lines.slice(1).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()] as const));
        const length = Number(headers.get('content-length') ?? 0);
        if (buffered.length < end + 4 + length) return;
        const [method = '', target = ''] = lines[0]!.split(' ');
        const request = { method, target, head, headers, body: buffered.subarray(end + 4, end + 4 + length), socket, connection };
        buffered = buffered.subarray(end + 4 + length);
        requests.push(request);
        const resolvers = waiting;
        waiting = [];
        for (const resolve of resolvers) resolve(request);
        script(request);
      }
    });
  });
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    requests,
    sockets,
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A whole answer with a content-length. */
const answer = (body = 'ok', headers = '', statusLine = 'HTTP/1.1 200 OK'): string => `${statusLine}\r\n${headers}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const answerOk: Script = (request) => request.socket.write(answer(`${request.method} ${request.target}`));

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(script: Script, options?: KeepAliveFetchOptions, host?: string): Promise<{ server: ScriptedServer; fetchFn: KeepAliveFetch }> {
  const server = await startScript(script, host);
  const fetchFn = createKeepAliveFetch(options);
  cleanups.push(() => server.close(), () => fetchFn.close());
  return { server, fetchFn };
}

/** The rejection of a promise that must reject. */
async function rejection(promise: Promise<unknown>): Promise<Error & { cause?: Error & { code?: string } }> {
  return promise.then(
    () => expect.unreachable('the request succeeded'),
    (error: Error & { cause?: Error & { code?: string } }) => error,
  );
}

describe('createKeepAliveFetch: answers', () => {
  it('asks many requests over one connection, sending host and keep-alive and reading status, headers and body', async () => {
    const { server, fetchFn } = await setUp((request) => request.socket.write(answer(request.target, 'Content-Type: text/plain\r\nX-Rep: a\r\nx-rep: b\r\n', 'HTTP/1.1 201 Created')));
    for (let i = 0; i < 20; i++) {
      const response = await fetchFn(`${server.url}/n/${i}`, {});
      expect([response.status, response.ok, await response.text()]).toEqual([201, true, `/n/${i}`]);
      expect([response.headers.get('CONTENT-TYPE'), response.headers.get('x-rep'), response.headers.get('x-none')]).toEqual(['text/plain', 'a, b', null]);
    }
    expect(server.sockets).toHaveLength(1);
    expect(server.requests[0]!.head).toBe(`GET /n/0 HTTP/1.1\r\nhost: ${server.url.slice(7)}\r\nconnection: keep-alive`);
  });

  it('reads the body as text, JSON and bytes, and rejects JSON that is not', async () => {
    const { server, fetchFn } = await setUp((request) => request.socket.write(answer(request.target === '/bad' ? '{"a":' : '\ufeff{"a":"ä"}', '', 'HTTP/1.1 404 Not Found')));
    const response = await fetchFn(`${server.url}/good`, {});
    expect([response.status, response.ok]).toEqual([404, false]);
    expect(await response.json()).toEqual({ a: 'ä' });
    expect(await response.text()).toBe('{"a":"ä"}');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from('\ufeff{"a":"ä"}'));
    await expect((await fetchFn(`${server.url}/bad`, {})).json()).rejects.toThrow(SyntaxError);
  });

  it('reads a chunked answer written in pieces, with extensions and trailers', async () => {
    const pieces = ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r', '\nwire\r\n', '1', '\r\n!\r\n0\r\nX-Sum: 1\r\n', '\r\n'];
    const { server, fetchFn } = await setUp(async (request) => {
      for (const piece of pieces) {
        request.socket.write(piece);
        await new Promise(setImmediate);
      }
    });
    expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('wire!');
    expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('wire!');
    expect(server.sockets).toHaveLength(1);
  });

  it('reads a body delimited by the close, then opens a new connection', async () => {
    const { server, fetchFn } = await setUp((request) => request.socket.end(`HTTP/1.1 200 OK\r\n\r\nuntil the end ${request.connection}`));
    expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('until the end 1');
    expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('until the end 2');
  });

  // A 304 here carries no content-length: undici 6 waits for the body a 304 announcing one never sends (RFC 9112
  // §6.3 says it has none). The clients send no conditional requests, so no device answers them 304. undici closes
  // the connection after a HEAD on purpose (servers that send a body anyway), so HEAD comes last.
  it('reads 204, 304 and the answer to HEAD without a body, and the next answer on the same connection', async () => {
    const { server, fetchFn } = await setUp((request) => {
      if (request.method === 'HEAD') request.socket.write('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n');
      else if (request.target === '/204') request.socket.write('HTTP/1.1 204 No Content\r\n\r\n');
      else if (request.target === '/304') request.socket.write('HTTP/1.1 304 Not Modified\r\n\r\n');
      else answerOk(request);
    });
    expect([(await fetchFn(`${server.url}/204`, {})).status, (await fetchFn(`${server.url}/304`, {})).status]).toEqual([204, 304]);
    expect(await (await fetchFn(`${server.url}/after`, {})).text()).toBe('GET /after');
    const head = await fetchFn(`${server.url}/`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '5', '']);
    expect(server.sockets).toHaveLength(1);
  });

  it('rejects a 100 Continue nobody asked for (no expect: 100-continue was sent), as the global fetch does', async () => {
    const { server, fetchFn } = await setUp((request) => request.socket.write(`HTTP/1.1 100 Continue\r\n\r\n${answer('after continue')}`));
    const error = await rejection(fetchFn(`${server.url}/`, { method: 'POST', body: 'x' }));
    const viaFetch = await rejection(fetch(`${server.url}/`, { method: 'POST', body: 'x' }));
    expect([error.message, error.cause?.code]).toEqual([viaFetch.message, viaFetch.cause?.code]);
    expect([error.message, error.cause?.code]).toEqual(['fetch failed', 'UND_ERR_SOCKET']);
  });

  it('keeps an HTTP/1.0 connection only when the answer says keep-alive', async () => {
    const { server, fetchFn } = await setUp((request) => request.socket.write(answer('old', request.target === '/ka' ? 'Connection: keep-alive\r\n' : '', 'HTTP/1.0 200 OK')));
    for (const path of ['/plain', '/ka', '/plain', '/plain']) expect(await (await fetchFn(`${server.url}${path}`, {})).text()).toBe('old');
    expect(server.requests.map((r) => r.connection)).toEqual([1, 2, 2, 3]);
  });

  it('opens a new connection after an answer with connection: close', async () => {
    const { server, fetchFn } = await setUp((request) => request.socket.write(answer('bye', 'Connection: close\r\n')));
    for (let i = 0; i < 3; i++) expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('bye');
    expect(server.requests.map((r) => r.connection)).toEqual([1, 2, 3]);
  });

  it('drops a connection the server closed while it was idle, and asks the next request on a new one', async () => {
    const { server, fetchFn } = await setUp((request) => request.socket.end(answer()));
    expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('ok');
    await once(server.sockets[0]!, 'close'); // closes once the client has answered the server's FIN
    expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('ok');
    expect(server.sockets).toHaveLength(2);
  });

  it('fails a request whose kept-alive connection dies before answering, as fetch does, and asks the next on a new one', async () => {
    // The second request on the first connection is dropped unanswered, as by a server that timed the socket out just then.
    const { server, fetchFn } = await setUp((request) => {
      if (request.connection === 1 && server.requests.length === 2) request.socket.destroy();
      else answerOk(request);
    });
    expect(await (await fetchFn(`${server.url}/one`, {})).text()).toBe('GET /one');
    const error = await rejection(fetchFn(`${server.url}/two`, {}));
    expect([error.message, ['ECONNRESET', 'UND_ERR_SOCKET'].includes(error.cause?.code ?? '')]).toEqual(['fetch failed', true]);
    expect(await (await fetchFn(`${server.url}/three`, {})).text()).toBe('GET /three');
    expect(server.requests.map((r) => [r.target, r.connection])).toEqual([['/one', 1], ['/two', 1], ['/three', 2]]);
  });

  it('drops a connection that sends bytes nobody asked for, after an answer or while idle', async () => {
    const { server, fetchFn } = await setUp((request) => {
      if (request.connection === 1) request.socket.write(`${answer()}HTTP/1.1 200 OK\r\n`);
      else {
        answerOk(request);
        setImmediate(() => request.socket.write('junk'));
      }
    });
    expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('ok');
    expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('GET /');
    await once(server.sockets[1]!, 'close');
    expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('GET /');
    expect(server.requests.map((r) => r.connection)).toEqual([1, 2, 3]);
  });
});

describe('createKeepAliveFetch: failures shaped like undici’s', () => {
  it("rejects a body cut short with 'terminated', cause 'other side closed' [UND_ERR_SOCKET]", async () => {
    const { server, fetchFn } = await setUp((request) => request.socket.end('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc'));
    const error = await rejection(fetchFn(`${server.url}/`, {}));
    expect([error.name, error.message, error.cause?.message, error.cause?.code]).toEqual(['TypeError', 'terminated', 'other side closed', 'UND_ERR_SOCKET']);
  });

  it("rejects a connection closed before any byte with 'fetch failed', cause 'other side closed'", async () => {
    const { server, fetchFn } = await setUp((request) => request.socket.end());
    const error = await rejection(fetchFn(`${server.url}/`, {}));
    expect([error.message, error.cause?.message, error.cause?.code]).toEqual(['fetch failed', 'other side closed', 'UND_ERR_SOCKET']);
  });

  it("rejects a reset before any answer with 'fetch failed' and the reset as cause", async () => {
    const { server, fetchFn } = await setUp((request) => request.socket.resetAndDestroy());
    const error = await rejection(fetchFn(`${server.url}/`, {}));
    expect(error.message).toBe('fetch failed');
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(error.cause?.code);
  });

  it("rejects a refused connection with 'fetch failed', cause ECONNREFUSED", async () => {
    const probe = net.createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as net.AddressInfo;
    probe.close();
    await once(probe, 'close');
    const fetchFn = createKeepAliveFetch();
    cleanups.push(() => fetchFn.close());
    const error = await rejection(fetchFn(`http://127.0.0.1:${port}/`, {}));
    expect([error.name, error.message, error.cause?.code]).toEqual(['TypeError', 'fetch failed', 'ECONNREFUSED']);
  });

  it.each([
    ['a malformed status line', 'HTTP/1.1 OK\r\n\r\n', 'HPE_INVALID_STATUS'],
    ['a bad content-length', 'HTTP/1.1 200 OK\r\ncontent-length: ten\r\n\r\n', 'HPE_INVALID_CONTENT_LENGTH'],
    ['an oversized head', `HTTP/1.1 200 OK\r\n${'x-pad: y\r\n'.repeat(7000)}\r\n`, 'UND_ERR_HEADERS_OVERFLOW'],
  ])("rejects %s with 'fetch failed' and a protocol cause, then asks on a new connection", async (_case, wire, code) => {
    const { server, fetchFn } = await setUp((request) => request.socket.write(request.connection === 1 ? wire : answer()));
    const error = await rejection(fetchFn(`${server.url}/`, {}));
    expect([error.message, error.cause?.code, error.cause?.message]).toEqual(['fetch failed', code, expect.stringMatching(/\w/)]);
    expect(await (await fetchFn(`${server.url}/`, {})).text()).toBe('ok');
    expect(server.sockets).toHaveLength(2);
  });

  it.each([
    ['a header value with CR LF', { headers: { 'x-a': 'v\r\nx-evil: 1' } }],
    ['a header name with a space', { headers: [['x a', 'v']] as [string, string][] }],
    ['a GET with a body', { body: 'x' }],
    ['a forbidden method', { method: 'CONNECT' }],
  ])('rejects %s with a TypeError and connects to nobody', async (_case, init) => {
    const { server, fetchFn } = await setUp(answerOk);
    await expect(fetchFn(`${server.url}/`, init)).rejects.toThrow(TypeError);
    expect(server.sockets).toHaveLength(0);
  });

  it('rejects what is not an http: URL', async () => {
    const fetchFn = createKeepAliveFetch();
    cleanups.push(() => fetchFn.close());
    await expect(fetchFn('https://127.0.0.1:1/', {})).rejects.toThrow('fetch failed: only http: URLs are supported, got https:');
    await expect(fetchFn('not a url', {})).rejects.toThrow('fetch failed: "not a url" is not a URL');
    await expect(fetchFn('/relative', {})).rejects.toThrow(/is not a URL/);
  });
});

describe('createKeepAliveFetch: abort', () => {
  it('rejects at once when the signal has already fired, without connecting', async () => {
    const { server, fetchFn } = await setUp(answerOk);
    const error = await rejection(fetchFn(`${server.url}/`, { signal: AbortSignal.abort() }));
    expect([error instanceof DOMException, error.name, error.message]).toEqual([true, 'AbortError', 'This operation was aborted']);
    expect(server.sockets).toHaveLength(0);
  });

  it('destroys the connection of a request aborted in flight, and asks the next on a new one', async () => {
    const { server, fetchFn } = await setUp((request) => request.target !== '/hang' && answerOk(request));
    const controller = new AbortController();
    const pending = fetchFn(`${server.url}/hang`, { signal: controller.signal });
    await server.nextRequest();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    expect((await rejection(pending)).name).toBe('AbortError');
    await once(server.sockets[0]!, 'close');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(await (await fetchFn(`${server.url}/next`, {})).text()).toBe('GET /next');
    expect(server.sockets).toHaveLength(2);
  });

  it('takes a request aborted while queued out of the queue: it is never sent', async () => {
    const { server, fetchFn } = await setUp((request) => request.target !== '/held' && answerOk(request));
    const held = fetchFn(`${server.url}/held`, {});
    const controller = new AbortController();
    const queued = fetchFn(`${server.url}/queued`, { signal: controller.signal });
    const last = fetchFn(`${server.url}/last`, {});
    const first = await server.nextRequest();
    controller.abort();
    expect((await rejection(queued)).name).toBe('AbortError');
    first.socket.write(answer('held'));
    expect([await (await held).text(), await (await last).text()]).toEqual(['held', 'GET /last']);
    // undici drops the aborted request when its turn comes, and with it the connection: /last asks on a new one.
    expect(server.requests.map((r) => r.target)).toEqual(['/held', '/last']);
  });

  it('leaves no abort listener behind over thousands of requests sharing one signal', async () => {
    const { server, fetchFn } = await setUp(answerOk);
    const { signal } = new AbortController();
    for (let i = 0; i < 3000; i++) await (await fetchFn(`${server.url}/`, { signal })).text();
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(server.sockets).toHaveLength(1);
  });
});

describe('createKeepAliveFetch: connections per origin', () => {
  it('with maxSockets 1 (the default), sends queued requests in order over one connection', async () => {
    const { server, fetchFn } = await setUp(answerOk);
    const texts = await Promise.all([0, 1, 2, 3, 4].map(async (i) => (await fetchFn(`${server.url}/${i}`, {})).text()));
    expect(texts).toEqual(['GET /0', 'GET /1', 'GET /2', 'GET /3', 'GET /4']);
    expect(server.requests.map((r) => [r.target, r.connection])).toEqual([['/0', 1], ['/1', 1], ['/2', 1], ['/3', 1], ['/4', 1]]);
  });

  it('with maxSockets 2, has two requests in flight at once', async () => {
    // The server answers only once two requests wait: one connection at a time would never be answered.
    const { server, fetchFn } = await setUp((_request) => {
      if (server.requests.length < 2) return;
      for (const r of server.requests) r.socket.write(answer(r.target));
    }, { maxSockets: 2 });
    const texts = await Promise.all(['/a', '/b'].map(async (path) => (await fetchFn(`${server.url}${path}`, {})).text()));
    expect(texts).toEqual(['/a', '/b']);
    expect(server.sockets).toHaveLength(2);
  });

  it("close() rejects requests in flight and queued with 'fetch failed', and any made after", async () => {
    const { server, fetchFn } = await setUp(() => undefined);
    const inFlight = fetchFn(`${server.url}/1`, {});
    const queued = fetchFn(`${server.url}/2`, {});
    await server.nextRequest();
    fetchFn.close();
    for (const pending of [inFlight, queued, fetchFn(`${server.url}/3`, {})]) {
      const error = await rejection(pending);
      expect([error.message, error.cause?.code]).toEqual(['fetch failed', 'UND_ERR_DESTROYED']);
    }
    expect(server.requests).toHaveLength(1);
  });

  it('does not keep the process alive with an idle connection', async () => {
    const { server } = await setUp(answerOk);
    const module = fileURLToPath(new URL('../../clients/shared/keep-alive-fetch.ts', import.meta.url));
    const code = `import { createKeepAliveFetch } from ${JSON.stringify(module)}; const f = createKeepAliveFetch(); console.log(await (await f(${JSON.stringify(`${server.url}/child`)}, {})).text());`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => child.kill());
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [exitCode] = (await once(child, 'exit')) as [number];
    expect([exitCode, output.trim()]).toEqual([0, 'GET /child']);
    expect(server.sockets).toHaveLength(1);
  });
});

describe('createKeepAliveFetch: what it sends', () => {
  const echo: Script = (request) => request.socket.write(answer(`${request.headers.get('content-type') ?? '-'}|${request.headers.get('content-length') ?? '-'}|${request.body.toString()}`));

  it.each([
    ['a string', 'ä', 'text/plain;charset=UTF-8|2|ä'],
    ['a Uint8Array', new Uint8Array([104, 105]), '-|2|hi'],
    ['a Buffer', Buffer.from('hi'), '-|2|hi'],
    ['an ArrayBuffer', new Uint8Array([104, 105]).buffer, '-|2|hi'],
    ['URLSearchParams', new URLSearchParams({ a: 'b c' }), 'application/x-www-form-urlencoded;charset=UTF-8|5|a=b+c'],
    ['no body', undefined, '-|0|'],
  ])('POSTs %s with its length', async (_kind, body, seen) => {
    const { server, fetchFn } = await setUp(echo);
    const init: RequestInit = { method: 'POST' };
    if (body !== undefined) init.body = body as RequestInit['body'];
    expect(await (await fetchFn(`${server.url}/`, init)).text()).toBe(seen);
  });

  it('sends headers given as a plain object, a Headers and pairs', async () => {
    const { server, fetchFn } = await setUp(answerOk);
    for (const headers of [{ 'X-A': '1', 'content-type': 'a/b' }, new Headers({ 'X-A': '1', 'content-type': 'a/b' }), [['X-A', '1'], ['content-type', 'a/b']] as [string, string][]]) {
      await (await fetchFn(`${server.url}/`, { method: 'post', headers, body: '{}' })).text();
    }
    expect(server.requests.map((r) => [r.method, r.headers.get('x-a'), r.headers.get('content-type')])).toEqual(Array(3).fill(['POST', '1', 'a/b']));
  });

  it('closes the connection after a request that asked for connection: close', async () => {
    const { server, fetchFn } = await setUp(answerOk);
    await (await fetchFn(`${server.url}/1`, { headers: { Connection: 'close' } })).text();
    await (await fetchFn(`${server.url}/2`, {})).text();
    expect(server.requests.map((r) => [r.headers.get('connection'), r.connection])).toEqual([['close', 1], ['keep-alive', 2]]);
  });

  it('sends the path fetch would send, escaped and resolved where URL changes it', async () => {
    const { server, fetchFn } = await setUp(answerOk);
    const paths = ['/plain/path?x=1&y=2', '/a b', '/ä', '/a#fragment', '/a/../b/./c', "/q?x='y'", '/%2e%2e/x', '/%41?%zz', '/a\\b', '/{x}|^', '/p?a=/.b'];
    for (const path of paths) {
      await (await fetchFn(`${server.url}${path}`, {})).text();
      await (await fetch(`${server.url}${path}`)).text();
    }
    const targets = server.requests.map((r) => r.target);
    const pairs = paths.map((path, i) => [path, targets[2 * i], targets[2 * i + 1]]);
    expect(pairs).toEqual(paths.map((path, i) => [path, targets[2 * i + 1], targets[2 * i + 1]]));
  });

  it('reaches an IPv6 loopback host, sending its bracketed Host header', async (context) => {
    const probe = net.createServer();
    const bound = await new Promise<boolean>((resolve) => {
      probe.once('error', () => resolve(false));
      probe.listen(0, '::1', () => resolve(true));
    });
    probe.close();
    if (!bound) context.skip('::1 is not bound on this machine');
    const { server, fetchFn } = await setUp(answerOk, {}, '::1');
    expect(await (await fetchFn(`${server.url}/six`, {})).text()).toBe('GET /six');
    expect(server.requests[0]!.headers.get('host')).toBe(server.url.slice(7));
  });
});

describe('createKeepAliveFetch against the Sessy emulator', () => {
  let sessy: RunningEmulator<SessyDevice>;
  let transport: KeepAliveFetch;
  beforeAll(async () => {
    sessy = await startSessy({ seed: 4 });
    transport = createKeepAliveFetch();
  });
  afterAll(async () => {
    transport.close();
    await sessy.close();
  });
  beforeEach(() => sessy.control.clearFaults());

  const client = (timeoutMs = 2000) => createSessyClient({ baseUrl: sessy.url, credentials: sessy.credentials, fetch: transport, timeoutMs, retries: 0 });
  const kindOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: SessyClientError) => e.code);

  it('reads and writes through one kept-alive socket, answering exactly as fetch does', async () => {
    const viaKeepAlive = await transport(`${sessy.url}/api/v1/power/status`, {});
    const viaFetch = await fetch(`${sessy.url}/api/v1/power/status`);
    expect(viaKeepAlive.status).toBe(viaFetch.status);
    expect(viaKeepAlive.headers.get('content-type')).toBe(viaFetch.headers.get('content-type'));
    expect(await viaKeepAlive.text()).toBe(await viaFetch.text());
    await client().setActiveStrategy('POWER_STRATEGY_API');
    expect(await client().getActiveStrategy()).toBe('POWER_STRATEGY_API');
  });

  it('sends the path fetch would send: escaped where it needs escaping, the same for every request to one origin', async () => {
    for (const path of ['/api/v1/power/status?x=1', '/api/v1/no such path', '/api/v1/ä', '/api/v1/a#fragment']) {
      const viaKeepAlive = await transport(`${sessy.url}${path}`, {});
      const viaFetch = await fetch(`${sessy.url}${path}`);
      expect([path, viaKeepAlive.status, await viaKeepAlive.text()]).toEqual([path, viaFetch.status, await viaFetch.text()]);
    }
  });

  it.each([
    [{ type: 'reset' }, 'SESSY_CLIENT_ERR_CONNECTION_DROPPED'],
    [{ type: 'truncate', keepFraction: 0.4 }, 'SESSY_CLIENT_ERR_CONNECTION_DROPPED'],
    [{ type: 'latency', latency: { distribution: 'fixed', ms: 600 } }, 'SESSY_CLIENT_ERR_TIMEOUT'],
    [{ type: 'error', status: 500 }, 'SESSY_CLIENT_ERR_DEVICE'],
  ])('turns a real %j fault into the same typed error as fetch', async (fault, code) => {
    sessy.control.addFault({ ...fault, scope: { path: '/api/v1/power/status', count: 1 } });
    expect(await kindOf(client(300).getPowerStatus())).toBe(code);
    expect(await kindOf(client(300).getPowerStatus())).toBe('ok');
  });
});
