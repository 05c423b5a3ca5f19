/**
 * Per-firmware fields are declared once, in openapi/sessy.yaml (`x-sessy-since` on the power_status schema's
 * `sessy` properties, docs/sessy.md §7): each firmware profile sends exactly the keys the spec gives its version,
 * in the schema's order, and the spec names every key the model can show.
 */
import { describe, expect, it } from 'vitest';
import { FIRMWARE_PROFILES, type FirmwareVersion } from '../../simulator/devices/sessy/index.ts';
import { compareVersions } from '../../simulator/devices/sessy/firmware.ts';
import { loadSessySpec } from '../../simulator/http/sessy/index.ts';
import { createHarness } from './harness.ts';

type Property = { 'x-sessy-since'?: string; 'x-sessy-removed'?: string };
const sessyProperties = (): Record<string, Property> =>
  (loadSessySpec() as unknown as { components: { schemas: { power_status: { properties: { sessy: { properties: Record<string, Property> } } } } } }).components.schemas.power_status.properties.sessy.properties;

/** The keys the spec gives `version`, read here without the emulator's own reader. */
function specKeys(version: string): string[] {
  return Object.entries(sessyProperties())
    .filter(([, p]) => (p['x-sessy-since'] === undefined || compareVersions(version, p['x-sessy-since']) >= 0) && (p['x-sessy-removed'] === undefined || compareVersions(version, p['x-sessy-removed']) < 0))
    .map(([key]) => key);
}

async function sentKeys(firmware: FirmwareVersion): Promise<string[]> {
  const h = await createHarness({ firmware });
  const r = await h.app.inject({ method: 'GET', url: '/api/v1/power/status' });
  return Object.keys((JSON.parse(r.body) as { sessy: object }).sessy);
}

describe('power/status keys per firmware, from openapi/sessy.yaml', () => {
  it.each(Object.keys(FIRMWARE_PROFILES) as FirmwareVersion[])('fw %s sends exactly the keys the spec gives its version, in its order', async (firmware) => {
    expect(await sentKeys(firmware)).toEqual(specKeys(firmware));
  });

  it('marks the keys that older firmware omits: fw 1.7.2 lacks all four, fw 1.8.6 the two added in 1.9', () => {
    expect(Object.keys(sessyProperties()).filter((k) => !specKeys('1.7.2').includes(k))).toEqual(['external_power', 'pack_voltage', 'inverter_current_ma', 'strategy_overridden']);
    expect(Object.keys(sessyProperties()).filter((k) => !specKeys('1.8.6').includes(k))).toEqual(['external_power', 'pack_voltage']);
  });

  it('names every key the newest firmware sends', async () => {
    expect(await sentKeys('1.11.11')).toEqual(Object.keys(sessyProperties()));
  });
});
