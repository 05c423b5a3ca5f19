/**
 * The SPIFFS file store behind /spiffs, /upload/spiffs and /delete/spiffs: flat names up to 32 bytes
 * (SPIFFS_OBJ_NAME_LEN), a byte quota; a file that does not fit is refused whole (HTTP 507).
 */
import { HomevoltError } from './errors.ts';

export interface SpiffsStore {
  read(path: string): Buffer;
  write(path: string, data: Buffer): void;
  remove(path: string): void;
  list(): readonly { readonly path: string; readonly size: number }[];
  readonly usedBytes: number;
  readonly quotaBytes: number;
}

/** SPIFFS object names hold at most 32 bytes including the leading slash and the terminator. */
const MAX_NAME_BYTES = 31;

export function createSpiffsStore(quotaBytes: number): SpiffsStore {
  const files = new Map<string, Buffer>();
  const used = (): number => [...files.values()].reduce((a, f) => a + f.length, 0);
  return {
    quotaBytes,
    get usedBytes() {
      return used();
    },
    read(path) {
      const file = files.get(checkPath(path));
      if (!file) throw new HomevoltError('HOMEVOLT_ERR_SPIFFS_NOT_FOUND', `Failed to read /spiffs/${path}: no such file. List files with the console command 'ls /'.`);
      return file;
    },
    write(path, data) {
      const name = checkPath(path);
      const freeBytes = quotaBytes - used() + (files.get(name)?.length ?? 0);
      if (data.length > freeBytes) {
        throw new HomevoltError('HOMEVOLT_ERR_SPIFFS_FULL', `Failed to write /spiffs/${name}: ${data.length} bytes do not fit in the ${freeBytes} bytes free. Delete files first.`);
      }
      files.set(name, Buffer.from(data));
    },
    remove(path) {
      if (!files.delete(checkPath(path))) throw new HomevoltError('HOMEVOLT_ERR_SPIFFS_NOT_FOUND', `Failed to delete /spiffs/${path}: no such file.`);
    },
    list: () => [...files.entries()].map(([path, f]) => ({ path, size: f.length })),
  };
}

function checkPath(path: string): string {
  if (path === '' || Buffer.byteLength(path) > MAX_NAME_BYTES || path.split('/').some((s) => s === '..' || s === '.') || /[\0\\]/.test(path)) {
    throw new HomevoltError('HOMEVOLT_ERR_SPIFFS_BAD_PATH', `Failed to use the SPIFFS path '${path}': it must be 1–${MAX_NAME_BYTES} bytes without '.', '..' or backslashes.`);
  }
  return path;
}
