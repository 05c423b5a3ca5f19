/** Reads a recording from disk with one clear error for each way that fails (adapter: file I/O only). */
import { readFileSync } from 'node:fs';
import { ReplayError } from './errors.ts';
import { parseHar } from './har-read.ts';
import type { HarDocument } from './har-types.ts';

const WHY: Readonly<Record<string, string>> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
};

/** The text of the recording at `path`. */
export function readRecordingText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? '';
    throw new ReplayError('REPLAY_ERR_READ_FAILED', `Failed to read the recording ${path}: ${WHY[code] ?? (cause as Error).message}. Give the path of a HAR file written by \`battsim record\`.`);
  }
}

/** The recording at `path`, checked (har-read.ts). */
export function readHarFile(path: string): HarDocument {
  return parseHar(readRecordingText(path), path);
}
