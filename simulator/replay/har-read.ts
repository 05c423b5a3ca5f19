/** Parses and checks a HAR document before it is served or mined. Pure. */
import { ReplayError } from './errors.ts';
import type { HarDocument, HarEntry } from './har-types.ts';

function failer(source: string | undefined): (why: string) => never {
  return (why) => {
    throw new ReplayError('REPLAY_ERR_INVALID_HAR', `Failed to read the recording${source === undefined ? '' : ` ${source}`}: ${why}. Use a HAR 1.2 file written by \`battsim record\` or a browser's developer tools.`);
  };
}

function checkEntry(e: unknown, i: number, fail: (why: string) => never): HarEntry {
  if (typeof e !== 'object' || e === null) fail(`entry ${i} is not an object`);
  const entry = e as Partial<HarEntry>;
  if (typeof entry.startedDateTime !== 'string' || Number.isNaN(Date.parse(entry.startedDateTime))) fail(`entry ${i} has no valid startedDateTime`);
  const req = entry.request;
  if (!req || typeof req.method !== 'string' || typeof req.url !== 'string') fail(`entry ${i} has no request method and url`);
  try {
    new URL(req.url);
  } catch {
    fail(`entry ${i} has a request url that is not absolute: ${req.url.slice(0, 100)}`);
  }
  const res = entry.response;
  if (!res || typeof res.status !== 'number' || typeof res.content !== 'object' || res.content === null) fail(`entry ${i} has no response status and content`);
  if (!Array.isArray(req.headers) || !Array.isArray(res.headers)) fail(`entry ${i} has no header lists`);
  return entry as HarEntry;
}

/** The document in `text`, checked; entries keep their order in the file. `source` (a path) names it in errors. */
export function parseHar(text: string, source?: string): HarDocument {
  const fail: (why: string) => never = failer(source);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    // V8 quotes a prefix of the text in its message; keep it short for a binary file.
    fail(`it is not JSON (${(cause as Error).message.slice(0, 120)})`);
  }
  const log = (doc as { log?: { version?: unknown; entries?: unknown } } | null)?.log;
  if (!log || typeof log !== 'object') fail('it has no "log" object');
  if (log.version !== '1.2' && log.version !== '1.1') fail(`its version is ${JSON.stringify(log.version)}, not "1.2"`);
  if (!Array.isArray(log.entries)) fail('it has no "entries" array');
  const entries = log.entries.map((e, i) => checkEntry(e, i, fail));
  return { log: { ...(log as HarDocument['log']), entries } };
}

/** When an entry started [epoch ms]. */
export function entryTimeMs(entry: HarEntry): number {
  return Date.parse(entry.startedDateTime);
}
