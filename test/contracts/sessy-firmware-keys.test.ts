/**
 * The Sessy contracts expect the power/status keys the spec gives a firmware (`x-sessy-since`, docs/sessy.md §7),
 * read from openapi/sessy.yaml as the emulator reads them: one declaration, not a third list in the contracts.
 */
import { describe, expect, it } from 'vitest';
import type { CaseContext } from '../../contracts/core/context.ts';
import { loadDeviceSpec } from '../../contracts/core/spec.ts';
import { firmwareLacks } from '../../contracts/sessy/common.ts';

async function lacks(firmware: string | null): Promise<string[]> {
  const ctx = { facts: new Map<string, unknown>([['firmware', firmware]]), spec: await loadDeviceSpec('sessy') } as unknown as CaseContext;
  return (await firmwareLacks(ctx)).sort();
}

describe('the power/status keys a Sessy firmware lacks, as the contracts expect them', () => {
  it('are the keys the spec dates after it', async () => {
    expect(await lacks('1.7.2')).toEqual(['external_power', 'inverter_current_ma', 'pack_voltage', 'strategy_overridden']);
    expect(await lacks('1.8.6')).toEqual(['external_power', 'pack_voltage']);
  });

  it('follow the spec to the patch version: 1.9.0 sends external_power but not pack_voltage (1.9.1)', async () => {
    expect(await lacks('1.9.0')).toEqual(['pack_voltage']);
    expect(await lacks('1.9.1')).toEqual([]);
  });

  it('are none when the firmware is unknown', async () => {
    expect(await lacks(null)).toEqual([]);
  });
});
