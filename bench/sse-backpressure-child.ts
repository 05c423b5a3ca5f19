/**
 * The emulator of bench/sse-backpressure.ts, in a process of its own so that its RSS is the emulator's alone:
 * `node --import tsx bench/sse-backpressure-child.ts <speed>`. Prints one JSON line with its URL, then answers
 * each line "rss" on stdin with one JSON line holding its resident set size [bytes].
 */
import { createInterface } from 'node:readline';
import { startSessy } from '../simulator/runtime/start-sessy.ts';

const speed = Number(process.argv[2] ?? 1000);
const emulator = await startSessy({ speed, host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ url: emulator.url }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'rss') console.log(JSON.stringify({ rss: process.memoryUsage().rss }));
}
await emulator.close();
