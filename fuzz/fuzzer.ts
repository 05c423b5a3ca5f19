/**
 * The fuzzer: both emulators on a manual clock, a recorder in front of each, planted secrets, then seeded hostile
 * cases (fuzz/cases.ts) until the request count or the time budget runs out. Reports crashes, hangs, 5xx by route,
 * state changes after rejected requests (the /_sim/ state before and after, on the manual clock) and every planted
 * secret found in the recordings. Loopback only; everything it starts it stops.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHomevolt, startSessy, startRecorder, type RecorderOptions } from '../simulator/index.ts';
import { drawCase, type DeviceName, type FuzzCase, type Via } from './cases.ts';
import { sendRaw, type RawOutcome } from './raw-client.ts';
import { caseBytes, type WireCredentials } from './request-bytes.ts';
import { scanHar, type SecretHit } from './secret-scan.ts';
import { plantSecrets, type PlantedSecrets } from './plant.ts';

export interface FuzzOptions {
  readonly seed: number;
  /** Stop after this many requests (a pipelined case counts each of its requests). */
  readonly requests: number;
  /** Stop after this long, whatever the count [ms]. */
  readonly timeLimitMs: number;
  /** The emulators' receive timeout [ms]: short, so that stalled clients are answered quickly. */
  readonly recvTimeoutMs?: number;
  /**
   * Send stalled clients (bodies or heads that stop) through the recorder too; default true. The recorder does not
   * time out a stalled client yet, so each such case waits for the hang deadline (see KNOWN_RECORDER_ISSUES).
   */
  readonly recorderStalls?: boolean;
  readonly progress?: (line: string) => void;
}

export interface Finding {
  readonly case: number;
  /** `device via`, e.g. `sessy recorder`. */
  readonly target: string;
  readonly what: string;
  /** The client stopped sending mid-request (a stalled head or body). */
  readonly stalled?: boolean;
  /** The request path, for 5xx findings. */
  readonly path?: string;
}

/** The case leaves a request unfinished on purpose: a body shorter than declared, or a head cut off. */
export function isStalled(c: FuzzCase): boolean {
  return c.tail === 'stall-head' || c.requests.some((r) => r.framing === 'longer');
}

export interface FuzzReport {
  readonly seed: number;
  readonly cases: number;
  readonly requests: number;
  readonly durationMs: number;
  readonly crashes: readonly string[];
  readonly hangs: readonly Finding[];
  /** Every 5xx, by `device via METHOD path`. */
  readonly serverErrorsByRoute: Readonly<Record<string, number>>;
  /** 5xx the device itself would not send. */
  readonly unexpectedServerErrors: readonly Finding[];
  readonly stateChanges: readonly Finding[];
  readonly secretsFound: readonly SecretHit[];
  /** Answers by status, for the README figures. */
  readonly statuses: Readonly<Record<string, number>>;
}

/** State that every request touches by design: when the device last heard a client, failed-login counting, logs. */
const VOLATILE_KEYS = new Set(['lastContactMs', 'lockout', 'failedLogins', 'events', 'logs', 'requests']);

function snapshot(state: Record<string, unknown>): string {
  return JSON.stringify(state, (key, value) => (VOLATILE_KEYS.has(key) ? undefined : value));
}

/** A 5xx the device sends itself: ESP-IDF's 505 for a version it refuses, Homevolt's 503/507, Sessy's 505 strategy text. */
function deviceSends(device: DeviceName, status: number, body: string): boolean {
  if (status === 505 && body === 'HTTP version not supported by server') return true;
  if (device === 'homevolt') return status === 503 || status === 507;
  return status === 505 && body.includes('currently unable to run');
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const startedMs = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), 'battsim-fuzz-'));
  const crashes: string[] = [];
  const onCrash = (e: unknown): void => {
    crashes.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const recvTimeoutMs = options.recvTimeoutMs ?? 200;
  const secrets = plannedSecrets(options.seed);
  const sessy = await startSessy({ seed: options.seed, speed: 'manual', port: 0, host: '127.0.0.1', password: secrets.values.sessyPassword, controlToken: secrets.values.controlToken, recvTimeoutMs });
  const homevolt = await startHomevolt({ seed: options.seed, speed: 'manual', port: 0, host: '127.0.0.1', password: secrets.values.homevoltPassword, controlToken: secrets.values.controlToken, recvTimeoutMs });
  const recorderOptions = (target: string, name: string): RecorderOptions => ({ target, out: join(workDir, `${name}.har`), host: '127.0.0.1', port: 0, timeoutMs: 3000, sync: false });
  const recorders = { sessy: await startRecorder(recorderOptions(sessy.url, 'sessy')), homevolt: await startRecorder(recorderOptions(homevolt.url, 'homevolt')) };
  const emulators = { sessy, homevolt };
  const credentials: Record<DeviceName, WireCredentials> = { sessy: sessy.credentials!, homevolt: { user: 'admin', password: secrets.values.homevoltPassword } };
  const portOf = (device: DeviceName, via: Via): number => Number(new URL(via === 'direct' ? emulators[device].url : recorders[device].url).port);

  const hangs: Finding[] = [];
  const unexpected: Finding[] = [];
  const stateChanges: Finding[] = [];
  const byRoute: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  let requests = 0;
  let cases = 0;
  const drawn = { batch: -1, cases: [] as FuzzCase[] };
  try {
    await plantSecrets(secrets, { sessy: recorders.sessy.url, homevolt: recorders.homevolt.url }, credentials);
    while (requests < options.requests && Date.now() - startedMs < options.timeLimitMs) {
      const index = cases++;
      const drawnCase = clampForRecorder(drawCase(options.seed, index, drawn));
      const fuzzCase = options.recorderStalls === false && drawnCase.via === 'recorder' && isStalled(drawnCase) ? { ...drawnCase, via: 'direct' as const } : drawnCase;
      requests += fuzzCase.requests.length;
      const emulator = emulators[fuzzCase.device];
      const before = snapshot(emulator.control.state());
      const outcome = await sendRaw({ port: portOf(fuzzCase.device, fuzzCase.via), bytes: caseBytes(fuzzCase, credentials[fuzzCase.device]), expectAnswers: fuzzCase.requests.length, deadlineMs: 3 * recvTimeoutMs + 1500 });
      const target = `${fuzzCase.device} ${fuzzCase.via}`;
      if (outcome.hung) hangs.push({ case: index, target, what: describeCase(fuzzCase), ...(isStalled(fuzzCase) ? { stalled: true } : {}) });
      for (const answer of outcome.answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      judgeAnswers(index, fuzzCase, outcome, byRoute, unexpected);
      const rejected = outcome.answers.length === 0 || outcome.answers.every((a) => a.status >= 400);
      const after = snapshot(emulator.control.state());
      if (rejected && after !== before) stateChanges.push({ case: index, target, what: `${describeCase(fuzzCase)}: ${firstDifference(before, after)}` });
      // A request that rebooted or updated the device on the manual clock: let it come back before the next case.
      if (outcome.answers.some((a) => a.status === 503)) emulator.control.advance(900);
      if (index % 500 === 0) options.progress?.(`case ${index}, ${requests} requests, ${Math.round((Date.now() - startedMs) / 1000)} s`);
    }
  } finally {
    await recorders.sessy.close();
    await recorders.homevolt.close();
    await sessy.close();
    await homevolt.close();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
  const secretsFound = ['sessy', 'homevolt'].flatMap((name) => scanHar(readFileSync(join(workDir, `${name}.har`), 'utf8'), secrets.byLabel).map((h) => ({ ...h, where: `${name}.har ${h.where}` })));
  rmSync(workDir, { recursive: true, force: true });
  return { seed: options.seed, cases, requests, durationMs: Date.now() - startedMs, crashes, hangs, serverErrorsByRoute: byRoute, unexpectedServerErrors: unexpected, stateChanges, secretsFound, statuses };
}

function judgeAnswers(index: number, fuzzCase: FuzzCase, outcome: RawOutcome, byRoute: Record<string, number>, unexpected: Finding[]): void {
  outcome.answers.forEach((answer, i) => {
    if (answer.status < 500) return;
    const spec = fuzzCase.requests[Math.min(i, fuzzCase.requests.length - 1)]!;
    const route = `${fuzzCase.device} ${fuzzCase.via} ${spec.method.slice(0, 12)} ${spec.path.split('?')[0]!.slice(0, 40)}`;
    byRoute[route] = (byRoute[route] ?? 0) + 1;
    const body = answer.body.toString('utf8');
    // Through the recorder, a 502/504 with the recorder's JSON is the recorder's own answer when the device closed.
    if (!deviceSends(fuzzCase.device, answer.status, body)) unexpected.push({ case: index, target: `${fuzzCase.device} ${fuzzCase.via}`, path: spec.path, what: `${answer.status} ${body.slice(0, 120)} for ${describeCase(fuzzCase)}` });
  });
}

/** Recordings keep whole bodies until the recorder's body limit lands: keep the recorder's cases small. */
function clampForRecorder(c: FuzzCase): FuzzCase {
  if (c.via !== 'recorder') return c;
  return {
    ...c,
    requests: c.requests.map((r) => (r.body.kind === 'repeat' || r.body.kind === 'nested' ? { ...r, body: r.body.kind === 'repeat' ? { ...r.body, count: Math.min(r.body.count, 100_000) } : { ...r.body, depth: Math.min(r.body.depth, 100_000) } } : r)),
  };
}

export function describeCase(c: FuzzCase): string {
  const parts = c.requests.map((r) => `${JSON.stringify(r.method.slice(0, 12))} ${JSON.stringify(r.path.slice(0, 48))} auth=${r.auth} ct=${JSON.stringify((r.contentType ?? '-').slice(0, 30))} body=${r.body.kind} framing=${r.framing}${r.extraHeaders.length ? ` +${r.extraHeaders.map(([n]) => n.slice(0, 16)).join(',')}` : ''}`);
  return `${parts.join(' | ')}${c.tail !== 'none' ? ` | ${c.tail}` : ''}`;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `…${a.slice(Math.max(0, i - 60), i + 40)}… → …${b.slice(Math.max(0, i - 60), i + 40)}…`;
}

function plannedSecrets(seed: number): PlantedSecrets {
  const tag = (name: string): string => `${name}${(Math.imul(seed + 17, 2654435761) >>> 0).toString(36)}Q`;
  const values = {
    sessyPassword: tag('SPW'),
    homevoltPassword: tag('hvpw'),
    controlToken: tag('tok'),
    pskForm: tag('pskform'),
    pskMultipart: tag('pskmulti'),
    pskTextPlain: tag('psktext'),
    pskUntyped: tag('pskbare'),
    pskConsole: tag('pskcons'),
    wifiJson: tag('wifijson'),
    wifiJsonAsForm: tag('wifiform'),
    wifiJsonAsOctets: tag('wifioct'),
  };
  return { values, byLabel: values };
}
