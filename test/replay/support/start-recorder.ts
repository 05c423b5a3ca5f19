/**
 * Runs the recorder as its own process (what `battsim record` will do) and prints `{"url"}` on stdout.
 * Usage: tsx start-recorder.ts <target URL> <out.har>
 */
import { startRecorder } from '../../../simulator/replay/index.ts';

const [target, out] = process.argv.slice(2);
const recorder = await startRecorder({ target: target ?? '', out: out ?? '' });
process.stdout.write(`${JSON.stringify({ url: recorder.url })}\n`);
