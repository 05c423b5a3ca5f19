/**
 * Runs one emulator as its own process and prints `{"url", "credentials"}` as one JSON line on stdout, so a test
 * can address it by URL exactly as a device on the network. Usage: tsx start-emulator.ts sessy|homevolt
 */
import { startHomevolt } from '../../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../../simulator/runtime/start-sessy.ts';

const kind = process.argv[2];
const emulator = kind === 'homevolt' ? await startHomevolt({ password: 'HV-PASSW0RD' }) : await startSessy();
process.stdout.write(`${JSON.stringify({ url: emulator.url, credentials: emulator.credentials })}\n`);
process.on('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
