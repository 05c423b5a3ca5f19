import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../simulator/control/scenario.ts';
import { getJson, postJson, startHarness, type Harness } from '../support/control-harness.ts';

const scenarioDir = new URL('../../simulator/scenarios/', import.meta.url);
const shipped = (name: string): string => readFileSync(new URL(name, scenarioDir), 'utf8');

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const advance = (seconds: number) => postJson(`${h.url}/_sim/clock/advance`, { seconds });
const state = async () => (await getJson(`${h.url}/_sim/state`)).body;

describe('the shipped scenarios', () => {
  it.each(readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')))('%s loads and validates', (file) => {
    const scenario = parseScenario(shipped(file), file);
    expect(scenario.events.length).toBeGreaterThan(0);
    expect(scenario.description).not.toBe('');
  });
});

describe('POST /_sim/scenario', () => {
  it('plays the evening dip and reboot at their simulated times, however far one advance jumps', async () => {
    const res = await fetch(`${h.url}/_sim/scenario`, { method: 'POST', headers: { 'content-type': 'text/yaml' }, body: shipped('evening-dip-and-reboot.yaml') });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { scenario: unknown }).scenario).toMatchObject({ name: 'Evening dip and reboot', events: 4 });

    await advance(10 * 60 + 10); // 00:10:10, inside the dip's 20 s hold at 49.6 Hz
    expect((await state()).freqHz).toBeCloseTo(49.6, 6);
    await advance(2 * 3600 + 20 * 60); // to 02:30:10, past 01:00 (reboot) and 02:00 (fault window opens) in one jump
    const s = await state();
    expect(s.boots).toBe(2);
    expect(s.uptimeS).toBeCloseTo(5410, 3); // rebooted at 01:00:00
    const faults = (await getJson(`${h.url}/_sim/faults`)).body.faults;
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ type: 'error', rate: 0.2, scope: { path: '/api/v1/energy/status', durationS: 3600 } });
    await advance(90 * 60); // to 04:00:10
    expect((await state()).socFraction).toBeCloseTo(0.95, 2);
    expect((await getJson(`${h.url}/_sim/faults`)).body.faults).toEqual([]);
  });

  it('accepts the same timeline as JSON', async () => {
    const { status } = await postJson(`${h.url}/_sim/scenario`, { events: [{ at: 60, set: { soc: 0.2 } }] });
    expect(status).toBe(200);
    await advance(61);
    expect((await state()).socFraction).toBeCloseTo(0.2, 3);
  });

  it.each([
    [{ events: [] }, /"events" must be a non-empty list/],
    [{ events: [{ at: '00:10', reboot: true, set: { soc: 1 } }] }, /entry 1: it must have exactly one action .* found set and reboot/],
    [{ events: [{ at: '00:10', set: { soc: 1 } }, { at: '25:99', reboot: true }] }, /entry 2 "at": the time must be "HH:MM"/],
    [{ events: [{ at: '00:10', set: { soc: 2 } }] }, /entry 1.*"soc" must be a number from 0 to 1/],
    [{ events: [{ from: '02:00', to: '01:00', fault: { type: 'reset' } }] }, /entry 1: "to" \("01:00"\) must come after "from" \("02:00"\)/],
    [{ events: [{ at: 5, fault: { type: 'bogus' } }] }, /entry 1.*"type" must be one of/],
    [{ events: [{ at: 5, frequency: { wobble: {} } }] }, /entry 1: unknown frequency event "wobble"/],
    [{ events: [{ at: 5, reboot: 'yes' }] }, /entry 1: write "reboot: true"/],
    [{ event: [] }, /unknown top-level field "event"/],
  ])('rejects %j naming the bad entry and why, and schedules nothing', async (body, message) => {
    const { status, body: answer } = await postJson(`${h.url}/_sim/scenario`, body);
    expect(status).toBe(400);
    expect(answer.error.code).toBe('SIM_ERR_INVALID_SCENARIO');
    expect(answer.error.message).toMatch(message);
    const before = await state();
    await advance(3600);
    expect((await state()).boots).toBe(before.boots);
  });

  it('rejects text that is neither YAML nor JSON', () => {
    expect(() => parseScenario('events: [unclosed', 'bad.yaml')).toThrow(ScenarioError);
    expect(() => parseScenario('events: [unclosed', 'bad.yaml')).toThrow(/bad.yaml: it is neither valid YAML nor JSON/);
  });
});

describe('the Node API', () => {
  it('loads a scenario and advances without HTTP', () => {
    h.control.loadScenario(shipped('over-frequency-event.yaml'));
    h.control.advance(5 * 60 + 10);
    expect(h.control.state().freqHz).toBeCloseTo(50.6, 6);
    h.control.advance(4 * 60 + 51); // 00:10:01, inside the 2 s trip-level step
    expect(h.control.state().freqHz).toBeCloseTo(51.6, 6);
    h.control.advance(60);
    expect(h.control.state().freqHz).not.toBeCloseTo(51.6, 1);
  });
});

describe('issue 19: large scenarios', () => {
  const many = (n: number, at: (i: number) => number, soc: (i: number) => number) => ({ events: Array.from({ length: n }, (_, i) => ({ at: at(i), set: { soc: soc(i) } })) });

  it('a load replaces the events still pending from the one before, so loads never pile up', async () => {
    h.control.loadScenario(many(20_000, (i) => 100 + i, () => 0.2));
    expect(h.runner.pending).toBe(20_000);
    h.control.loadScenario({ events: [{ at: 50, set: { soc: 0.9 } }] });
    expect(h.runner.pending).toBe(1);
    await advance(20_200);
    expect((await state()).socFraction).toBeGreaterThan(0.8); // none of the first scenario's 0.2 ran
    expect(h.runner.pending).toBe(0);
  });

  it('plays 20,000 events in time order, file order breaking ties, however they are listed', async () => {
    // Times in a scrambled order; at each time two entries, the later in the file must win.
    const n = 10_000;
    const events = Array.from({ length: n }, (_, i) => (i * 7919) % n).flatMap((t) => [
      { at: t + 1, set: { soc: 0.1 } },
      { at: t + 1, set: { soc: 0.3 + (t % 50) / 100 } },
    ]);
    const applied: number[] = [];
    const setSoc = h.runner.device.setSoc.bind(h.runner.device);
    h.runner.device.setSoc = (soc: number) => {
      applied.push(soc);
      setSoc(soc);
    };
    h.control.loadScenario({ events });
    await advance(n + 1);
    expect(applied).toHaveLength(2 * n);
    const expected = Array.from({ length: n }, (_, t) => [0.1, 0.3 + (t % 50) / 100]).flat();
    expect(applied).toEqual(expected);
  });

  it('validates and schedules a large load in slices, giving the event loop a turn between them', async () => {
    let pauses = 0;
    const loaded = await h.control.loadScenarioInSlices(many(20_000, (i) => i + 1, () => 0.5), async () => {
      pauses++;
      expect(h.runner.pending).toBe(0); // nothing is scheduled until the whole scenario is valid
    });
    expect(loaded.events).toBe(20_000);
    expect(pauses).toBeGreaterThanOrEqual(20_000 / 250);
    expect(h.runner.pending).toBe(20_000);
  });

  it('schedules nothing when an entry late in a large load is bad', async () => {
    const body = many(20_000, (i) => i + 1, () => 0.5);
    (body.events[19_999]!.set as { soc: number }).soc = 7;
    await expect(h.control.loadScenarioInSlices(body, async () => {})).rejects.toThrow(/entry 20000.*"soc" must be a number from 0 to 1/);
    expect(h.runner.pending).toBe(0);
  });

  it('refuses to finish a load the simulation was reset during, with 409-class SIM_ERR_CONFLICT', async () => {
    let reset = false;
    const load = h.control.loadScenarioInSlices(many(5000, (i) => i + 1, () => 0.5), async () => {
      if (!reset) h.control.reset();
      reset = true;
    });
    await expect(load).rejects.toMatchObject({ code: 'SIM_ERR_CONFLICT' });
    expect(h.runner.pending).toBe(0);
  });
});
