/**
 * The dongles' posts to the meter in a site (docs/sessy.md §4.1, §6): each dongle in NOM sends its report to
 * `POST <meter>/api/v1/nom/power` over HTTP, as the firmware does, and follows the `power_target_w` it gets back.
 * A dongle off its network (a network-loss fault on all of its paths) does not post, so the meter forgets it after
 * its timeout; a post the meter does not answer counts as a failure, and the dongle idles once its target is stale.
 */
import { Pool } from 'undici';
import type { SimControl } from '../../control/sim-control.ts';
import type { FaultSpec } from '../../control/fault-spec.ts';
import type { SessyDevice } from '../../devices/sessy/index.ts';
import { parseNomAnswer, renderNomReport } from '../../http/sessy/nom-wire.ts';
import type { DeviceRunner } from '../../engine/device-runner.ts';

export const NOM_PATH = '/api/v1/nom/power';

/** A dongle as the exchange sees it. */
export interface NomDongle {
  readonly name: string;
  readonly runner: DeviceRunner;
  readonly control: SimControl;
}

export interface NomExchangeOptions {
  readonly meterUrl: string;
  /** The meter's control: a network loss on it (or on its NOM path) makes it unreachable without waiting. */
  readonly meterControl: SimControl;
  readonly dongles: readonly NomDongle[];
  /** Wall time a post may take before it counts as unanswered [ms]; default 2000. */
  readonly timeoutMs?: number;
}

export interface NomExchange {
  /**
   * One round: every dongle that posts sends its report and takes the answer. 'sequential' posts one after the other
   * in the site's order (deterministic: a manual clock); 'concurrent' all at once (a scaled clock, as real dongles).
   */
  round(mode: 'sequential' | 'concurrent'): Promise<void>;
  /** Posts made and posts that failed since the start. */
  readonly counts: { readonly posts: number; readonly failures: number };
  /** Drops the dongles' connections to the meter, and any post in flight (the site is closing). */
  close(): Promise<void>;
}

export function createNomExchange(options: NomExchangeOptions): NomExchange {
  const timeoutMs = options.timeoutMs ?? 2000;
  const counts = { posts: 0, failures: 0 };
  // A keep-alive pool, a connection per dongle at most (real dongles post side by side), posted to through undici's
  // dispatch() (postReport): in a process of 250 homes the posts are most of what the process does
  // (bench/site-scale.ts), and each one's objects should die young.
  const pool = new Pool(options.meterUrl, { connections: Math.max(1, options.dongles.length), headersTimeout: timeoutMs, bodyTimeout: timeoutMs });

  const postOne = async (dongle: NomDongle): Promise<void> => {
    dongle.runner.sync();
    const device = dongle.runner.device as SessyDevice;
    if (!device.posts() || isOffNetwork(dongle.control)) return;
    counts.posts++;
    if (cutsOff(options.meterControl, NOM_PATH)) {
      counts.failures++;
      device.receiveNomAnswer(null);
      return;
    }
    const reply = await postReport(pool, JSON.stringify(renderNomReport(device.nomReport())));
    const answer = reply !== null && reply.status >= 200 && reply.status < 300 ? parseNomAnswer(safeJson(reply.text)) : null;
    // The device may have been replaced meanwhile (it cannot in a site: reset is refused), so read it again.
    const now = dongle.runner.device as SessyDevice;
    dongle.runner.sync();
    if (answer === null) counts.failures++;
    now.receiveNomAnswer(answer);
  };

  return {
    counts,
    close: () => pool.destroy(),
    async round(mode) {
      if (mode === 'concurrent') {
        await Promise.all(options.dongles.map(postOne));
        return;
      }
      for (const dongle of options.dongles) await postOne(dongle);
    },
  };
}

/** The request headers of every post, shared: a flat list, which undici takes as it is. */
const POST_HEADERS: string[] = ['content-type', 'application/json'];

/**
 * One post and its answer's status and text, or null when it failed (refused, reset, timed out). Through dispatch()
 * with a handler that keeps only the status and the body's chunks: request() would build a Readable, parse every
 * header into an object and chain promises for each post, about a fifth of what a site of 250 homes promotes to
 * V8's old generation (allocation profile of the objects that die old; README, "A site's scale").
 */
function postReport(pool: Pool, body: string): Promise<{ readonly status: number; readonly text: string } | null> {
  return new Promise((resolve) => {
    let status = 0;
    const chunks: Buffer[] = [];
    pool.dispatch(
      { method: 'POST', path: NOM_PATH, headers: POST_HEADERS, body },
      {
        onConnect: () => {},
        onHeaders: (statusCode) => {
          status = statusCode;
          return true;
        },
        onData: (chunk) => {
          chunks.push(chunk);
          return true;
        },
        onComplete: () => resolve({ status, text: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8') }),
        onError: () => resolve(null),
      },
    );
  });
}

/** A network loss on every path and method: the device is off its network. */
export function isOffNetwork(control: SimControl): boolean {
  return control.faults().some((f) => f.spec.type === 'network-loss' && isEverywhere(f.spec));
}

/** A network loss that covers `path` for POST: the device would hold the socket, never answering. */
function cutsOff(control: SimControl, path: string): boolean {
  return control.faults().some((f) => f.spec.type === 'network-loss' && (isEverywhere(f.spec) || (f.spec.scope.path === path && (f.spec.scope.method === '*' || f.spec.scope.method === 'POST'))));
}

function isEverywhere(spec: FaultSpec): boolean {
  return (spec.scope.path === '*' || spec.scope.path === '/*') && spec.scope.method === '*';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
