/**
 * When a simulation starts (docs/sessy-schedules-and-time.md): a real device runs on NTP time, so a scaled clock
 * (real time or faster) starts at the host's now; a manual clock, the clock of tests, starts at the fixed
 * DEFAULT_START_MS so that a seed gives the same day every run. `--start now|<ISO 8601>` (`start` in the Node
 * API) chooses. Reading the host's calendar clock belongs here (and the scaled clock's wall time beside it).
 */
import { DEFAULT_START_MS, localTime } from '../core/index.ts';
import type { SpeedOption } from './emulator.ts';

/** `now`, a date (`2026-03-29`: local midnight in the devices' time zone) or a date-time with Z or an offset. */
export type StartOption = 'now' | string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a start text: 'now', or an instant [epoch ms]. Returns a message for the caller's own error type when the
 * text is not one of the accepted forms or not a real calendar instant.
 */
export function parseStartText(text: string): 'now' | number | { readonly error: string } {
  if (text === 'now') return 'now';
  const why = `"${text}" is not "now", a date (2026-03-29, local midnight of the devices' time zone) or a date-time with Z or an offset (2026-03-29T01:30:00Z, 2026-03-29T03:30+02:00)`;
  const date = DATE.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const noonMs = Date.UTC(y, m - 1, d, 12);
    if (!isCalendarDate(noonMs, y, m, d)) return { error: why };
    // Midnight in the devices' zone (CET/CEST; both devices sell in it): the local day that holds its noon.
    return localTime(noonMs).midnightMs;
  }
  const dateTime = DATE_TIME.exec(text);
  if (!dateTime) return { error: why };
  const [y, m, d, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(dateTime[i] ?? 0)) as [number, number, number, number, number, number];
  if (!isCalendarDate(Date.UTC(y, m - 1, d, 12), y, m, d) || hh > 23 || mm > 59 || ss > 59) return { error: why };
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : { error: why };
}

/**
 * The simulated start [epoch ms]: `startMs` if given, else `start` read by parseStartText, else the default for the
 * clock: the host's now for a scaled clock, DEFAULT_START_MS for a manual one.
 */
export function resolveStartMs(start: StartOption | undefined, speed: SpeedOption, hostNowMs: () => number = Date.now): number | { readonly error: string } {
  if (start === undefined) return speed === 'manual' ? DEFAULT_START_MS : hostNowMs();
  if (typeof start !== 'string') return { error: `must be "now" or an ISO 8601 text, got ${String(start)}` };
  const parsed = parseStartText(start);
  return parsed === 'now' ? hostNowMs() : parsed;
}

function isCalendarDate(noonMs: number, y: number, m: number, d: number): boolean {
  const back = new Date(noonMs);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d && y >= 1970;
}
