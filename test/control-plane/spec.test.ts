import { readFileSync } from 'node:fs';
import { OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getJson, postJson, startHarness, type Harness } from '../support/control-harness.ts';

/**
 * The spec is read and checked inside the tests, not at import: a broken spec then fails the test that says so
 * ("is a valid OpenAPI 3.0 document") instead of failing the file before any test runs.
 */
let loaded: Promise<OpenAPIBackend> | undefined;
function loadSpec(): Promise<OpenAPIBackend> {
  loaded ??= (async () => {
    const definition = parse(readFileSync(new URL('../../openapi/sim-control.yaml', import.meta.url), 'utf8'));
    const api = new OpenAPIBackend({ definition, strict: true, quick: false });
    await api.init();
    return api;
  })();
  return loaded;
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

function expectValid(api: OpenAPIBackend, operationId: string, status: number, body: unknown): void {
  // The status itself must be documented for the operation, errors included (issue 19).
  expect(Object.keys(api.getOperation(operationId)?.responses ?? {}), `${operationId} answers ${status}`).toContain(String(status));
  const result = api.validateResponse(body, operationId, status);
  expect(result.errors ?? []).toEqual([]);
}

describe('openapi/sim-control.yaml', () => {
  it('is a valid OpenAPI 3.0 document', async () => {
    const api = await loadSpec();
    expect(api.validateDefinition()).toBeDefined();
  }, 60_000); // openapi-backend compiles the spec's validators here: seconds on a loaded machine

  it('describes what the control plane really answers', async () => {
    const api = await loadSpec();
    const logAfterAVendorRequest = async (): Promise<{ status: number; body: unknown }> => {
      await fetch(`${h.url}/api/data`);
      return getJson(`${h.url}/_sim/log`);
    };
    const cases: [string, { status: number; body: unknown }][] = [
      ['getSimState', await getJson(`${h.url}/_sim/state`)],
      ['setSimState', await postJson(`${h.url}/_sim/state`, { soc: 0.3 })],
      ['setSimState', await postJson(`${h.url}/_sim/state`, { soc: 3 })],
      ['getSimClock', await getJson(`${h.url}/_sim/clock`)],
      ['advanceSimClock', await postJson(`${h.url}/_sim/clock/advance`, { seconds: 5 })],
      ['setSimClock', await postJson(`${h.url}/_sim/clock`, { speed: 5 })],
      ['addSimFault', await postJson(`${h.url}/_sim/faults`, { type: 'latency', latency: { distribution: 'fixed', ms: 1 }, scope: { count: 3 } })],
      ['listSimFaults', await getJson(`${h.url}/_sim/faults`)],
      ['loadSimScenario', await postJson(`${h.url}/_sim/scenario`, { events: [{ at: 1, reboot: true }] })],
      ['getSimLog', await logAfterAVendorRequest()],
      ['getSimLog', await getJson(`${h.url}/_sim/log?status=teapot`)],
      ['resetSim', await postJson(`${h.url}/_sim/reset`, {})],
      ['setSimClock', await postJson(`${h.url}/_sim/clock`, { speed: 1e308 })],
      ['setSimState', await postJson(`${h.url}/_sim/state`, { soc: JSON.parse(`${'['.repeat(20)}1${']'.repeat(20)}`) })],
      ['loadSimScenario', await postJson(`${h.url}/_sim/scenario`, { events: [{ at: 1, reboot: true }], description: 'd'.repeat(1024 * 1024) })],
      ['streamSimEvents', await getJson(`${h.url}/_sim/events?everyS=0`)],
    ];
    for (const [operationId, res] of cases) expectValid(api, operationId, res.status, res.body);
  });
});
