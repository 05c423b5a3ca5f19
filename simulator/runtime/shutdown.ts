/** Resolves on the first SIGINT or SIGTERM, so a server can close cleanly (signals belong to the runtime). */
export function waitForShutdown(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Aborts `controller` on the first SIGINT or SIGTERM; returns the function that stops listening. */
export function abortOnShutdown(controller: AbortController): () => void {
  const on = (): void => controller.abort();
  process.once('SIGINT', on);
  process.once('SIGTERM', on);
  return () => {
    process.off('SIGINT', on);
    process.off('SIGTERM', on);
  };
}
