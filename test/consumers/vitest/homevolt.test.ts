// A vitest suite with no battsim-specific configuration (no vitest.config, no inlined dependencies).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHomevolt, type RunningEmulator } from 'battsim';

interface Ems {
  ts: number;
  aggregated: { ems_data: { soc_avg: number } };
}

let homevolt: RunningEmulator;
beforeAll(async () => {
  homevolt = await startHomevolt({ seed: 3, password: 'consumer-pw' });
});
afterAll(() => homevolt.close());

it('serves /ems.json behind its password, following the simulated clock and state', async () => {
  const read = async (): Promise<Ems> => (await (await fetch(`${homevolt.url}/ems.json`, { headers: { authorization: `Basic ${btoa('admin:consumer-pw')}` } })).json()) as Ems;
  homevolt.control.setState({ soc: 0.5 });
  const before = await read();
  homevolt.control.advance(1800);
  homevolt.control.setState({ soc: 0.8 });
  const after = await read();
  expect(after.ts - before.ts).toBe(1800);
  expect(after.aggregated.ems_data.soc_avg).toBeGreaterThan(before.aggregated.ems_data.soc_avg);
  expect((await fetch(`${homevolt.url}/ems.json`)).status).toBe(401);
});
