/** What the meter cases share: the paths, the variant the target is, and waiting for the first telegram. */
import type { CaseContext } from '../core/context.ts';
import type { ContractHttp } from '../core/http.ts';
import { field, waitFor } from '../core/observe.ts';

export const METER_PATHS = Object.freeze({
  p1: '/api/v2/p1/details',
  ct: '/api/v1/ct/details',
  energy: '/api/v1/energy/status',
  modbus: '/api/v1/modbus/details',
  status: '/api/v1/meter/status',
  gridTarget: '/api/v1/meter/grid_target',
  limit: '/api/v1/meter/limit',
  nom: '/api/v1/nom/power',
  info: '/api/v1/system/info',
  settings: '/api/v1/system/settings',
  ota: '/api/v1/ota/status',
  network: '/api/v1/network/status',
  ping: '/ping',
});

/** The firmware's one text for a grid_target it cannot use (docs/sessy.md §6). */
export const GRID_TARGET_ERROR = 'Failed to parse grid_target in set_grid_target!';

/** P1 or CT, from the serial prefix in system/info (docs/sessy.md §1.2: P = P1 meter, C = CT meter). */
export async function meterVariant(ctx: CaseContext): Promise<'p1' | 'ct'> {
  if (ctx.facts.has('variant')) return ctx.facts.get('variant') as 'p1' | 'ct';
  const { body } = await ctx.getJson(METER_PATHS.info);
  const serial = String(field(body, 'self_serial') ?? ctx.target.credentials?.user ?? '');
  const variant = serial.startsWith('C') ? 'ct' : 'p1';
  ctx.facts.set('variant', variant);
  return variant;
}

/** The meter's firmware is not in any answer captured so far; the ESP-IDF version from system/info stands in. */
export async function readMeterFirmware(http: ContractHttp): Promise<string | null> {
  const e = await http.send({ method: 'GET', path: METER_PATHS.info });
  const v = field(e.json(), 'version');
  return e.response?.status === 200 && typeof v === 'string' ? `esp-idf ${v}` : null;
}

/** After a reset the meter has no telegram for a few seconds: waits until meter/status says it reads the grid. */
export async function waitForTelegram(ctx: CaseContext): Promise<void> {
  let last = '';
  const { value } = await waitFor(ctx, 30, 2, async () => {
    const e = await ctx.http.send({ method: 'GET', path: METER_PATHS.status });
    last = String(field(e.json(), 'state') ?? e.response?.status ?? '?');
    return last === 'P1_OK' || last === 'CT_OK' ? true : undefined;
  }, { what: 'the meter to read its first telegram', reading: () => last });
  if (!value) ctx.fail(`the meter did not read the grid within 30 s of a reset: meter/status state is ${last}`);
}

/**
 * A dongle that can do nothing (both limits 0, 0 W): the meter records it and answers its share, which must be 0, and
 * it takes nothing from the real batteries' shares, so posting it to a real meter changes nobody's power.
 */
export function inertDongle(id: string): Record<string, unknown> {
  return { unique_id: id, state_of_charge: 0.5, sessy_power_w: 0, safety_state: 'SYSTEM_STATE_STANDBY', min_power_w: 50, max_charge_power_w: 0, max_discharge_power_w: 0, overridden: false, gcl_data: null, ac_voltage_mv: 230000, override_power_w: 0 };
}
