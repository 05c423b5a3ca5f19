/** Spawns a TypeScript script as a child process and waits for the JSON line it prints when ready. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child<T> {
  readonly process: ChildProcess;
  readonly ready: T;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * One process, with tsx loaded in it: the tsx CLI would run the script in a grandchild that a SIGKILL to the CLI
 * leaves running, and the killed recorder must really be gone.
 */
export function spawnScript<T>(script: string, args: readonly string[]): Promise<Child<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve({ process: child, ready: JSON.parse(line) as T });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${String(code)} before it was ready: ${err}`)));
  });
}

export function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
