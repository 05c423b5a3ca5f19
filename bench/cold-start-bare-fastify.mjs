// The baseline of bench/cold-start.ts: the least a Fastify server can do from process start to its first
// answer. Prints one JSON line with its URL when listening (as battsim --ready-json does); stops on SIGTERM.
import Fastify from 'fastify';

const app = Fastify();
app.get('/', async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${app.server.address().port}` })}\n`);
process.once('SIGTERM', () => void app.close().then(() => (process.exitCode = 0)));
