/**
 * The simulated calendar in a client's world (issue 14): a real-time emulator runs on the host's date, as a dongle on
 * NTP time does, so a client that looks up the slot for its own now finds one; days and summer time follow the
 * devices' time zone; a date's prices do not depend on when the run began (docs/sessy-schedules-and-time.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessyDevice } from '../../simulator/devices/sessy/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

interface Slot {
  readonly start_time: number;
  readonly end_time: number;
}
interface V2 {
  readonly dynamic_schedule: (Slot & { power: number })[];
  readonly energy_prices: (Slot & { price: number })[];
}
interface V1 {
  readonly power_strategy: { date: string; power: number[] }[];
  readonly energy_prices: { date: string; price: number[] }[];
}

const running: RunningEmulator<SessyDevice>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(options: Parameters<typeof startSessy>[0]): Promise<RunningEmulator<SessyDevice>> {
  const e = await startSessy(options);
  running.push(e);
  return e;
}

async function get<T>(e: RunningEmulator<SessyDevice>, path: string): Promise<T> {
  const authorization = `Basic ${Buffer.from(`${e.credentials!.user}:${e.credentials!.password}`).toString('base64')}`;
  const r = await fetch(e.url + path, { headers: { authorization } });
  expect(r.status).toBe(200);
  return (await r.json()) as T;
}

/** ha-sessy's lookup: the entry with start_time <= now < end_time, for the client's own clock. */
const slotFor = <S extends Slot>(slots: readonly S[], nowS: number): S | undefined => slots.find((s) => s.start_time <= nowS && nowS < s.end_time);

/** The local date (Europe/Amsterdam) a Dutch Home Assistant sees as today. */
const amsterdamDate = (ms: number): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(ms);

const utc = (iso: string): number => Date.parse(iso);

describe('a real-time emulator runs on the host’s date (issue 14)', () => {
  it('serves a price and a schedule slot for the host’s now, where ha-sessy looks them up', async () => {
    const e = await start({ speed: 1 });
    const v2 = await get<V2>(e, '/api/v2/dynamic/schedule');
    const nowS = Date.now() / 1000;
    expect(slotFor(v2.energy_prices, nowS)).toBeDefined();
    expect(slotFor(v2.dynamic_schedule, nowS)).toBeDefined();
  });

  it('serves today’s legacy v1 schedule on 1.7.2, dated as a Dutch client’s today', async () => {
    const e = await start({ speed: 1, firmware: '1.7.2' });
    const v1 = await get<V1>(e, '/api/v1/dynamic/schedule');
    const today = amsterdamDate(Date.now());
    expect(v1.power_strategy.find((d) => d.date === today)?.power.length).toBeGreaterThanOrEqual(23);
    expect(v1.energy_prices.find((d) => d.date === today)?.price.length).toBeGreaterThanOrEqual(23);
  });

  it('keeps a manual clock at the fixed default start unless told otherwise, and starts at the host’s now when told', async () => {
    expect((await start({})).clock.now()).toBe(utc('2026-06-01T00:00:00Z'));
    const before = Date.now();
    const e = await start({ start: 'now' });
    expect(e.clock.now()).toBeGreaterThanOrEqual(before);
    expect(e.clock.now()).toBeLessThanOrEqual(Date.now());
    expect(e.control.state()).toMatchObject({ uptimeS: 0 });
  });
});

describe('days and summer time in the devices’ time zone', () => {
  it.each([
    ['2026-03-29', '1.11.11', 92, utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z')],
    ['2026-10-25', '1.11.11', 100, utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z')],
    ['2026-03-29', '1.9.2', 23, utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z')],
    ['2026-10-25', '1.9.2', 25, utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z')],
  ] as const)('on %s firmware %s serves %i contiguous slots from local midnight to local midnight', async (date, firmware, n, fromMs, toMs) => {
    const e = await start({ start: date, firmware });
    const v2 = await get<V2>(e, '/api/v2/dynamic/schedule');
    for (const slots of [v2.energy_prices, v2.dynamic_schedule]) {
      expect(slots).toHaveLength(n);
      expect(slots[0]!.start_time).toBe(fromMs / 1000);
      expect(slots[n - 1]!.end_time).toBe(toMs / 1000);
      slots.forEach((s, i) => i > 0 && expect(s.start_time).toBe(slots[i - 1]!.end_time));
    }
  });

  it('adds tomorrow at 13:00 local, across the change to summer time', async () => {
    const e = await start({ start: '2026-03-29', firmware: '1.11.11' });
    e.control.advance((utc('2026-03-29T10:59:00Z') - e.clock.now()) / 1000); // 12:59 CEST
    expect((await get<V2>(e, '/api/v2/dynamic/schedule')).energy_prices).toHaveLength(92);
    e.control.advance(60); // 13:00 CEST
    const v2 = await get<V2>(e, '/api/v2/dynamic/schedule');
    expect(v2.energy_prices).toHaveLength(92 + 96);
    expect(v2.energy_prices.at(-1)!.end_time).toBe(utc('2026-03-30T22:00:00Z') / 1000);
    e.control.advance(12 * 3600); // past local midnight: today is the 30th
    expect((await get<V2>(e, '/api/v2/dynamic/schedule')).energy_prices[0]!.start_time).toBe(utc('2026-03-29T22:00:00Z') / 1000);
  });

  it('dates the v1 schedule by the local day, 23 hours on the day summer time starts', async () => {
    const e = await start({ start: '2026-03-29', firmware: '1.9.2' });
    e.control.advance(14 * 3600);
    const v1 = await get<V1>(e, '/api/v1/dynamic/schedule');
    expect(v1.power_strategy.map((d) => [d.date, d.power.length])).toEqual([
      ['2026-03-29', 23],
      ['2026-03-30', 24],
    ]);
  });
});

describe('the seeded streams for a given start', () => {
  it('give a date the same prices whenever the run began (prices are drawn by date)', async () => {
    const late = await start({ seed: 42, startMs: utc('2026-04-10T10:00:00Z') });
    const early = await start({ seed: 42, startMs: utc('2026-04-09T10:00:00Z') });
    early.control.advance(24 * 3600);
    expect(early.clock.now()).toBe(late.clock.now());
    expect((await get<V2>(early, '/api/v2/dynamic/schedule')).energy_prices).toEqual((await get<V2>(late, '/api/v2/dynamic/schedule')).energy_prices);
  });

  it('give the same day again for the same seed and start', async () => {
    const a = await start({ seed: 9, start: '2026-11-02T08:00:00Z' });
    const b = await start({ seed: 9, start: '2026-11-02T08:00:00Z' });
    a.control.advance(6 * 3600);
    b.control.advance(6 * 3600);
    const strip = (s: Record<string, unknown>) => ({ ...s, clock: undefined });
    expect(strip(a.control.state())).toEqual(strip(b.control.state()));
    expect(await get<V2>(a, '/api/v2/dynamic/schedule')).toEqual(await get<V2>(b, '/api/v2/dynamic/schedule'));
  });
});

