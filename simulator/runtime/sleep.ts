/** Wall-clock waiting, owned by the runtime (the only layer with timers). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });
}

