/**
 * The recorder serves the requests of one client connection one at a time, in order, as the device's server does
 * (docs/http-errors.md, pipelining): a pipelined request reaches the device only once the answer before it is out,
 * and none does after an answer that closes the connection (the device's own `Connection: close` after an error,
 * or the client's). Those requests would otherwise change the device's state though no client ever sees their
 * answer (issue 19: the fuzzer's state change and hangs through the recorder). Adapter over node:http.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What one client connection still owes. */
interface Connection {
  readonly queue: [IncomingMessage, ServerResponse][];
  busy: boolean;
  /** The request being served, while one is. */
  current?: IncomingMessage;
  /** An answer closed the connection: nothing more is handled on it. */
  closing: boolean;
  /** Runs once every request of the connection is answered (a CONNECT behind them waits for it). */
  whenIdle?: () => void;
}

/** Calls `handle` for each request of `server`, one per connection at a time; `handle` must answer `res`. */
export function serveInOrder(server: Server, handle: (req: IncomingMessage, res: ServerResponse) => void): void {
  const connections = new WeakMap<Socket, Connection>();
  const next = (connection: Connection, socket: Socket): void => {
    const item = connection.queue.shift();
    if (!item) {
      connection.busy = false;
      connection.whenIdle?.();
      return;
    }
    connection.busy = true;
    const [req, res] = item;
    connection.current = req;
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      // Node marks the message that ends the connection as its last (_last), whoever set Connection: close.
      if ((res as unknown as { _last?: boolean })._last === true || socket.destroyed) {
        close(connection, socket);
        return;
      }
      next(connection, socket);
    };
    res.once('finish', settle);
    res.once('close', settle);
    handle(req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    let connection = connections.get(socket);
    if (!connection) connections.set(socket, (connection = { queue: [], busy: false, closing: false }));
    if (connection.closing) {
      req.resume();
      return;
    }
    connection.queue.push([req, res]);
    if (!connection.busy) next(connection, socket);
  });
  // CONNECT (a tunnel) is nothing these devices serve, and Node would destroy the socket at once, dropping the
  // answers still owed to the requests before it although they reached the device. They go out first, then a 400
  // and the close, as the device's own server answers a request it cannot parse (docs/http-errors.md).
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    const refuse = (): void => {
      if (socket.destroyed || !socket.writable) return;
      const body = JSON.stringify({ error: 'REPLAY_ERR_BAD_REQUEST', message: 'The recorder does not tunnel CONNECT.' });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`, () => socket.destroy());
    };
    const connection = connections.get(socket);
    if (connection?.busy) connection.whenIdle = refuse;
    else refuse();
  });
  // Bytes Node cannot parse behind a pipelined request (a body sent without its length, garbage): Node's default
  // answers 400 and destroys the socket at once, dropping the answers still owed to the requests before it although
  // they reached the device (fuzz seed 1 case 19022). They go out first, then Node's own status and the close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    const refuse = (): void => {
      if (socket.destroyed || !socket.writable) return;
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`, () => socket.destroy());
    };
    // Only behind requests read whole: a parse error inside a body (broken chunks) ends that request, which can
    // then never be answered in full, so the socket goes as Node's default would have it.
    const connection = connections.get(socket);
    if (connection?.busy && !connection.closing && connection.current?.complete === true && connection.queue.every(([req]) => req.complete)) connection.whenIdle = refuse;
    else refuse();
  });
}

/** After a closing answer: the requests behind it are dropped unread, and the socket closes once the answer is out. */
function close(connection: Connection, socket: Socket): void {
  connection.closing = true;
  for (const [req] of connection.queue) req.resume();
  connection.queue.length = 0;
  if (socket.destroyed) return;
  socket.end(() => socket.destroy());
}
