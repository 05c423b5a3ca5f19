/**
 * For a bench child process: samples its memory every 5 ms and answers each IPC message from its parent with its
 * RSS and `arrayBuffers` now and their peaks since the previous message [B]; the message "close" runs `close` and
 * exits. Used by the children of bench/recorder-memory.ts.
 */
export interface MemoryReport {
  readonly rss: number;
  readonly peakRss: number;
  readonly arrayBuffers: number;
  readonly peakArrayBuffers: number;
}

export function answerMemoryOverIpc(close: () => Promise<void>): void {
  let peakRss = 0;
  let peakArrayBuffers = 0;
  const sample = (): { rss: number; arrayBuffers: number } => {
    const { rss, arrayBuffers } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakArrayBuffers = Math.max(peakArrayBuffers, arrayBuffers);
    return { rss, arrayBuffers };
  };
  sample();
  const sampler = setInterval(sample, 5);
  process.on('message', (m) => {
    if (m === 'close') {
      clearInterval(sampler);
      void close().then(() => process.exit(0));
      return;
    }
    const now = sample();
    const report: MemoryReport = { ...now, peakRss, peakArrayBuffers };
    process.send?.(report);
    peakRss = now.rss;
    peakArrayBuffers = now.arrayBuffers;
  });
}
