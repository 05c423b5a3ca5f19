import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getJson, postJson, startHarness, type Harness } from '../support/control-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

describe('GET /_sim/state', () => {
  it('shows the model in SI units with the clock', async () => {
    const { status, body } = await getJson(`${h.url}/_sim/state`);
    expect(status).toBe(200);
    expect(body.clock).toMatchObject({ mode: 'manual', speed: 1, paused: false });
    expect(body.socFraction).toBeCloseTo(0.5, 6);
    expect(body.freqHz).toBeGreaterThan(49.8);
  });
});

describe('POST /_sim/state', () => {
  it('sets SOC, external setpoint, frequency, load, PV and temperature', async () => {
    const { status, body } = await postJson(`${h.url}/_sim/state`, { soc: 0.8, externalSetpointW: 500, frequencyHz: 50.3, loadW: 1200, pvW: 0, temperatureC: 5 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ socFraction: 0.8, externalSetpointW: 500, freqHz: 50.3, loadW: 1200, pvW: 0, tempC: 5 });
  });

  it('starts a frequency event now: a dip that holds, then recovers to the model', async () => {
    const { status } = await postJson(`${h.url}/_sim/state`, { frequencyEvent: { dip: { minHz: 49.6, holdS: 20, fallS: 2, recoverS: 10 } } });
    expect(status).toBe(200);
    await postJson(`${h.url}/_sim/clock/advance`, { seconds: 10 });
    expect((await getJson(`${h.url}/_sim/state`)).body.freqHz).toBeCloseTo(49.6, 6);
    await postJson(`${h.url}/_sim/clock/advance`, { seconds: 60 });
    expect((await getJson(`${h.url}/_sim/state`)).body.freqHz).not.toBeCloseTo(49.6, 2);
  });

  it('clears an override with null', async () => {
    await postJson(`${h.url}/_sim/state`, { loadW: 1234 });
    const { body } = await postJson(`${h.url}/_sim/state`, { loadW: null });
    expect(body.loadW).not.toBe(1234);
  });

  it.each([
    [{ soc: 1.5 }, /"soc" must be a number from 0 to 1/],
    [{ soc: '0.5' }, /"soc" must be a number/],
    [{ socc: 0.5 }, /unknown field "socc"/],
    [{}, /changes nothing/],
    [[1, 2], /expected a JSON object/],
    [{ frequencyHz: 80 }, /"frequencyHz" must be a number from 45 to 55 or null/],
    [{ frequencyEvent: { dip: { minHz: 49.6 } } }, /frequency dip "holdS" must be a number/],
    [{ frequencyEvent: { wobble: {} } }, /unknown frequency event "wobble"/],
    [{ frequencyEvent: 'clear', frequencyHz: 50 }, /give frequencyHz or frequencyEvent, not both/],
  ])('rejects %j with 400, names the problem, and changes nothing', async (patch, message) => {
    const before = await getJson(`${h.url}/_sim/state`);
    const { status, body } = await postJson(`${h.url}/_sim/state`, patch);
    expect(status).toBe(400);
    expect(body.error.code).toBe('SIM_ERR_INVALID_STATE');
    expect(body.error.message).toMatch(message);
    expect((await getJson(`${h.url}/_sim/state`)).body).toEqual(before.body);
  });

  it('answers malformed JSON with 400 and a clear message', async () => {
    const res = await fetch(`${h.url}/_sim/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"soc": 0.' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/JSON/);
  });

  it('rejects a body over 1 MiB with 413', async () => {
    const res = await fetch(`${h.url}/_sim/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ soc: 0.5, pad: 'x'.repeat(1_100_000) }) });
    expect(res.status).toBe(413);
  });
});

describe('POST /_sim/clock/advance', () => {
  it('moves the manual clock and answers once the model has caught up', async () => {
    const before = (await getJson(`${h.url}/_sim/clock`)).body;
    const { status, body } = await postJson(`${h.url}/_sim/clock/advance`, { seconds: 90 });
    expect(status).toBe(200);
    expect(body.nowMs - before.nowMs).toBe(90_000);
    expect((await getJson(`${h.url}/_sim/state`)).body.clock.nowMs).toBe(body.nowMs);
    expect(h.runner.device.site.now()).toBe(body.nowMs);
  });

  it.each([[{ seconds: -1 }], [{ seconds: 'ten' }], [{}], [{ seconds: 5, extra: 1 }]])('rejects %j and keeps the time', async (body) => {
    const before = (await getJson(`${h.url}/_sim/clock`)).body.nowMs;
    expect((await postJson(`${h.url}/_sim/clock/advance`, body)).status).toBe(400);
    expect((await getJson(`${h.url}/_sim/clock`)).body.nowMs).toBe(before);
  });
});

describe('POST /_sim/clock', () => {
  it('refuses speed changes on a manual clock with 409', async () => {
    const { status, body } = await postJson(`${h.url}/_sim/clock`, { speed: 60 });
    expect(status).toBe(409);
    expect(body.error.code).toBe('RUNTIME_ERR_CLOCK_MODE');
  });

  it('rejects an unknown action', async () => {
    const { status, body } = await postJson(`${h.url}/_sim/clock`, { action: 'rewind' });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/"action" must be "pause" or "resume"/);
  });
});

describe('POST /_sim/reset', () => {
  it('returns to the exact seeded start', async () => {
    const start = (await getJson(`${h.url}/_sim/state`)).body;
    await postJson(`${h.url}/_sim/state`, { soc: 0.1, externalSetpointW: -2000 });
    await postJson(`${h.url}/_sim/clock/advance`, { seconds: 3600 });
    await postJson(`${h.url}/_sim/faults`, { type: 'error', status: 500 });
    const reset = await postJson(`${h.url}/_sim/reset`, {});
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual(start);
    expect((await getJson(`${h.url}/_sim/faults`)).body.faults).toEqual([]);
    expect((await getJson(`${h.url}/api/data`)).status).toBe(200);
  });
});

describe('bodies that do not say they are JSON (Go and urllib without a header, curl -d)', () => {
  const advance = (body: string, type: string | null) =>
    // A Uint8Array body makes fetch send no Content-Type of its own.
    fetch(`${h.url}/_sim/clock/advance`, { method: 'POST', headers: type === null ? {} : { 'content-type': type }, body: new TextEncoder().encode(body) });
  const nowMs = async () => ((await getJson(`${h.url}/_sim/clock`)).body as { nowMs: number }).nowMs;

  it('reads JSON sent without a Content-Type', async () => {
    const before = await nowMs();
    const answer = await advance('{"seconds": 60}', null);
    expect(answer.status).toBe(200);
    expect(await nowMs()).toBe(before + 60_000);
  });

  it("reads JSON sent as curl -d sends it (application/x-www-form-urlencoded)", async () => {
    const before = await nowMs();
    expect((await advance('{"seconds": 60}', 'application/x-www-form-urlencoded')).status).toBe(200);
    expect(await nowMs()).toBe(before + 60_000);
  });

  it('answers a form that is not JSON, and malformed JSON, with 400 SIM_ERR_BAD_REQUEST, changing nothing', async () => {
    const before = await nowMs();
    for (const [body, type] of [['seconds=60', 'application/x-www-form-urlencoded'], ['{"seconds": 6', null], ['{"seconds": 6', 'application/json']] as const) {
      const answer = await advance(body, type);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: unknown }).error).toEqual({ code: 'SIM_ERR_BAD_REQUEST', message: 'Failed to read the request: the body is not valid JSON. Send a JSON object, e.g. {"seconds": 60}.' });
    }
    expect(await nowMs()).toBe(before);
  });

  it('answers another declared type with 415 SIM_ERR_UNSUPPORTED_MEDIA_TYPE naming what it takes, changing nothing', async () => {
    const before = await nowMs();
    const answer = await advance('<seconds>60</seconds>', 'application/xml');
    expect(answer.status).toBe(415);
    expect(((await answer.json()) as { error: unknown }).error).toEqual({
      code: 'SIM_ERR_UNSUPPORTED_MEDIA_TYPE',
      message: 'Failed to read the request: the body\'s Content-Type is "application/xml"; send JSON (application/json), or a scenario as YAML (text/yaml).',
    });
    expect(await nowMs()).toBe(before);
  });

  it('says to send application/json when JSON comes as text/plain (fetch with a string body and no header)', async () => {
    const answer = await advance('{"seconds": 60}', 'text/plain;charset=UTF-8');
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toContain('send a JSON object with Content-Type: application/json');
  });
});
