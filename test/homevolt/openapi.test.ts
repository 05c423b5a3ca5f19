import { afterEach, describe, expect, it } from 'vitest';
import { HOMEVOLT_OPERATION_IDS } from '../../simulator/http/homevolt/index.ts';
import { createHarness, enableLocal, PASSWORD, spec, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

/** One request per operation; each response is checked against openapi/homevolt.yaml. */
const CASES: readonly (readonly [string, string, string, Record<string, string>?])[] = [
  ['getStatus', 'GET', '/status.json'],
  ['getEms', 'GET', '/ems.json'],
  ['getSchedule', 'GET', '/schedule.json'],
  ['getParams', 'GET', '/params.json'],
  ['setParam', 'POST', '/params.json', { k: 'ledstrip_bright_max', v: '60', store: '1' }],
  ['runConsole', 'POST', '/console.json', { cmd: 'sched_list' }],
  ['getPid', 'GET', '/pid.json'],
  ['getEmsPidHistory', 'GET', '/ems_pid_history.json?limit=500'],
  ['getEmsHistory', 'GET', '/ems_history.json?limit=10'],
  ['getNodes', 'GET', '/nodes.json'],
  ['getNodeMetrics', 'GET', '/node_metrics.json?node_id=1'],
  ['getNodeData', 'GET', '/node_data.json?node_id=3'],
  ['getCt', 'GET', '/ct.json?node_id=1'],
  ['getCtHistory', 'GET', '/ct_history.json?node_id=1'],
  ['getMainsData', 'GET', '/mains_data.json'],
  ['getEfrHubStatus', 'GET', '/efr_hub_status.json'],
  ['getEcuSense', 'GET', '/ecu_sense.json'],
  ['getErrorReport', 'GET', '/error_report.json'],
  ['getErrorHistory', 'GET', '/error_history.json?severity=INFO'],
  ['getLogs', 'GET', '/logs.json?limit=5&level=DEBUG'],
  ['getWifiScan', 'GET', '/wifiscan.json'],
  ['getWarpPing', 'GET', '/warp_ping.json'],
  ['getOtaManifest', 'GET', '/ota_manifest.json'],
  ['readSpiffsFile', 'GET', '/spiffs/missing.txt'],
  ['deleteSpiffsFile', 'POST', '/delete/spiffs/missing.txt'],
  ['captiveGenerate204', 'GET', '/generate_204'],
  ['captiveHotspotDetect', 'GET', '/hotspot-detect.html'],
  ['captiveConnectTest', 'GET', '/connecttest.txt'],
  ['captiveNcsi', 'GET', '/ncsi.txt'],
  ['captiveRedirect', 'GET', '/redirect'],
];

describe('openapi/homevolt.yaml', () => {
  it('describes exactly the operations the app routes', async () => {
    const api = await spec();
    expect(api.getOperations().map((o) => o.operationId).sort()).toEqual([...HOMEVOLT_OPERATION_IDS].sort());
  });

  it.each([['2512'], ['pre-2512']] as const)('validates every response of firmware %s, one and two units', async (firmware) => {
    const api = await spec();
    for (const units of [1, 2]) {
      h = await createHarness({ firmware, units, password: PASSWORD });
      await enableLocal(h);
      await h.console('sched_add 6 --from=2026-06-01T01:00:00 -n 1000');
      h.advance(120);
      for (const [operationId, method, url, form] of CASES) {
        const res = method === 'GET' ? await h.get(url) : await h.post(url, form ?? {});
        const body = res.body === '' ? null : String(res.headers['content-type'] ?? '').startsWith('application/json') ? res.json() : res.body;
        const result = api.validateResponse(body, operationId, res.statusCode);
        expect({ operationId, units, status: res.statusCode, errors: result.errors ?? null }).toMatchObject({ errors: null });
        const op = api.getOperation(operationId)!;
        expect(Object.keys(op.responses ?? {}), `${operationId} answered ${res.statusCode}`).toContain(String(res.statusCode));
      }
      await h.close();
    }
  });

  it('validates the upload answers: 200 stored, 507 full', async () => {
    const api = await spec();
    h = await createHarness({ spiffsQuotaBytes: 10 });
    const ok = await h.app.inject({ method: 'POST', url: '/upload/spiffs/a.txt', payload: Buffer.from('12345'), headers: { 'content-type': 'application/octet-stream' } });
    expect(api.validateResponse(ok.json(), 'uploadSpiffsFile', 200).errors ?? null).toBeNull();
    const full = await h.app.inject({ method: 'POST', url: '/upload/spiffs/b.txt', payload: Buffer.from('123456'), headers: { 'content-type': 'application/octet-stream' } });
    expect(full.statusCode).toBe(507);
  });

  it('rejects a payload that breaks the schema (the validation can fail)', async () => {
    const api = await spec();
    h = await createHarness();
    const ems = await h.getJson('/ems.json');
    ems.ems[0].ems_data.soc_avg = 'high';
    expect(api.validateResponse(ems, 'getEms', 200).errors).not.toBeNull();
  });
});
