/** Spawns a TypeScript script as a child process and waits for the JSON line it prints when ready. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child<T> {
  readonly process: ChildProcess;
  readonly ready: T;
}

const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

export function spawnScript<T>(script: string, args: readonly string[]): Promise<Child<T>> {
  const child = spawn(process.execPath, [TSX, fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
