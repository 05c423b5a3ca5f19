/**
 * The one way tests start battsim as a process: the CLI from the TypeScript sources, with tsx loaded into the same
 * process (`node --import tsx`), so no build is needed and a signal reaches the CLI itself, not a tsx parent that
 * would leave it running. The consumer and container tests (test/package/) use the packed tarball instead.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('./battsim-cli.ts', import.meta.url));

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface BattsimProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** What it printed on stdout so far. */
  stdout(): string;
  /** What it printed on stderr so far. */
  stderr(): string;
  /** Resolves with stdout once `pattern` has matched `count` times; rejects, with both outputs, if it exits first. */
  waitFor(pattern: RegExp, count?: number): Promise<string>;
  /** The first line of stdout parsed as JSON (the `--ready-json` line). */
  readyJson<T = Record<string, unknown>>(): Promise<T>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ProcessExit>;
  /** Sends `signal` (default SIGTERM) unless it has exited, and resolves with the exit. */
  stop(signal?: NodeJS.Signals): Promise<ProcessExit>;
}

export interface SpawnOptions {
  /** Added to (or, as '', cleared from) the test's environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Node options before the script, e.g. another --import. */
  readonly nodeOptions?: readonly string[];
}

/** `battsim ...args` from the sources. */
export function spawnBattsim(args: readonly string[], options: SpawnOptions = {}): BattsimProcess {
  return spawnTypeScript(CLI, args, options);
}

/** Any TypeScript script of the repository as one process with tsx loaded into it. */
export function spawnTypeScript(script: string, args: readonly string[], options: SpawnOptions = {}): BattsimProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...(options.nodeOptions ?? []), script, ...args], {
    stdio: 'pipe',
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
  });
  return watch(child);
}

/** The output bookkeeping of a spawned process, for anything spawned with stdio 'pipe'. */
export function watch(child: ChildProcessWithoutNullStreams): BattsimProcess {
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    for (const w of waiters) w();
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const waitFor = (pattern: RegExp, count = 1): Promise<string> =>
    new Promise((resolve, reject) => {
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      const check = (): void => {
        if ((out.match(global) ?? []).length < count) return;
        waiters.delete(check);
        resolve(out);
      };
      waiters.add(check);
      check();
      void exited.then(({ code, signal }) => {
        if (!waiters.delete(check)) return;
        reject(new Error(`battsim exited (${String(code ?? signal)}) before printing ${String(pattern)}:\n${out}${err}`));
      });
    });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor,
    readyJson: async <T>() => JSON.parse((await waitFor(/\n/)).split('\n')[0]!) as T,
    exited,
    stop: (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Whether a process with this pid still exists (signal 0 only asks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves true when a TCP connection to the port on loopback is refused, false when something accepts it. */
export function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}
