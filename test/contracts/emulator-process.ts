/**
 * An emulator started as its own process (`battsim sessy|homevolt …`) and addressed by URL, exactly as a CI
 * service container or a user's terminal runs it. Resolves once it printed its URL and credentials.
 */
import type { TargetCredentials } from '../../contracts/index.ts';
import { spawnBattsim } from '../support/battsim-process.ts';

export interface EmulatorProcess {
  readonly url: string;
  readonly credentials: TargetCredentials | null;
  stop(): Promise<void>;
}

export async function spawnEmulator(args: readonly string[]): Promise<EmulatorProcess> {
  const child = spawnBattsim(args);
  const stop = async (): Promise<void> => {
    await child.stop('SIGTERM');
  };
  try {
    const out = await child.waitFor(/Press Ctrl-C/);
    const url = /(?:at|on) (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const creds = /credentials: user (\S+), password ([^;)\s]+)/.exec(out);
    if (url === undefined) throw new Error(`the emulator printed no URL: ${out}`);
    return { url, credentials: creds ? { user: creds[1]!, password: creds[2]! } : null, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
