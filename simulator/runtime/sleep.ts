/** Wall-clock waiting, owned by the runtime (the only layer with timers). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });
}

/** Lets the event loop run what is waiting (I/O, other requests) before the caller goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}
