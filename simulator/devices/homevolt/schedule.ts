/**
 * The schedule book (docs/homevolt.md §3.6, §4.2): a list of entries with an id string. `sched_set` replaces
 * the list with one entry that starts now and has no end, and the id becomes "Manual Schedule"; `sched_add`
 * appends; the partner cloud's plan carries a UUID. Types the configured firmware does not support are
 * accepted and normalised to idle, as current firmware does (pyHomevolt tests, docs/homevolt.md §4.2).
 */
import { HomevoltError } from './errors.ts';

/** 0 idle … 9 full solar export (BATTERY_CONTROL_GUIDE.md; the firmware help lists 0–6). */
export type ScheduleType = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export const ALL_SCHEDULE_TYPES: readonly ScheduleType[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Entry parameters in firmware units (W, mA, mA/s, Wh, unix s), keys in the order the firmware emits them. */
export type ScheduleParams = Readonly<Record<string, number | boolean>>;

export interface ScheduleEntry {
  readonly id: number;
  readonly type: ScheduleType;
  /** Start [epoch ms]. */
  readonly fromMs: number;
  /** End [epoch ms]; null: until replaced. */
  readonly toMs: number | null;
  /** Whether --from/--to were given (a bare `sched_set` entry shows neither in /schedule.json). */
  readonly explicitTimes: boolean;
  /** SOC window of the entry [%]. */
  readonly minSocPct: number | null;
  readonly maxSocPct: number | null;
  readonly params: ScheduleParams;
}

export type NewEntry = Omit<ScheduleEntry, 'id'>;

export interface ScheduleBook {
  readonly scheduleId: string;
  readonly entries: readonly ScheduleEntry[];
  /** Replaces the list with one entry; returns what was stored (possibly normalised to idle). */
  set(entry: NewEntry): ScheduleEntry;
  add(entry: NewEntry): ScheduleEntry;
  /** Deletes an entry by id; false when there is none. */
  del(id: number): boolean;
  clear(): void;
  /** Replaces everything, as a partner-cloud push does. */
  replace(scheduleId: string, entries: readonly NewEntry[]): void;
  /** The entry in force at `tMs`: the latest-starting one whose window holds `tMs`; null: idle. */
  active(tMs: number): ScheduleEntry | null;
}

export const MANUAL_SCHEDULE_ID = 'Manual Schedule';

export function createScheduleBook(supported: readonly ScheduleType[], initialId = ''): ScheduleBook {
  let scheduleId = initialId;
  let entries: ScheduleEntry[] = [];
  let nextId = 0;
  const normalise = (entry: NewEntry): NewEntry => {
    if (supported.includes(entry.type)) return entry;
    return { ...entry, type: 0, minSocPct: null, maxSocPct: null, params: { offline: false } };
  };
  const book: ScheduleBook = {
    get scheduleId() {
      return scheduleId;
    },
    get entries() {
      return entries;
    },
    set(entry) {
      checkEntry(entry);
      nextId = 0;
      const stored = { ...normalise(entry), id: nextId++ };
      entries = [stored];
      scheduleId = MANUAL_SCHEDULE_ID;
      return stored;
    },
    add(entry) {
      checkEntry(entry);
      const stored = { ...normalise(entry), id: nextId++ };
      entries = [...entries, stored];
      if (scheduleId === '') scheduleId = MANUAL_SCHEDULE_ID;
      return stored;
    },
    del(id) {
      const before = entries.length;
      entries = entries.filter((e) => e.id !== id);
      return entries.length !== before;
    },
    clear() {
      entries = [];
      scheduleId = '';
      nextId = 0;
    },
    replace(id, list) {
      list.forEach(checkEntry);
      scheduleId = id;
      // A partner plan is shown as pushed: normalising is what the local CLI does.
      entries = list.map((e, i) => ({ ...e, id: i + 1 }));
      nextId = entries.length + 1;
    },
    active(tMs) {
      let best: ScheduleEntry | null = null;
      for (const e of entries) {
        if (e.fromMs > tMs || (e.toMs !== null && e.toMs <= tMs)) continue;
        if (!best || e.fromMs >= best.fromMs) best = e;
      }
      return best;
    },
  };
  return book;
}

function checkEntry(entry: NewEntry): void {
  if (!ALL_SCHEDULE_TYPES.includes(entry.type)) {
    throw new HomevoltError('HOMEVOLT_ERR_BAD_SCHEDULE', `Failed to store the schedule entry: type ${entry.type} is not 0–9.`);
  }
  if (entry.toMs !== null && entry.toMs <= entry.fromMs) {
    throw new HomevoltError('HOMEVOLT_ERR_BAD_SCHEDULE', 'Failed to store the schedule entry: --to is not after --from.');
  }
  for (const bound of [entry.minSocPct, entry.maxSocPct]) {
    if (bound !== null && !(bound >= 0 && bound <= 100)) {
      throw new HomevoltError('HOMEVOLT_ERR_BAD_SCHEDULE', `Failed to store the schedule entry: SOC bound ${bound} is not within 0–100 %.`);
    }
  }
  if (entry.minSocPct !== null && entry.maxSocPct !== null && entry.minSocPct > entry.maxSocPct) {
    throw new HomevoltError('HOMEVOLT_ERR_BAD_SCHEDULE', 'Failed to store the schedule entry: --min is above --max.');
  }
}

/** The partner cloud's plan the device shows at start: 15-minute slots two hours ahead (docs/homevolt.md §3.6 shape). */
export function cloudPlan(startMs: number): NewEntry[] {
  const slotMs = 15 * 60_000;
  const t0 = Math.ceil((startMs + 2 * 3_600_000) / slotMs) * slotMs;
  const s = (ms: number): number => Math.floor(ms / 1000);
  const common = { main_fuse: 25000, charge_ramp_up: 1000, discharge_ramp_up: 1000 };
  const entry = (i: number, n: number, type: ScheduleType, params: ScheduleParams): NewEntry => ({
    type,
    fromMs: t0 + i * slotMs,
    toMs: t0 + (i + n) * slotMs,
    explicitTimes: true,
    minSocPct: null,
    maxSocPct: null,
    params,
  });
  return [
    entry(0, 1, 1, { ...common, import_energy_limit_to: s(t0 + 4 * slotMs), import_energy_limit: 6000, setpoint: 6000 }),
    entry(1, 1, 3, { ...common, import_energy_limit_from: s(t0), import_energy_limit_to: s(t0 + 4 * slotMs), import_energy_limit: 6000, setpoint: 0 }),
    entry(2, 2, 1, { ...common, import_energy_limit_from: s(t0), import_energy_limit: 6000, setpoint: 6000 }),
  ];
}
