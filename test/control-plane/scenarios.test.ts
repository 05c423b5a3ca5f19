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
