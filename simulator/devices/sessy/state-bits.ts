/**
 * The 256-bit system-state mask of `system/info` (docs/sessy.md §3.6, §4.3): which bits are set, and when each last
 * changed. `state_last_changed` reports milliseconds since the change, −1 for never.
 */
export interface StateBitsView {
  /** Set bit numbers, ascending. */
  readonly active: readonly number[];
  /** Per bit 0..255: ms since it last changed, or −1. */
  readonly sinceChangeMs: readonly number[];
}

export interface StateBits {
  update(active: readonly number[], tMs: number): void;
  reset(): void;
  view(tMs: number): StateBitsView;
}

export function createStateBits(): StateBits {
  let active = new Set<number>();
  let changedAt = new Map<number, number>();
  return {
    update(next, tMs) {
      const nextSet = new Set(next);
      if (nextSet.size === active.size && next.every((b) => active.has(b))) return;
      for (const b of nextSet) if (!active.has(b)) changedAt.set(b, tMs);
      for (const b of active) if (!nextSet.has(b)) changedAt.set(b, tMs);
      active = nextSet;
    },
    reset() {
      active = new Set();
      changedAt = new Map();
    },
    view(tMs) {
      const sinceChangeMs = Array.from({ length: 256 }, (_, i) => {
        const at = changedAt.get(i);
        return at === undefined ? -1 : Math.max(0, Math.round(tMs - at));
      });
      return { active: [...active].sort((a, b) => a - b), sinceChangeMs };
    },
  };
}
