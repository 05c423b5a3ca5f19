/**
 * The recorder alone in its own process, for bench/recorder-memory.ts: prints `{"url"}` and answers each IPC
 * message with its RSS now and its peak since the last message [B]. Usage: recorder-memory-child.ts TARGET OUT MAX_BODY
 */
import { startRecorder } from '../simulator/replay/index.ts';

const [target, out, maxBody] = process.argv.slice(2);
const recorder = await startRecorder({ target: target ?? '', out: out ?? '', maxBodyBytes: Number(maxBody), sync: false, ifExists: 'overwrite' });
let peak = process.memoryUsage.rss();
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
process.on('message', (m) => {
  if (m === 'close') {
    clearInterval(sampler);
    void recorder.close().then(() => process.exit(0));
    return;
  }
  const rss = process.memoryUsage.rss();
  process.send?.({ rss, peak: Math.max(peak, rss) });
  peak = rss;
});
process.send?.({ url: recorder.url });
