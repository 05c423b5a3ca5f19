/** Options of the replay server, checked once and frozen. Modes are unions so a wrong one cannot be written. */
import { isSpeed, SPEED_RANGE } from '../core/speed.ts';
import { ReplayError } from './errors.ts';
import type { HarDocument } from './har-types.ts';
import type { ReplayMode } from './matcher.ts';
import type { ReplaySpeed } from './replay-clock.ts';

export interface ReplayOptions {
  /** Path of a HAR file, or the parsed document. */
  readonly recording: string | HarDocument;
  /** TCP port; default 0 (any free port). */
  readonly port?: number;
  /** Bind address; default 127.0.0.1. */
  readonly host?: string;
  /** Default 'time'. */
  readonly mode?: ReplayMode;
  /** Replay seconds per wall second, or 'manual'; default 1. */
  readonly speed?: ReplaySpeed;
  /** Status of the no-match error; default 501 (Not Implemented: the recording does not know this request). */
  readonly noMatchStatus?: 501 | 404;
  /** Require these Basic credentials; default: accept any (or none). Give both or neither. */
  readonly user?: string;
  readonly password?: string;
  /** Monotonic wall time [ms]; default performance.now. */
  readonly wallNowMs?: () => number;
}

export type ReplayAuth = { readonly kind: 'any' } | { readonly kind: 'basic'; readonly user: string; readonly password: string };

export interface CheckedReplayOptions {
  readonly recording: string | HarDocument;
  readonly port: number;
  readonly host: string;
  readonly mode: ReplayMode;
  readonly speed: ReplaySpeed;
  readonly noMatchStatus: 501 | 404;
  readonly auth: ReplayAuth;
  readonly wallNowMs: (() => number) | undefined;
}

const KEYS = ['recording', 'port', 'host', 'mode', 'speed', 'noMatchStatus', 'user', 'password', 'wallNowMs'];

export function checkReplayOptions(options: ReplayOptions): CheckedReplayOptions {
  const bad = (name: string, why: string): never => {
    throw new ReplayError('REPLAY_ERR_BAD_OPTION', `Failed to start the replay: option "${name}" ${why}. Correct it and start again.`);
  };
  for (const key of Object.keys(options)) if (!KEYS.includes(key)) bad(key, `is unknown. Known options: ${KEYS.join(', ')}`);
  const r = options.recording;
  if (!(typeof r === 'string' ? r !== '' : typeof r === 'object' && r !== null)) bad('recording', 'must be the path of a HAR file or a HAR document');
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) bad('port', `must be an integer 0..65535, got ${String(port)}`);
  const mode = options.mode ?? 'time';
  if (mode !== 'time' && mode !== 'sequence') bad('mode', `must be "time" or "sequence", got ${String(mode)}`);
  const speed = options.speed ?? 1;
  if (speed !== 'manual' && !isSpeed(speed)) bad('speed', `must be ${SPEED_RANGE} or "manual", got ${String(speed)}`);
  const noMatchStatus = options.noMatchStatus ?? 501;
  if (noMatchStatus !== 501 && noMatchStatus !== 404) bad('noMatchStatus', `must be 501 or 404, got ${String(noMatchStatus)}`);
  if ((options.user === undefined) !== (options.password === undefined)) bad(options.user === undefined ? 'user' : 'password', 'must be given together with the other of user and password');
  const auth: ReplayAuth = options.user !== undefined && options.password !== undefined ? { kind: 'basic', user: options.user, password: options.password } : { kind: 'any' };
  return Object.freeze({ recording: r, port, host: options.host ?? '127.0.0.1', mode, speed, noMatchStatus, auth, wallNowMs: options.wallNowMs });
}
