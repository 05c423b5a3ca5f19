import { envValue } from './environment.ts';
import { shouldWatchParent, watchParent } from './parent-watch.ts';

/** Why a server command stops: a signal, or the process that started it through a package manager has exited. */
export type ShutdownCause = NodeJS.Signals | 'parent-exited';

/**
 * Resolves on the first SIGINT or SIGTERM, so a server can close cleanly (signals belong to the runtime); also, when a
 * package manager started battsim, once the process that started it has exited (runtime/parent-watch.ts says why).
 */
export function waitForShutdown(options: { readonly watchParent?: boolean } = {}): Promise<ShutdownCause> {
  return new Promise((resolve) => {
    let stopWatching = (): void => {};
    const done = (cause: ShutdownCause): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      stopWatching();
      resolve(cause);
    };
    const on = (signal: NodeJS.Signals): void => done(signal);
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
    if (options.watchParent ?? shouldWatchParent({ npm_execpath: envValue('npm_execpath'), BATTSIM_OUTLIVE_PARENT: envValue('BATTSIM_OUTLIVE_PARENT') })) stopWatching = watchParent(() => done('parent-exited'));
  });
}

/** The line a server command prints on stderr when it stops for `cause`, or null when a signal needs no word. */
export function shutdownNotice(cause: unknown): string | null {
  if (cause !== 'parent-exited') return null;
  return 'battsim: stopping, as the process that started it through npm has exited (npm runs commands through a shell that does not pass SIGTERM on). Set BATTSIM_OUTLIVE_PARENT=1 to keep it running.';
}

/** A server command's wait: until `io.untilShutdown` resolves (default waitForShutdown), then why, on stderr, if not a signal. */
export async function untilShutdown(io: { readonly err: (line: string) => void; readonly untilShutdown?: () => Promise<unknown> }): Promise<void> {
  const notice = shutdownNotice(await (io.untilShutdown ?? waitForShutdown)());
  if (notice !== null) io.err(notice);
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
