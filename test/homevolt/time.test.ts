/**
 * The Homevolt emulator on the host's date (issue 14): `ts` and timestamps follow the clock, which starts at the
 * host's now in a real-time run, and a schedule entry a client adds for a minute from its own now starts then
 * (docs/sessy-schedules-and-time.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HomevoltDevice } from '../../simulator/devices/homevolt/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';

let running: RunningEmulator<HomevoltDevice> | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const post = (e: RunningEmulator<HomevoltDevice>, path: string, form: Record<string, string>) =>
  fetch(e.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
const ems = async (e: RunningEmulator<HomevoltDevice>): Promise<any> => (await fetch(`${e.url}/ems.json`)).json();
/** The console's time format: UTC, whole seconds, no zone (docs/homevolt.md §4.2). */
const consoleTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

describe('the Homevolt clock in a client’s world (issue 14)', () => {
  it('stamps /ems.json with the host’s time in a real-time run', async () => {
    running = await startHomevolt({ speed: 1 });
    const body = await ems(running);
    const nowS = Date.now() / 1000;
    expect(Math.abs(body.ts - nowS)).toBeLessThan(5);
    expect(Math.abs(body.ems[0].ems_data.timestamp_ms / 1000 - nowS)).toBeLessThan(5);
  });

  it('starts an entry that Homey adds with --from a minute after its own now', async () => {
    running = await startHomevolt({ start: 'now', initialSoc: 0.4 });
    await post(running, '/params.json', { k: 'settings_local', v: 'true', store: '0' });
    const fromMs = Date.now() + 60_000;
    const cmd = `sched_add 1 --from=${consoleTime(fromMs)} --to=${consoleTime(fromMs + 3_600_000)} -s 2000`;
    expect(await (await post(running, '/console.json', { cmd })).text()).toContain('executed successfully');
    running.control.advance(30);
    expect((await ems(running)).ems[0].ems_data.power).toBe(0);
    running.control.advance(60);
    expect((await ems(running)).ems[0].ems_data.power).toBe(-2000);
  });
});
