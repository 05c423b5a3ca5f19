/** Options of the recorder, checked once and frozen. */
import { ReplayError } from './errors.ts';
import type { IfExists } from './har-writer.ts';

/** Bytes of each request and response body kept in the recording by default; the rest passes through [B]. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface RecorderOptions {
  /** The device, e.g. http://192.168.1.50 (http only: neither battery's local API speaks TLS by default). */
  readonly target: string;
  /** Path of the HAR file to write. */
  readonly out: string;
  /** When `out` exists: 'fail' (default), 'append' to the recording, or 'overwrite' it. */
  readonly ifExists?: IfExists;
  /** Bytes of each body kept in the recording; the rest is passed through, not kept [B]; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** TCP port; default 0 (any free port). */
  readonly port?: number;
  /** Bind address; default 127.0.0.1. */
  readonly host?: string;
  /** Also redact serials, MACs, hostnames, IPs and SSIDs; default false. */
  readonly redactIdentity?: boolean;
  /** Key for stable identity stand-ins across recordings; default none (numbering). */
  readonly redactKey?: string;
  /** Time without a byte from the device before an exchange counts as a timeout [ms]; default 10000. */
  readonly timeoutMs?: number;
  /** fdatasync after every entry; default true. */
  readonly sync?: boolean;
  /** Wall clock [epoch ms]; default Date.now. */
  readonly nowMs?: () => number;
}

export interface CheckedRecorderOptions {
  readonly target: URL;
  readonly out: string;
  readonly ifExists: IfExists;
  readonly maxBodyBytes: number;
  readonly port: number;
  readonly host: string;
  readonly redactIdentity: boolean;
  readonly redactKey: string | undefined;
  readonly timeoutMs: number;
  readonly sync: boolean;
  readonly nowMs: () => number;
}

const KEYS = ['target', 'out', 'ifExists', 'maxBodyBytes', 'port', 'host', 'redactIdentity', 'redactKey', 'timeoutMs', 'sync', 'nowMs'];

export function checkRecorderOptions(options: RecorderOptions): CheckedRecorderOptions {
  const bad = (name: string, why: string): never => {
    throw new ReplayError('REPLAY_ERR_BAD_OPTION', `Failed to start the recorder: option "${name}" ${why}. Correct it and start again.`);
  };
  for (const key of Object.keys(options)) if (!KEYS.includes(key)) bad(key, `is unknown. Known options: ${KEYS.join(', ')}`);
  let target: URL | undefined;
  try {
    target = new URL(options.target);
  } catch {
    bad('target', `must be a URL such as http://192.168.1.50, got ${String(options.target)}`);
  }
  if (target?.protocol !== 'http:') return bad('target', 'must be an http:// URL');
  if (typeof options.out !== 'string' || options.out === '') bad('out', 'must be the path of the HAR file to write');
  const ifExists = options.ifExists ?? 'fail';
  if (ifExists !== 'fail' && ifExists !== 'append' && ifExists !== 'overwrite') bad('ifExists', `must be "fail", "append" or "overwrite", got ${String(ifExists)}`);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) bad('maxBodyBytes', `must be an integer number of bytes >= 0, got ${String(maxBodyBytes)}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) bad('port', `must be an integer 0..65535, got ${String(port)}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) bad('timeoutMs', `must be a number of ms > 0, got ${String(timeoutMs)}`);
  if (options.redactKey !== undefined && (typeof options.redactKey !== 'string' || options.redactKey.length < 8)) bad('redactKey', 'must be a string of at least 8 characters');
  return Object.freeze({
    target,
    out: options.out,
    ifExists,
    maxBodyBytes,
    port,
    host: options.host ?? '127.0.0.1',
    redactIdentity: options.redactIdentity ?? false,
    redactKey: options.redactKey,
    timeoutMs,
    sync: options.sync ?? true,
    nowMs: options.nowMs ?? Date.now,
  });
}
