/**
 * The dynamic schedule and day-ahead prices the Sessy cloud pushes to the dongle (docs/sessy.md §3.5, docs/physics.md §5).
 * Prices come from the core's seeded generator; tomorrow's appear at 13:00 local time, just after the
 * market's ~12:55 publication (docs/physics.md §5.1). The ROI schedule is docs/physics.md §5.4 (a): whole slots at full
 * power, charging in the cheapest and discharging in the dearest, kept only when the spread pays for a cycle.
 */
import { createPriceGenerator, localTime, type PriceSource } from '../../core/index.ts';

export interface PriceWindow {
  readonly startMs: number;
  readonly endMs: number;
  /** [€/MWh] */
  readonly eurPerMWh: number;
}

export interface ScheduleWindow {
  readonly startMs: number;
  readonly endMs: number;
  /** [W], + = discharge. */
  readonly powerW: number;
}

export interface DaySchedule {
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  readonly prices: readonly PriceWindow[];
  readonly schedule: readonly ScheduleWindow[];
}

export interface ScheduleParams {
  /** Slot length [s]: 900 or 3600. */
  readonly slotS: number;
  readonly capacityWh: number;
  readonly chargeW: number;
  readonly dischargeW: number;
}

export interface SessySchedule {
  /** Days the dongle knows at `tMs`: today, and tomorrow from 13:00 local. */
  knownDays(tMs: number): readonly DaySchedule[];
  /** The ROI schedule's power at `tMs` [W], or undefined when no slot covers it. */
  powerAt(tMs: number): number | undefined;
  /** Whether `tMs` lies in one of the day's `hours` cheapest whole hours (ECO). */
  inCheapestHours(tMs: number, hours: number): boolean;
}

/** Local hour from which tomorrow's prices are known. */
export const PRICES_PUBLISHED_HOUR = 13;
/** Converter efficiency one way, for counting slots (docs/physics.md §5.4). */
const ONE_WAY_EFFICIENCY = 0.92;
/** The spread a cycle must earn after round-trip losses [€/MWh] (docs/physics.md §5.4, c_cycle). */
const CYCLE_COST_EUR_PER_MWH = 30;
const ROUND_TRIP = 0.8;

export function createSessySchedule(seed: number, params: ScheduleParams): SessySchedule {
  const source: PriceSource = createPriceGenerator(seed);
  const cache = new Map<string, DaySchedule>();
  const slotMs = params.slotS * 1000;

  const day = (tMs: number): DaySchedule => {
    const lt = localTime(tMs);
    const cached = cache.get(lt.date);
    if (cached) return cached;
    const quarters = source.dayPrices(tMs);
    const prices: PriceWindow[] = [];
    for (let i = 0; i < quarters.length; ) {
      const first = quarters[i]!;
      const group = quarters.slice(i, i + Math.max(1, Math.round(slotMs / first.durationMs)));
      const mean = group.reduce((sum, q) => sum + q.eurPerMWh, 0) / group.length;
      const last = group[group.length - 1]!;
      prices.push({ startMs: first.startMs, endMs: last.startMs + last.durationMs, eurPerMWh: mean });
      i += group.length;
    }
    const result = Object.freeze({ date: lt.date, prices, schedule: planDay(prices, params) });
    if (cache.size > 8) cache.clear();
    cache.set(lt.date, result);
    return result;
  };

  const find = <T extends { startMs: number; endMs: number }>(list: readonly T[], tMs: number) => list.find((w) => w.startMs <= tMs && tMs < w.endMs);

  return {
    knownDays(tMs) {
      const lt = localTime(tMs);
      const today = day(tMs);
      if (lt.hour < PRICES_PUBLISHED_HOUR) return [today];
      return [today, day(lt.midnightMs + 36 * 3_600_000)];
    },
    powerAt(tMs) {
      return find(day(tMs).schedule, tMs)?.powerW;
    },
    inCheapestHours(tMs, hours) {
      const { prices } = day(tMs);
      const hourly = new Map<number, { sum: number; n: number }>();
      for (const p of prices) {
        const h = Math.floor(localTime(p.startMs).hour);
        const acc = hourly.get(h) ?? { sum: 0, n: 0 };
        hourly.set(h, { sum: acc.sum + p.eurPerMWh, n: acc.n + 1 });
      }
      const cheapest = [...hourly.entries()].sort((a, b) => a[1].sum / a[1].n - b[1].sum / b[1].n || a[0] - b[0]).slice(0, Math.max(0, hours)).map(([h]) => h);
      return cheapest.includes(Math.floor(localTime(tMs).hour));
    },
  };
}

/** docs/physics.md §5.4 (a): n_c cheapest slots at −P_c, n_d dearest at +P_d, if the spread pays. */
export function planDay(prices: readonly PriceWindow[], params: ScheduleParams): ScheduleWindow[] {
  const slotH = params.slotS / 3600;
  const nCharge = Math.ceil(params.capacityWh / (ONE_WAY_EFFICIENCY * params.chargeW * slotH));
  const nDischarge = Math.ceil((params.capacityWh * ONE_WAY_EFFICIENCY) / (params.dischargeW * slotH));
  const byPrice = prices.map((p, i) => ({ i, price: p.eurPerMWh })).sort((a, b) => a.price - b.price || a.i - b.i);
  const charge = byPrice.slice(0, nCharge);
  const discharge = byPrice.slice(-nDischarge).filter((d) => !charge.includes(d));
  const mean = (xs: { price: number }[]) => xs.reduce((s, x) => s + x.price, 0) / Math.max(1, xs.length);
  const worthIt = mean(discharge) * ROUND_TRIP - mean(charge) > CYCLE_COST_EUR_PER_MWH;
  const powerOf = new Map<number, number>();
  if (worthIt) {
    for (const c of charge) powerOf.set(c.i, -params.chargeW);
    for (const d of discharge) powerOf.set(d.i, params.dischargeW);
  }
  return prices.map((p, i) => ({ startMs: p.startMs, endMs: p.endMs, powerW: powerOf.get(i) ?? 0 }));
}
