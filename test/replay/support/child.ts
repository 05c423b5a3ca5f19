/** Spawns a TypeScript script as a child process and waits for the JSON line it prints when ready. */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnTypeScript } from '../../support/battsim-process.ts';

export interface Child<T> {
  readonly process: ChildProcess;
  readonly ready: T;
}

/**
 * One process, with tsx loaded in it: the tsx CLI would run the script in a grandchild that a SIGKILL to the CLI
 * leaves running, and the killed recorder must really be gone.
 */
export async function spawnScript<T>(script: string, args: readonly string[]): Promise<Child<T>> {
  const child = spawnTypeScript(fileURLToPath(new URL(script, import.meta.url)), args);
  return { process: child.child, ready: await child.readyJson<T>() };
}

export function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
