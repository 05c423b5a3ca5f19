/**
 * A small proxy in front of a real emulator that breaks one thing: each breakage rewrites a request or an answer
 * the way a broken firmware (or emulator) would. The contracts talk to the proxy; the simulation control is
 * reached directly, so only the device's API is broken.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Record<string, string>;
  readonly text: string;
}

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/** Returns the answer to send: the upstream one, changed; `forward(req)` reaches the emulator. */
export type Breakage = (req: ProxiedRequest, forward: (req: ProxiedRequest) => Promise<Upstream>) => Promise<Upstream>;

export async function startBreakingProxy(upstreamUrl: string, breakage: Breakage): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      const forward = async (r: ProxiedRequest): Promise<Upstream> => {
        const response = await fetch(`${upstreamUrl}${r.path}`, { method: r.method, headers, ...(r.method === 'GET' ? {} : { body: r.body }) });
        const h: Record<string, string> = {};
        response.headers.forEach((v, k) => {
          if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)) h[k] = v;
        });
        return { status: response.status, statusText: response.statusText, headers: h, text: await response.text() };
      };
      const answer = await breakage({ method: req.method ?? 'GET', path: req.url ?? '/', body }, forward);
      res.writeHead(answer.status, answer.statusText, { ...answer.headers, 'content-length': Buffer.byteLength(answer.text) });
      res.end(answer.text);
    })().catch((error: unknown) => {
      res.writeHead(502);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Rewrites the JSON body of matching 200 answers. */
export function rewriteJson(match: (req: ProxiedRequest) => boolean, change: (body: Record<string, unknown>) => void): Breakage {
  return async (req, forward) => {
    const answer = await forward(req);
    if (answer.status !== 200 || !match(req)) return answer;
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    change(body);
    return { ...answer, text: JSON.stringify(body) };
  };
}
