/**
 * The least any proxy built on node:http costs, for bench/recorder-memory.ts: a reverse proxy that pipes each
 * request body to the device and each answer back, keeping and recording nothing, alone in its own process like
 * the recorder. Sends `{url}`, then answers each IPC message with its memory (bench/memory-over-ipc.ts).
 * Usage: bare-proxy-child.ts TARGET
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerMemoryOverIpc } from './memory-over-ipc.ts';

const target = new URL(process.argv[2] ?? '');
const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const server = createServer((req, res) => {
  const upstream = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
answerMemoryOverIpc(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  agent.destroy();
});
process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
