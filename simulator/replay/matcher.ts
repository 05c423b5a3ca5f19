/**
 * Chooses the recorded response for a replayed request. Pure apart from its own counters, which one matcher
 * instance (one replay server) owns.
 *
 * A match needs the same method, path, query and body (request-shape.ts). Among the matches:
 * - time mode: the one recorded nearest to the replay clock (ties: the earlier), so polling a GET walks
 *   through the recorded telemetry as replay time passes;
 * - sequence mode: the n-th identical request gets the n-th recorded one; past the end the last one repeats,
 *   as a device whose answer stopped changing would.
 * Requests carrying credentials prefer entries recorded with credentials, and the other way round, so a
 * recorded 401 is only replayed to a client that also came without them. A request whose body matches no
 * recorded body falls back to a recorded request whose body is not in the file (request-shape.ts).
 */
import type { HarEntry } from './har-types.ts';
import { entryTimeMs } from './har-read.ts';
import { closestRequests, type ClosestRequest } from './closest.ts';
import { keyOf, shapeOfEntry, UNKNOWN_BODY, type RequestShape } from './request-shape.ts';

export type ReplayMode = 'time' | 'sequence';

export type MatchResult =
  | { readonly kind: 'hit'; readonly entry: HarEntry; readonly index: number }
  | { readonly kind: 'miss'; readonly closest: readonly ClosestRequest[] };

export interface Matcher {
  /** The response for `request` at replay time `atMs` [epoch ms]. */
  match(request: RequestShape, atMs: number): MatchResult;
}

interface Candidate {
  readonly entry: HarEntry;
  readonly index: number;
  readonly atMs: number;
}

/** Index of the element of ascending `times` nearest to `t`; ties go to the earlier. */
export function nearestIndex(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs((times[lo - 1] ?? 0) - t) <= Math.abs((times[lo] ?? 0) - t)) return lo - 1;
  return lo;
}

export function createMatcher(entries: readonly HarEntry[], mode: ReplayMode): Matcher {
  const shapes = entries.map(shapeOfEntry);
  const groups = new Map<string, Candidate[]>();
  entries.forEach((entry, index) => {
    const shape = shapes[index] as RequestShape;
    const key = `${shape.hasAuth ? 'auth' : 'none'}|${keyOf(shape)}`;
    const list = groups.get(key) ?? [];
    list.push({ entry, index, atMs: entryTimeMs(entry) });
    groups.set(key, list);
  });
  for (const list of groups.values()) list.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
  const times = new Map([...groups].map(([k, list]) => [k, list.map((c) => c.atMs)]));
  const served = new Map<string, number>();

  return {
    match(request, atMs) {
      const groupOf = (r: RequestShape): string | undefined => {
        const key = keyOf(r);
        const preferred = `${r.hasAuth ? 'auth' : 'none'}|${key}`;
        const other = `${r.hasAuth ? 'none' : 'auth'}|${key}`;
        return groups.has(preferred) ? preferred : groups.has(other) ? other : undefined;
      };
      const groupKey = groupOf(request) ?? (request.body === '' ? undefined : groupOf({ ...request, body: UNKNOWN_BODY }));
      if (groupKey === undefined) return { kind: 'miss', closest: closestRequests(request, shapes) };
      const list = groups.get(groupKey) as Candidate[];
      let chosen: Candidate;
      if (mode === 'sequence') {
        const n = served.get(groupKey) ?? 0;
        served.set(groupKey, n + 1);
        chosen = list[Math.min(n, list.length - 1)] as Candidate;
      } else {
        chosen = list[nearestIndex(times.get(groupKey) ?? [], atMs)] as Candidate;
      }
      return { kind: 'hit', entry: chosen.entry, index: chosen.index };
    },
  };
}
