/**
 * An emulator started as its own process (`battsim sessy|homevolt …`) and addressed by URL, exactly as a CI
 * service container or a user's terminal runs it. Resolves once it printed its URL and credentials.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { TargetCredentials } from '../../contracts/index.ts';

const bin = fileURLToPath(new URL('../../bin/battsim.js', import.meta.url));

export interface EmulatorProcess {
  readonly url: string;
  readonly credentials: TargetCredentials | null;
  stop(): Promise<void>;
}

export async function spawnEmulator(args: readonly string[]): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the emulator printed no URL within 60 s: ${out}`));
    }, 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /(?:at|on) (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const creds = /credentials: user (\S+), password ([^;)\s]+)/.exec(out);
      if (url && /Press Ctrl-C/.test(out)) {
        clearTimeout(timer);
        resolve({ url, credentials: creds ? { user: creds[1]!, password: creds[2]! } : null, stop });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${String(code)}: ${out}`));
    });
  });
}
