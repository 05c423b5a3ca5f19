import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, enableLocal, fixture, keyDiff, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const sensorKey = (s: any): string => `${s.function ?? s.type}/${s.sensor_type ?? ''}`;

describe('key structure against the real captures, firmware 2512', () => {
  it('GET /ems.json with two units matches the Tibber capture unit by unit and sensor by sensor', async () => {
    h = await createHarness({ units: 2 });
    const ems = await h.getJson('/ems.json');
    const real = fixture('GET_ems.json');
    expect(Object.keys(ems)).toEqual(Object.keys(real));
    expect(keyDiff(ems.ems, real.ems, '$.ems', true)).toEqual([]);
    expect(keyDiff(ems.aggregated, real.aggregated, '$.aggregated')).toEqual([]);
    const realSensors = new Map(real.sensors.map((s: any) => [sensorKey(s), s]));
    expect(ems.sensors.map(sensorKey)).toEqual(real.sensors.map(sensorKey));
    for (const s of ems.sensors) expect(keyDiff(s, realSensors.get(sensorKey(s)), `$.sensors[${sensorKey(s)}]`)).toEqual([]);
  });

  it('GET /status.json matches the Tibber capture', async () => {
    h = await createHarness();
    expect(keyDiff(await h.getJson('/status.json'), fixture('GET_status.json'))).toEqual([]);
  });

  it('GET /schedule.json shows the partner plan with the keys of the Tibber capture', async () => {
    h = await createHarness();
    expect(keyDiff(await h.getJson('/schedule.json'), fixture('GET_schedule.json'), '$', true)).toEqual([]);
  });

  it('GET /schedule.json after sched_set matches the Home Assistant core fixture', async () => {
    h = await createHarness();
    await enableLocal(h);
    await h.console('sched_set 1 --min=10 --max=95 -s 0 -c 6028 -d 6028 -l 10000 -x 9000');
    const schedule = await h.getJson('/schedule.json');
    const real = fixture('manual_schedule_hacore.json');
    // The fixture predates the read-backs pyHomevolt verified on firmware, which end every manual entry's params
    // with "offline" (docs/homevolt-schedules.md).
    expect(keyDiff(schedule, real, '$', true)).toEqual(['$.schedule[0].params.offline extra']);
    expect(schedule.schedule[0].params).toEqual({ ...real.schedule[0].params, offline: false });
  });

  it('GET /params.json, /nodes.json and /error_report.json match the Tibber captures', async () => {
    h = await createHarness();
    const params = await h.getJson<any[]>('/params.json');
    // String parameters are sent plain, not wrapped in an array (steynovich CLAUDE.md); the capture shows only bools.
    expect(keyDiff(params.filter((p) => p.type !== 'string'), fixture('GET_params.json'))).toEqual([]);
    for (const p of params.filter((q) => q.type === 'string')) expect(Object.keys(p)).toEqual(Object.keys(fixture('GET_params.json')[0]));
    expect(params.find((p) => p.name === 'ecu_mdns_instance_name')).toMatchObject({ value: 'Homevolt', default: 'Homevolt' });
    expect(keyDiff(await h.getJson('/nodes.json'), fixture('GET_nodes.json'))).toEqual([]);
    expect(keyDiff(await h.getJson('/error_report.json'), fixture('GET_error_report.json'))).toEqual([]);
  });
});

describe('key structure against the real captures, firmware pre-2512', () => {
  it('GET /ems.json matches the Homevolt4HA capture of esp build 2929', async () => {
    h = await createHarness({ firmware: 'pre-2512' });
    const ems = await h.getJson('/ems.json');
    const real = fixture('pre2512_ems.json');
    expect(keyDiff(ems, real)).toEqual([]);
    expect(typeof ems.ems[0].ecu_id).toBe('number');
    expect(ems.aggregated.ecu_id).toBe(0);
  });

  it('GET /status.json, /nodes.json and /error_report.json match the Homevolt4HA captures', async () => {
    h = await createHarness({ firmware: 'pre-2512' });
    const status = await h.getJson('/status.json');
    expect(keyDiff(status, fixture('pre2512_status.json'))).toEqual([]);
    expect(status.ems_status).toEqual({ bms_info: [] });
    expect(keyDiff(await h.getJson('/nodes.json'), fixture('pre2512_nodes.json'))).toEqual([]);
    expect(keyDiff(await h.getJson('/error_report.json'), fixture('pre2512_error_report.json'))).toEqual([]);
  });

  it('the check itself fails on a payload of the other firmware', async () => {
    h = await createHarness();
    expect(keyDiff(await h.getJson('/ems.json'), fixture('pre2512_ems.json'))).not.toEqual([]);
  });
});
