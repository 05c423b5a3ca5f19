/**
 * The replay server: serves a recording as if it were the device (adapter over node:http; every decision is
 * in matcher.ts, replay-answer.ts and replay-control.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pairsFromRaw } from './content.ts';
import { ReplayError } from './errors.ts';
import { readHarFile } from './har-file.ts';
import { entryTimeMs, parseHar } from './har-read.ts';
import type { HarDocument } from './har-types.ts';
import { createMatcher } from './matcher.ts';
import { answerFromEntry, credentialsAccepted, noMatchAnswer, unauthorizedAnswer, type ReplayAnswer } from './replay-answer.ts';
import { createReplayClock, type ReplayClock } from './replay-clock.ts';
import { CONTROL_PREFIX, handleControl } from './replay-control.ts';
import { checkReplayOptions, type ReplayOptions } from './replay-options.ts';
import { shapeOfRequest } from './request-shape.ts';

export interface RunningReplay {
  /** Where clients connect instead of the device. */
  readonly url: string;
  /** Replay time; tests may advance a manual one directly. */
  readonly clock: ReplayClock;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: ReplayAnswer, head: boolean): void {
  if (answer.kind === 'reset') {
    res.socket?.resetAndDestroy();
    return;
  }
  res.writeHead(answer.status, answer.statusText, [...answer.headers]);
  res.end(head ? undefined : answer.body);
}

export async function startReplay(options: ReplayOptions): Promise<RunningReplay> {
  const o = checkReplayOptions(options);
  const har: HarDocument = typeof o.recording === 'string' ? readHarFile(o.recording) : parseHar(JSON.stringify(o.recording));
  const entries = har.log.entries;
  if (entries.length === 0) throw new ReplayError('REPLAY_ERR_EMPTY_HAR', 'Failed to start the replay: the recording holds no entries. Record a session with `battsim record` first.');
  const startMs = Math.min(...entries.map(entryTimeMs));
  const clock = createReplayClock({ startMs, speed: o.speed, ...(o.wallNowMs ? { wallNowMs: o.wallNowMs } : {}) });
  const matcher = createMatcher(entries, o.mode);
  const unauthorized = unauthorizedAnswer(entries);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const target = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (target.startsWith(CONTROL_PREFIX)) return send(res, handleControl(method, target.split('?')[0] ?? target, body, clock), false);
    const headers = pairsFromRaw(req.rawHeaders);
    const shape = shapeOfRequest({ method, target, headers, body });
    const authorized = credentialsAccepted(o.auth, req.headers.authorization);
    // Without valid credentials, only what the device served to a client without credentials is served.
    const result = matcher.match(authorized ? shape : { ...shape, hasAuth: false }, clock.now());
    let answer: ReplayAnswer;
    if (result.kind === 'miss') answer = noMatchAnswer(o.noMatchStatus, shape, result.closest);
    else if (!authorized && (result.entry.request.headers.some((h) => h.name.toLowerCase() === 'authorization') || result.entry.response.status === 401)) answer = unauthorized;
    else answer = answerFromEntry(result.entry);
    send(res, answer, method === 'HEAD');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'REPLAY_ERR_INVALID_HAR', message: `Failed to replay: ${err.message}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}`,
    clock,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
