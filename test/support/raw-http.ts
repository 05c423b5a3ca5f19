/** Raw HTTP/1.1 over a loopback socket: bytes in, every byte the server sends until it closes. */
import { connect, type Socket } from 'node:net';

export interface RawExchange {
  /** Everything the server sent, in order. */
  readonly text: string;
  /** The status codes of the answers in `text`, in order. */
  readonly statuses: readonly number[];
}

/**
 * Sends `chunks` without closing the sending side (a client waits for its answers; a half-close would make Node
 * drop them) and resolves when the server closes the socket. A function gets the socket, to trickle bytes.
 */
export function exchange(port: number, chunks: string | ((socket: Socket) => void)): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const parts: Buffer[] = [];
    socket.on('data', (d) => parts.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(parts).toString('latin1');
      resolve({ text, statuses: [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1])) });
    });
    socket.on('connect', () => (typeof chunks === 'string' ? socket.write(chunks) : chunks(socket)));
  });
}
