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
 *
 * An existing file is never replaced by accident (issue 19: 37 entries became 2): `ifExists` says whether to
 * refuse (the default; the check and the creation are one atomic link), to append (the recording is read,
 * checked and rewritten in this layout once, then grows as usual) or to overwrite.
 */
import { closeSync, existsSync, fdatasyncSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { ReplayError } from './errors.ts';
import { BATTSIM_CREATOR } from './har-entry.ts';
import { parseHar } from './har-read.ts';
import type { HarEntry } from './har-types.ts';

/** What to do when the file already exists. */
export type IfExists = 'fail' | 'append' | 'overwrite';

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
  /** Default 'fail'. */
  readonly ifExists?: IfExists;
}

const TAIL = Buffer.from('\n]}}\n');

/** The file's head (everything in `log` but its entries) and entries, when appending to an existing recording. */
function existingRecording(path: string): { head: Record<string, unknown>; entries: readonly HarEntry[] } | null {
  if (!existsSync(path)) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ReplayError('REPLAY_ERR_WRITE_FAILED', `Failed to append to ${path}: ${(cause as Error).message}. Check that it is a readable file.`);
  }
  const { entries, ...head } = parseHar(text, path).log;
  return { head, entries };
}

export function openHarWriter(path: string, options: HarWriterOptions = {}): HarWriter {
  const sync = options.sync ?? true;
  const ifExists = options.ifExists ?? 'fail';
  const existing = ifExists === 'append' ? existingRecording(path) : null;
  const head = existing?.head ?? { version: '1.2', creator: BATTSIM_CREATOR, pages: [], ...(options.comment !== undefined ? { comment: options.comment } : {}) };
  const prefix = Buffer.from(`{"log":${JSON.stringify(head).slice(0, -1)},"entries":[`);
  const body = Buffer.from((existing?.entries ?? []).map((e, i) => `${i === 0 ? '\n' : ',\n'}${JSON.stringify(e)}`).join(''));
  let fd: number;
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const tmpFd = openSync(tmp, 'w');
    writeSync(tmpFd, Buffer.concat([prefix, body, TAIL]));
    fsyncSync(tmpFd);
    closeSync(tmpFd);
    if (ifExists === 'fail') {
      // link() fails if the name exists: checking and creating in one step, no window for a race.
      linkSync(tmp, path);
      unlinkSync(tmp);
    } else renameSync(tmp, path);
    fd = openSync(path, 'r+');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (existsSync(tmp)) unlinkSync(tmp);
    if (code === 'EEXIST') throw new ReplayError('REPLAY_ERR_OUT_EXISTS', `Failed to record into ${path}: the file already exists. Add --append to add to that recording, --force to replace it, or choose another --out.`);
    throw new ReplayError('REPLAY_ERR_WRITE_FAILED', `Failed to create the HAR file ${path}: ${(cause as Error).message}. Check that the directory exists and is writable.`);
  }
  let tailOffset = prefix.length + body.length;
  let count = existing?.entries.length ?? 0;
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
