import { OpenAPIBackend } from 'openapi-backend';
import { describe, expect, it } from 'vitest';
import { operationIdsOf } from '../../simulator/http/sessy/index.ts';
import { loadMeterSpec, METER_OPERATION_IDS, meterSpecForVariant } from '../../simulator/http/sessy-meter/index.ts';

describe('openapi/sessy-meter.yaml', () => {
  it('validates as an OpenAPI 3.0 document', async () => {
    const api = new OpenAPIBackend({ definition: loadMeterSpec() as never, strict: true });
    await api.init();
    expect(() => api.validateDefinition()).not.toThrow();
  });

  it('names every operation the handler table covers, and no other', () => {
    expect(operationIdsOf(loadMeterSpec()).sort()).toEqual([...METER_OPERATION_IDS].sort());
  });

  it.each([
    ['p1', ['getP1Details', 'getModbusDetails', 'postNomPower'], ['getCtDetails', 'getEnergyStatus']],
    ['ct', ['getCtDetails', 'getEnergyStatus', 'postNomPower'], ['getP1Details', 'getModbusDetails']],
  ] as const)('serves on a %s meter the operations of that variant', (variant, present, absent) => {
    const ids = operationIdsOf(meterSpecForVariant(loadMeterSpec(), variant));
    for (const id of present) expect(ids).toContain(id);
    for (const id of absent) expect(ids).not.toContain(id);
  });

  it('leaves exactly meter/status, nom/power and ping without authentication', () => {
    const open: string[] = [];
    for (const item of Object.values(loadMeterSpec().paths)) for (const op of Object.values(item) as { security?: unknown[]; operationId: string }[]) if (Array.isArray(op.security) && op.security.length === 0) open.push(op.operationId);
    expect(open.sort()).toEqual(['getMeterStatus', 'ping', 'postNomPower']);
  });
});
