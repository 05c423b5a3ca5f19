/**
 * One Sessy emulator for bench/dashboard.ts in a process of its own, so that its RSS is its own:
 * `node --import tsx bench/dashboard-child.ts <speed>`. Prints its URL as one JSON line and serves until stdin closes.
 */
import { startSessy } from '../simulator/index.ts';

const speed = Number(process.argv[2] ?? '600');
const sessy = await startSessy({ speed, seed: 42 });
process.stdout.write(`${JSON.stringify({ url: sessy.url, credentials: sessy.credentials })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void sessy.close().then(() => process.exit(0)));
