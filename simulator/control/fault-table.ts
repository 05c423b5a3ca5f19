/**
 * The faults in force on one emulator, and the decision each request meets. Pure bookkeeping: the clock's
 * time and a seeded random stream come in, so the same seed and the same requests meet the same faults.
 */
import type { RandomStream } from '../core/index.ts';
import type { FaultSpec, LatencySpec, RequestFaultEffect } from './fault-spec.ts';

export interface ActiveFault {
  readonly id: string;
  readonly spec: FaultSpec;
  readonly addedAtMs: number;
  /** Matching requests it has affected so far. */
  readonly hits: number;
}

/** What happens to one request. */
export interface FaultDecision {
  /** Extra wall delay before answering [ms]. */
  readonly delayMs: number;
  /** The one effect that replaces or damages the answer, if any (first match wins, in the order faults were added). */
  readonly effect: Exclude<RequestFaultEffect, { type: 'latency' }> | null;
  /** Ids of the faults that acted, for the request log. */
  readonly faultIds: readonly string[];
}

export interface FaultTable {
  add(spec: FaultSpec, nowMs: number): ActiveFault;
  remove(id: string): boolean;
  clear(): void;
  list(nowMs: number): readonly ActiveFault[];
  /** Decides the faults for a request to `method path` at `nowMs`, counting it against limited faults. */
  decide(method: string, path: string, nowMs: number): FaultDecision;
  /** The connection limit in force, or Infinity. */
  connectionLimit(nowMs: number): number;
}

interface Entry {
  id: string;
  spec: FaultSpec;
  addedAtMs: number;
  hits: number;
}

const NO_FAULT: FaultDecision = Object.freeze({ delayMs: 0, effect: null, faultIds: Object.freeze([]) as readonly string[] });

export function createFaultTable(rng: RandomStream): FaultTable {
  let entries: Entry[] = [];
  let nextId = 1;

  const expired = (e: Entry, nowMs: number): boolean => e.hits >= e.spec.scope.count || nowMs - e.addedAtMs >= e.spec.scope.durationS * 1000;
  const prune = (nowMs: number): void => {
    if (entries.length > 0 && entries.some((e) => expired(e, nowMs))) entries = entries.filter((e) => !expired(e, nowMs));
  };
  const view = (e: Entry): ActiveFault => ({ id: e.id, spec: e.spec, addedAtMs: e.addedAtMs, hits: e.hits });

  return {
    add(spec, nowMs) {
      const entry: Entry = { id: `f${nextId++}`, spec, addedAtMs: nowMs, hits: 0 };
      entries.push(entry);
      return view(entry);
    },
    remove(id) {
      const before = entries.length;
      entries = entries.filter((e) => e.id !== id);
      return entries.length !== before;
    },
    clear() {
      entries = [];
    },
    list(nowMs) {
      prune(nowMs);
      return entries.map(view);
    },
    decide(method, path, nowMs) {
      if (entries.length === 0) return NO_FAULT;
      prune(nowMs);
      let delayMs = 0;
      let effect: FaultDecision['effect'] = null;
      const faultIds: string[] = [];
      for (const e of entries) {
        const spec = e.spec;
        if (spec.type === 'reboot' || spec.type === 'socket-exhaustion') continue;
        if (!scopeMatches(spec.scope.method, spec.scope.path, method, path)) continue;
        if (spec.type === 'latency') {
          e.hits++;
          faultIds.push(e.id);
          delayMs += drawLatencyMs(spec.latency, rng);
          continue;
        }
        if (effect) continue;
        const rate = 'rate' in spec ? spec.rate : 1;
        // Draw even at rate 1 so that adding a fault does not shift the stream for the others by a variable amount.
        if (rng.next() >= rate) continue;
        e.hits++;
        faultIds.push(e.id);
        effect = stripScope(spec);
      }
      return { delayMs, effect, faultIds };
    },
    connectionLimit(nowMs) {
      if (entries.length === 0) return Infinity;
      prune(nowMs);
      let limit = Infinity;
      for (const e of entries) if (e.spec.type === 'socket-exhaustion') limit = Math.min(limit, e.spec.maxConnections);
      return limit;
    },
  };
}

export function scopeMatches(scopeMethod: string, scopePath: string, method: string, path: string): boolean {
  if (scopeMethod !== '*' && scopeMethod !== method.toUpperCase()) return false;
  if (scopePath === '*') return true;
  if (!scopePath.includes('*')) return scopePath === path;
  return wildcardMatch(scopePath, path);
}

/**
 * Whether `text` matches `pattern`, where `*` matches any run of characters. Greedy with one backtrack point:
 * O(pattern × text) at worst, where a regular expression of many `.*` backtracks exponentially (a hostile
 * fault scope must not be able to hang every vendor request).
 */
function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

export function drawLatencyMs(spec: LatencySpec, rng: RandomStream): number {
  switch (spec.distribution) {
    case 'fixed':
      return spec.ms;
    case 'uniform':
      return rng.uniform(spec.minMs, spec.maxMs);
    case 'lognormal':
      return Math.min(60_000, spec.medianMs * Math.exp(spec.sigma * rng.normal()));
  }
}

function stripScope(spec: FaultSpec): Exclude<RequestFaultEffect, { type: 'latency' }> {
  const { scope: _scope, ...effect } = spec;
  return effect as Exclude<RequestFaultEffect, { type: 'latency' }>;
}
