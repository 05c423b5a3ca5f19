/**
 * Targets that are not there, written as the smallest loopback servers: a closed port (connection refused), a
 * server that accepts connections and never answers, and one that answers every request with an empty 200.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface DeadTarget {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: Server | TcpServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function closing(server: Server | TcpServer, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

/** A port that was free a moment ago and is closed now: every connection is refused. */
export async function closedPort(): Promise<DeadTarget> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { url: `http://127.0.0.1:${port}`, close: async () => {} };
}

/** Accepts every connection and never says a word. */
export async function silentServer(): Promise<DeadTarget> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.resume();
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: closing(server, sockets) };
}

/** Answers every request, whatever it is, with 200 and an empty body. */
export async function emptyOkServer(): Promise<DeadTarget> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: closing(server, sockets) };
}
