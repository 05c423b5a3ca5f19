/**
 * Stopping with the process that started battsim, when a package manager started it.
 *
 * npm runs a package's command through `sh -c` (`npx battsim`, `npm exec`, a script of `npm run`). On SIGTERM npm
 * passes the signal to that shell, and the shell dies without passing it on: battsim is left running, re-parented
 * to init. A test harness that stops its emulator as harnesses do (Python's `terminate()`, Go's `Process.Signal`,
 * `kill $!`) would leave one emulator behind per test, each holding its port. So battsim, when started through a
 * package manager, stops as on SIGTERM once the process that started it has exited: the parent pid it started with
 * is no longer its parent. Started any other way (node, the bin directly, a container's entrypoint, `battsim &` in
 * a CI step that then ends), it keeps running as before. BATTSIM_OUTLIVE_PARENT=1 turns the watch off, for a
 * script such as `"emulators": "battsim start &"` that means to leave it running.
 */

/** How often the parent pid is read [ms]: a harness's next emulator starts this much later at most. */
export const PARENT_CHECK_MS = 500;

/** Where the watch reads the parent pid and how it is called back; the system's by default. */
export interface ParentProbe {
  /** The current parent pid (Node reads it anew from the system on each access of `process.ppid`). */
  readonly ppid: () => number;
  /** Calls `check` every `ms` until the returned function is called. */
  readonly every: (check: () => void, ms: number) => () => void;
}

const systemProbe: ParentProbe = {
  ppid: () => process.ppid,
  every: (check, ms) => {
    const timer = setInterval(check, ms);
    // The watch alone never keeps a process alive: the servers do.
    timer.unref();
    return () => clearInterval(timer);
  },
};

/**
 * Calls `onExit` once, with the parent pid read at the start, when the parent pid has changed (the parent exited and
 * the system re-parented this process). Returns the function that stops watching.
 */
export function watchParent(onExit: (parentPid: number) => void, probe: ParentProbe = systemProbe): () => void {
  const parent = probe.ppid();
  const stop = probe.every(() => {
    if (probe.ppid() === parent) return;
    stop();
    onExit(parent);
  }, PARENT_CHECK_MS);
  return stop;
}

/** The environment that decides: npm, yarn and pnpm set npm_execpath for what they run. */
export interface ParentWatchEnvironment {
  readonly npm_execpath?: string | undefined;
  readonly BATTSIM_OUTLIVE_PARENT?: string | undefined;
}

/** Whether battsim stops with the process that started it: started through a package manager, and not told otherwise. */
export function shouldWatchParent(env: ParentWatchEnvironment): boolean {
  return env.npm_execpath !== undefined && env.npm_execpath !== '' && env.BATTSIM_OUTLIVE_PARENT !== '1';
}
