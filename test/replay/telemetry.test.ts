import { afterEach, describe, expect, it } from 'vitest';
import { extractOutsideWorld, sampleAt, type HarDocument } from '../../simulator/replay/index.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { fixtureHar, T0_MS } from './support/har-fixtures.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const sessyStatus = (soc: number, powerW: number, pvW: number, freqMilliHz: number): string =>
  JSON.stringify({
    status: 'ok',
    sessy: { state_of_charge: soc, power: powerW, power_setpoint: powerW, system_state: 'SYSTEM_STATE_RUNNING_SAFE', frequency: freqMilliHz },
    renewable_energy_phase1: { voltage_rms: 230000, current_rms: 1000, power: pvW },
    renewable_energy_phase2: { voltage_rms: 0, current_rms: 0, power: 0 },
    renewable_energy_phase3: { voltage_rms: 0, current_rms: 0, power: 0 },
  });

const emsJson = (socCentiPercent: number, batteryW: number, gridW: number, solarW: number, freqMilliHz: number, old = false): string => {
  const sensor = (fn: string, total: number) => ({ ...(old ? { type: fn } : { function: fn, sensor_type: 'pulse_ct' }), available: true, total_power: total });
  return JSON.stringify({
    $type: 'ems_data',
    ts: 0,
    ems: [{ ecu_id: '68b6b34cda94', ems_data: { frequency: freqMilliHz, power: batteryW, soc_avg: socCentiPercent } }],
    aggregated: old ? { ecu_id: 0, ems_data: { power: batteryW, soc_avg: socCentiPercent } } : { ems_data: { power: batteryW, soc_avg: socCentiPercent } },
    sensors: old ? [sensor('grid', gridW), sensor('solar', solarW)] : [sensor('grid', gridW), sensor('solar', solarW), sensor('load', -(gridW + solarW + batteryW))],
  });
};

describe('reading the outside world from a recording', () => {
  it('takes SOC, PV, frequency and battery power from Sessy power/status, in SI', () => {
    const har = fixtureHar([
      { atS: 0, path: '/api/v1/power/status', response: sessyStatus(0.850000023841858, -1500, 800, 50030) },
      { atS: 10, path: '/api/v1/power/status', response: sessyStatus(0.86, -1400, 900, 49980) },
    ]);
    const world = extractOutsideWorld(har);
    expect(world.device).toBe('sessy');
    expect(world.startSocFraction).toBeCloseTo(0.85, 6);
    expect(world.samples[1]).toEqual({ atMs: T0_MS + 10_000, loadW: null, pvW: 900, freqHz: 49.98, socFraction: 0.86, batteryW: -1400 });
  });

  it('derives the Sessy household load from a P1 reading within 30 s: grid + PV + battery', () => {
    const p1 = (consumed: number, produced: number) => JSON.stringify({ status: 'ok', state: 'P1_OK', power_consumed: consumed, power_produced: produced, power_total: consumed });
    const har = fixtureHar([
      { atS: 0, path: '/api/v1/power/status', response: sessyStatus(0.5, -1500, 800, 50000) },
      { atS: 2, path: '/api/v2/p1/details', response: p1(1200, 0) },
      { atS: 100, path: '/api/v1/power/status', response: sessyStatus(0.5, 500, 0, 50000) },
    ]);
    const [first, second] = extractOutsideWorld(har).samples;
    // 1200 W imported + 800 W PV − 1500 W into the battery = 500 W used by the house.
    expect(first?.loadW).toBe(500);
    expect(second?.loadW).toBeNull();
  });

  it.each([
    ['firmware 2512 (function, virtual load sensor)', false],
    ['older firmware (type, no load sensor)', true],
  ])('reads Homevolt ems.json of %s', (_name, old) => {
    const har = fixtureHar([{ atS: 0, path: '/ems.json', response: emsJson(6800, -2000, 3000, 1500, 49998, old) }]);
    const world = extractOutsideWorld(har);
    expect(world.device).toBe('homevolt');
    expect(world.samples[0]).toEqual({ atMs: T0_MS, loadW: 2500, pvW: 1500, freqHz: 49.998, socFraction: 0.68, batteryW: -2000 });
  });

  it('holds each sample until the next one', () => {
    const world = extractOutsideWorld(
      fixtureHar([
        { atS: 0, path: '/ems.json', response: emsJson(5000, 0, 100, 0, 50000) },
        { atS: 60, path: '/ems.json', response: emsJson(5100, 0, 200, 0, 50000) },
      ]),
    );
    expect([-5, 0, 59, 60, 600].map((s) => sampleAt(world, T0_MS + s * 1000).loadW)).toEqual([100, 100, 100, 200, 200]);
  });

  it('reads a recording of the Homevolt emulator back into what its physics produced', async () => {
    const emulator = await startHomevolt();
    closers.push(() => emulator.close());
    const entries = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${emulator.url}/ems.json`);
      entries.push({ atS: i * 60, path: '/ems.json', response: await res.text() });
      await fetch(`${emulator.url}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds":60}' });
    }
    const world = extractOutsideWorld(fixtureHar(entries) as HarDocument);
    expect(world.samples).toHaveLength(3);
    for (const s of world.samples) {
      expect(s.loadW).toBeGreaterThanOrEqual(0);
      expect(s.pvW).toBeGreaterThanOrEqual(0);
      expect(s.freqHz).toBeGreaterThan(49);
      expect(s.freqHz).toBeLessThan(51);
      expect(s.socFraction).toBeGreaterThanOrEqual(0);
      expect(s.socFraction).toBeLessThanOrEqual(1);
    }
    expect(world.startSocFraction).toBeCloseTo(0.5, 1);
  });
});
