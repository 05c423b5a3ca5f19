import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, enableLocal, fixture, type Harness } from './harness.ts';

let h: Harness;
/** One unit's inverter rating, its <max allowed> charge and discharge power [W] (docs/homevolt-schedules.md). */
const RATED_W = 6000;
afterEach(async () => h?.close());

describe('POST /console.json', () => {
  it('answers with the echo line, the output and the success line, as text', async () => {
    h = await createHarness();
    const res = await h.post('/console.json', { cmd: 'param_get settings_local' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe("ecu-hub-esp32>  param_get settings_local\nfalse\nCommand 'param_get settings_local' executed successfully");
  });

  it('accepts the command as multipart/form-data, as the Homey app sends it', async () => {
    h = await createHarness();
    const boundary = 'X-HOMEY';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="cmd"\r\n\r\nsched_list\r\n--${boundary}--\r\n`;
    const res = await h.app.inject({ method: 'POST', url: '/console.json', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(res.body).toMatch(/^ecu-hub-esp32> {2}sched_list\nSchedule get: 3 schedules\. Current ID: '[0-9a-f-]{36}'\n/);
  });

  it('prints the captured help text', async () => {
    h = await createHarness();
    const body = await h.console('help');
    expect(body.startsWith('ecu-hub-esp32>  help\nap_clients \n')).toBe(true);
    expect(body).toContain('sched_set  [-maeo] <type>');
    expect(body.endsWith("Command 'help' executed successfully")).toBe(true);
  });

  it('refuses schedule changes while settings_local is false, and changes nothing', async () => {
    h = await createHarness();
    const before = await h.getJson('/schedule.json');
    const body = await h.console('sched_set 2 -s 3000');
    expect(body).toContain("returned non-zero error code: 0x2 (ERROR)");
    expect(await h.getJson('/schedule.json')).toEqual(before);
  });

  it('sched_set → /schedule.json → the battery discharges at the setpoint over simulated time', async () => {
    h = await createHarness({ initialSoc: 0.8 });
    await enableLocal(h);
    expect(await h.console('sched_set 2 -s 3000')).toBe("ecu-hub-esp32>  sched_set 2 -s 3000\nCommand 'sched_set 2 -s 3000' executed successfully");
    const schedule = await h.getJson('/schedule.json');
    expect(schedule).toEqual({ local_mode: true, schedule_id: 'Manual Schedule', schedule: [{ type: 2, params: { setpoint: 3000, offline: false } }] });
    h.advance(60);
    const ems = await h.getJson('/ems.json');
    expect(ems.ems[0].ems_data.power).toBe(3000);
    expect(ems.ems[0].op_state_str).toBe('discharging');
    const socBefore = ems.ems[0].ems_data.soc_avg;
    h.advance(600);
    expect((await h.getJson('/ems.json')).ems[0].ems_data.soc_avg).toBeLessThan(socBefore);
  });

  it('sched_set 1 charges, and sched_set 0 returns the battery to idle', async () => {
    h = await createHarness({ initialSoc: 0.3 });
    await enableLocal(h);
    await h.console('sched_set 1 -s 2000');
    h.advance(60);
    expect((await h.getJson('/ems.json')).ems[0].ems_data.power).toBe(-2000);
    await h.console('sched_set 0');
    h.advance(60);
    expect((await h.getJson('/ems.json')).ems[0].ems_data.power).toBe(0);
    expect((await h.getJson('/schedule.json')).schedule).toEqual([{ type: 0, params: { offline: false } }]);
  });

  // issue 14: Home Assistant core's battery-mode select sends a bare `sched_set 1` / `sched_set 2`.
  it('accepts a bare sched_set 1 and charges at the unit’s rated power, reading back as the real firmware does (issue 14)', async () => {
    h = await createHarness({ initialSoc: 0.3 });
    await enableLocal(h);
    expect(await h.console('sched_set 1')).toBe("ecu-hub-esp32>  sched_set 1\nCommand 'sched_set 1' executed successfully");
    expect(await h.getJson('/schedule.json')).toEqual({ local_mode: true, schedule_id: 'Manual Schedule', schedule: [{ type: 1, params: { offline: false } }] });
    h.advance(60);
    expect((await h.getJson('/ems.json')).ems[0].ems_data.power).toBe(-RATED_W);
    expect((await h.console('sched_list')).split('\n')[2]).toMatch(/^id: 0, type: Inverter charge setpoint, from: \S+, to: <unset>, setpoint:<max allowed>$/);
  });

  it('accepts a bare sched_set 2 and discharges at the unit’s rated power (issue 14)', async () => {
    h = await createHarness({ initialSoc: 0.8 });
    await enableLocal(h);
    expect(await h.console('sched_set 2')).toContain('executed successfully');
    h.advance(60);
    expect((await h.getJson('/ems.json')).ems[0].ems_data.power).toBe(RATED_W);
  });

  it('runs inverter charge without -s at its -c cap, and stops at --max', async () => {
    h = await createHarness({ initialSoc: 0.3 });
    await enableLocal(h);
    await h.console('sched_set 1 -c 3000 --max 31');
    h.advance(60);
    expect((await h.getJson('/ems.json')).ems[0].ems_data.power).toBe(-3000);
    h.advance(3600); // at 31 % it holds, charging only what standby takes back
    expect(Math.abs((await h.getJson('/ems.json')).ems[0].ems_data.power)).toBeLessThan(100);
  });

  it.each([
    ['sched_set 0', { type: 0, params: { offline: false } }],
    ['sched_set 0 -o', { type: 0, params: { offline: true } }],
    ['sched_set 1 -s 600', { type: 1, params: { setpoint: 600, offline: false } }],
    ['sched_set 2 -s 600 --min 20', { type: 2, min: 20, params: { setpoint: 600, offline: false } }],
    ['sched_set 6 -l 450 -x 500', { type: 6, params: { import_limit: 450, export_limit: 500, offline: false } }],
    ['sched_set 7', { type: 7, max: 95, params: { offline: false } }],
    ['sched_set 7 --max 80', { type: 7, max: 80, params: { offline: false } }],
    ['sched_set 3 -s 0', { type: 0, params: { offline: false } }],
  ])('reads %s back as the firmware does: %j', async (cmd, entry) => {
    h = await createHarness();
    await enableLocal(h);
    expect(await h.console(cmd)).toContain('executed successfully');
    expect((await h.getJson('/schedule.json')).schedule).toEqual([entry]);
  });

  it('normalises a mode the firmware does not support to idle, as current firmware does', async () => {
    h = await createHarness();
    await enableLocal(h);
    expect(await h.console('sched_set 3 -s 0')).toContain('executed successfully');
    expect((await h.getJson('/schedule.json')).schedule).toEqual([{ type: 0, params: { offline: false } }]);
  });

  it('runs grid charge/discharge (type 5) to hold the grid at the setpoint when the firmware supports it', async () => {
    h = await createHarness({ scheduleTypes: [0, 1, 2, 3, 4, 5, 6], initialSoc: 0.6 });
    h.device.site.setLoadOverride(2000);
    h.device.site.setPvOverride(0);
    await enableLocal(h);
    await h.console('sched_set 5 -s 0');
    h.advance(120);
    const ems = await h.getJson('/ems.json');
    const grid = ems.sensors.find((s: any) => s.function === 'grid');
    expect(Math.abs(grid.total_power)).toBeLessThan(50);
    expect(ems.ems[0].ems_data.power).toBeGreaterThan(1900);
  });

  it('lists entries in the captured sched_list format', async () => {
    h = await createHarness({ scheduleTypes: [0, 1, 2, 3, 4, 5, 6] });
    await enableLocal(h);
    await h.console('sched_set 5 -s -3000');
    await h.console('sched_add 3 --from=2026-06-01T12:00:00 --to=2026-06-02T00:00:00 -s 0');
    const body = await h.console('sched_list');
    expect(body).toBe(
      [
        'ecu-hub-esp32>  sched_list',
        "Schedule get: 2 schedules. Current ID: 'Manual Schedule'",
        'id: 0, type: Grid charge/discharge setpoint, from: 2026-06-01T00:00:00, to: <unset>, setpoint:-3000, max_charge: <max allowed>, max_discharge: <max allowed>',
        'id: 1, type: Grid charge setpoint, from: 2026-06-01T12:00:00, to: 2026-06-02T00:00:00, setpoint:0, max_charge: <max allowed>',
        "Command 'sched_list' executed successfully",
      ].join('\n'),
    );
    // The line format of the JohNan fixture (captured from a real unit by the Homey app's author).
    const real = fixture('sched_list_johnan.txt').split('\n')[3];
    expect(body.split('\n')[3]!.replace(/from: \S+, to: \S+/, '')).toBe(real.replace(/^id: 1/, 'id: 1').replace(/from: \S+, to: \S+/, ''));
  });

  it('sched_del removes one entry and sched_clear empties the book', async () => {
    h = await createHarness();
    await enableLocal(h);
    await h.console('sched_set 1 -s 1000');
    await h.console('sched_add 2 --from=2026-06-01T05:00:00 -s 500');
    expect(await h.console('sched_del 0')).toContain('executed successfully');
    expect((await h.getJson('/schedule.json')).schedule).toHaveLength(1);
    await h.console('sched_clear');
    expect(await h.getJson('/schedule.json')).toMatchObject({ schedule_id: '', schedule: [] });
  });

  it.each([
    ['sched_set 3 --from=2024-01-15T02:00:00 --to=2024-01-15T06:00:00', 'Time \'2024-01-15T02:00:00\' is in the past', 2],
    ['sched_set 4', 'Missing power setpoint', 2],
    ['sched_set 5 --max=80', 'Missing power setpoint', 2],
    ['sched_add 1 --cond_type=1 -s 5', 'sched_add: invalid option "--cond_type=1"', 1],
    ['sched_set 2 -s abc', 'sched_set: invalid argument "abc" to option --setpoint', 1],
    ['sched_set 2 -s 100 --min=90 --max=10', 'Invalid soc range: min is above max', 2],
    ['sched_del 7', 'Schedule item 7 not found', 2],
    ['param_set settings_local maybe', "Failed to set settings_local to 'maybe'", 2],
    ['param_get no_such_param', "Failed to find parameter 'no_such_param'", 2],
  ])('answers %s with the error text and a non-zero code, as HTTP 200', async (cmd, text, code) => {
    h = await createHarness();
    await enableLocal(h);
    const before = JSON.stringify([await h.getJson('/schedule.json'), await h.getJson('/params.json')]);
    const res = await h.post('/console.json', { cmd });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(text);
    expect(res.body.endsWith(`Command '${cmd}' returned non-zero error code: 0x${code} (ERROR)`)).toBe(true);
    expect(JSON.stringify([await h.getJson('/schedule.json'), await h.getJson('/params.json')])).toBe(before);
  });

  it('answers an unknown command as ESP-IDF does', async () => {
    h = await createHarness();
    expect(await h.console('param_dump')).toBe('ecu-hub-esp32>  param_dump\nUnrecognized command');
  });

  it('runs diagnostics: info, tasks, dmesg, time, ems', async () => {
    h = await createHarness();
    for (const cmd of ['info', 'tasks', 'dmesg -l 5', 'time', 'ems', 'energy', 'nodes']) {
      expect(await h.console(cmd)).toMatch(/executed successfully$/);
    }
    expect(await h.console('dmesg')).toContain('Homevolt ECU started');
  });
});
