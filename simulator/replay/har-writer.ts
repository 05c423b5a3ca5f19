/**
 * Writes a HAR file incrementally so that it is a complete JSON document after every entry (adapter: the
 * only file I/O of the recorder).
 *
 * Decision: the file is `{"log":{…,"entries":[` + entries + `]}}`. Appending overwrites the closing tail at
 * a known offset with `,<entry>]}}` in ONE positioned write, then fdatasync. A process killed between two
 * writes (SIGKILL included) therefore leaves a valid file holding every completed exchange; fsync adds the same
 * for a power cut. The rest risk is a kill *inside* one multi-page write syscall, which Linux may cut short at a
 * page boundary; a rename per entry would close it but costs O(entries²) bytes over an afternoon of polling.
 * The empty document is created via a temporary file and rename, so even an empty recording is valid.
 */
import { closeSync, fdatasyncSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { ReplayError } from './errors.ts';
import { BATTSIM_CREATOR } from './har-entry.ts';
import type { HarEntry } from './har-types.ts';

export interface HarWriter {
  readonly path: string;
  /** Entries written so far. */
  readonly count: number;
  append(entry: HarEntry): void;
  close(): void;
}

export interface HarWriterOptions {
  /** fdatasync after every entry; default true (off only for benchmarks). */
  readonly sync?: boolean;
  readonly comment?: string;
}

const TAIL = Buffer.from('\n]}}\n');

export function openHarWriter(path: string, options: HarWriterOptions = {}): HarWriter {
  const sync = options.sync ?? true;
  const head = { version: '1.2', creator: BATTSIM_CREATOR, pages: [], ...(options.comment !== undefined ? { comment: options.comment } : {}) };
  const prefix = Buffer.from(`{"log":${JSON.stringify(head).slice(0, -1)},"entries":[`);
  let fd: number;
  try {
    const tmp = `${path}.${process.pid}.tmp`;
    const tmpFd = openSync(tmp, 'w');
    writeSync(tmpFd, Buffer.concat([prefix, TAIL]));
    fsyncSync(tmpFd);
    closeSync(tmpFd);
    renameSync(tmp, path);
    fd = openSync(path, 'r+');
  } catch (cause) {
    throw new ReplayError('REPLAY_ERR_WRITE_FAILED', `Failed to create the HAR file ${path}: ${(cause as Error).message}. Check that the directory exists and is writable.`);
  }
  let tailOffset = prefix.length;
  let count = 0;
  let open = true;
  return {
    path,
    get count() {
      return count;
    },
    append(entry) {
      if (!open) throw new ReplayError('REPLAY_ERR_WRITE_FAILED', `Failed to add an entry to ${path}: the writer is closed. Open a new one.`);
      const chunk = Buffer.from(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(entry)}`);
      try {
        writeSync(fd, Buffer.concat([chunk, TAIL]), 0, chunk.length + TAIL.length, tailOffset);
        if (sync) fdatasyncSync(fd);
      } catch (cause) {
        throw new ReplayError('REPLAY_ERR_WRITE_FAILED', `Failed to add an entry to ${path}: ${(cause as Error).message}. Check free disk space.`);
      }
      tailOffset += chunk.length;
      count += 1;
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}
