import { OpenAPIBackend } from 'openapi-backend';
import { describe, expect, it } from 'vitest';
import { loadSessySpec, OPERATION_IDS, operationIdsOf, specForFirmware } from '../../simulator/http/sessy/index.ts';

const VENDOR_PATHS = ['/api/v1/power/status', '/api/v1/power/active_strategy', '/api/v1/power/setpoint', '/api/v1/energy/status', '/api/v2/dynamic/schedule'];

describe('openapi/sessy.yaml', () => {
  it('validates as an OpenAPI 3.0 document', async () => {
    const api = new OpenAPIBackend({ definition: loadSessySpec() as never, strict: true });
    await api.init();
    expect(() => api.validateDefinition()).not.toThrow();
    expect(loadSessySpec().openapi).toMatch(/^3\.0\./);
  });

  it('names every operation the handler table covers, and no other', () => {
    expect([...operationIdsOf(loadSessySpec())].sort()).toEqual([...OPERATION_IDS].sort());
  });

  it('keeps the vendor document’s paths and marks every other path as beyond it', () => {
    const doc = loadSessySpec();
    for (const path of VENDOR_PATHS) expect(doc.paths[path], path).toBeDefined();
    for (const [path, item] of Object.entries(doc.paths)) {
      if (VENDOR_PATHS.includes(path)) continue;
      for (const op of Object.values(item)) expect((op as Record<string, unknown>)['x-beyond-vendor-doc'], path).toBe(true);
    }
  });

  it('notes that PV phases are in mV and mA on the device', () => {
    const phase = (loadSessySpec() as any).components.schemas.phase;
    expect(phase['x-device-differs']).toMatch(/millivolt/);
    expect(phase.properties.voltage_rms['x-device-differs']).toMatch(/millivolt/);
    expect(phase.properties.current_rms['x-device-differs']).toMatch(/milliampere/);
  });

  it('puts "status" in every success body schema', () => {
    const schemas = (loadSessySpec() as any).components.schemas;
    for (const name of ['power_status', 'active_power_strategy', 'energy_response', 'dynamic_schedule_v2', 'api_ok_response']) expect(schemas[name].required, name).toContain('status');
  });

  it.each([
    ['1.11.11', ['getDynamicScheduleV2', 'getEnergyStatus', 'ping'], ['getDynamicScheduleV1']],
    ['1.9.2', ['getDynamicScheduleV2', 'getDynamicScheduleV1'], []],
    ['1.7.2', ['getDynamicScheduleV1', 'getEnergyStatus'], ['getDynamicScheduleV2']],
  ])('serves on firmware %s the operations of that firmware', (version, present, absent) => {
    const ids = operationIdsOf(specForFirmware(loadSessySpec(), version));
    for (const id of present) expect(ids).toContain(id);
    for (const id of absent) expect(ids).not.toContain(id);
  });
});
