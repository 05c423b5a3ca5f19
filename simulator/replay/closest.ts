/** Ranks recorded requests by how close they come to one that matched none. Pure. */
import { keyOf, type RequestShape } from './request-shape.ts';

export interface ClosestRequest {
  readonly method: string;
  /** Path and query. */
  readonly target: string;
  /** Canonical body, cut to 200 characters. */
  readonly body: string;
  /** Edit distance between the two requests' method, path, query and body (lower is closer). */
  readonly distance: number;
}

const LIMIT = 300;

/** Levenshtein distance of the first 300 characters of each. */
export function editDistance(a: string, b: string): number {
  const x = a.slice(0, LIMIT);
  const y = b.slice(0, LIMIT);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length] ?? 0;
}

/** The `count` recorded shapes nearest to `wanted`; a different method counts as 10 edits more. */
export function closestRequests(wanted: RequestShape, recorded: readonly RequestShape[], count = 3): ClosestRequest[] {
  const seen = new Set<string>();
  const ranked: ClosestRequest[] = [];
  const wantedLine = keyOf({ ...wanted, method: '' });
  for (const r of recorded) {
    const key = keyOf(r);
    if (seen.has(key)) continue;
    seen.add(key);
    const distance = editDistance(wantedLine, keyOf({ ...r, method: '' })) + (r.method === wanted.method ? 0 : 10);
    ranked.push({ method: r.method, target: r.path + (r.query === '' ? '' : `?${r.query}`), body: r.body.slice(0, 200), distance });
  }
  return ranked.sort((a, b) => a.distance - b.distance).slice(0, count);
}
