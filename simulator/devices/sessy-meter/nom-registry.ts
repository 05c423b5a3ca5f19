/**
 * The rules of the meter's list of dongles in NOM (the device applies them to a Map it keeps in place): the last
 * report of each `unique_id` and when it came, and the forgetting of
 * a dongle that has been silent for longer than the timeout (docs/sessy.md §6). Immutable values, pure functions.
 */
import type { NomReport } from './nom-report.ts';

export interface NomEntry {
  readonly report: NomReport;
  /** When the meter received the report [simulated epoch ms]. */
  readonly receivedMs: number;
}

/** Known dongles by unique_id, in the order they first reported. */
export type NomRegistry = ReadonlyMap<string, NomEntry>;

export const EMPTY_REGISTRY: NomRegistry = new Map();

/**
 * How long the meter keeps a dongle that stopped reporting [s]. The firmware's figure is not known
 * (docs/sessy.md §6, an assumption): a dongle reports about once a second, so 30 s is thirty missed reports,
 * long enough to ride out a Wi-Fi hiccup and short enough that the others take over the share within a minute.
 */
export const DEFAULT_FORGET_AFTER_S = 30;

/** The registry with `report` as its dongle's latest (a dongle keeps its place in the order). */
export function recordReport(registry: NomRegistry, report: NomReport, receivedMs: number): NomRegistry {
  const next = new Map(registry);
  next.set(report.uniqueId, { report, receivedMs });
  return next;
}

/** The registry without the dongles silent for more than `forgetAfterS` at `tMs`; the same object when none is. */
export function forgetSilent(registry: NomRegistry, tMs: number, forgetAfterS: number): NomRegistry {
  let next: Map<string, NomEntry> | undefined;
  for (const [id, entry] of registry) {
    if (tMs - entry.receivedMs > forgetAfterS * 1000) {
      next ??= new Map(registry);
      next.delete(id);
    }
  }
  return next ?? registry;
}
