/** The dongle's side of NOM with a Sessy meter (docs/sessy.md §4.1, §6): it follows power_target_w, and idles without it. */
import { describe, expect, it } from 'vitest';
import { createSessyDevice, NOM_TARGET_HOLD_S, STATE_BIT } from '../../simulator/devices/sessy/index.ts';
import { parseNomAnswer, renderNomReport } from '../../simulator/http/sessy/nom-wire.ts';

const answer = (targetW: number) => ({ targetW, baselineW: targetW, currentLimitA: 16 });
const onMeter = () => createSessyDevice({ site: { seed: 4, pv: { peakW: 0 }, initialSoc: 0.6 }, nomSource: 'meter' });

describe('a Sessy in NOM with a meter', () => {
  it('asks for nothing and raises bit 58 (no meter data) before the meter has answered', () => {
    const d = onMeter();
    d.stepTo(d.site.now() + 90_000);
    expect(d.power().setpointW).toBe(0);
    expect(d.stateBits().active).toContain(STATE_BIT.NO_METER_DATA);
  });

  it('follows the power_target_w the meter answers, whatever its own household draws', () => {
    const d = onMeter();
    let t = d.site.now();
    for (let i = 0; i < 90; i++) {
      d.receiveNomAnswer(answer(700));
      d.stepTo((t += 1000));
    }
    expect(d.power().setpointW).toBe(700);
    expect(d.power().powerW).toBeCloseTo(700, -1);
    expect(d.stateBits().active).not.toContain(STATE_BIT.NO_METER_DATA);
  });

  it(`idles once the last answer is older than ${NOM_TARGET_HOLD_S} s, and a failed post does not renew it`, () => {
    const d = onMeter();
    const t0 = d.site.now();
    d.receiveNomAnswer(answer(700));
    d.stepTo(t0 + (NOM_TARGET_HOLD_S - 1) * 1000);
    expect(d.power().setpointW).toBe(700);
    d.receiveNomAnswer(null);
    d.stepTo(t0 + (NOM_TARGET_HOLD_S + 2) * 1000);
    expect(d.power().setpointW).toBe(0);
    expect(d.nomLink().failures).toBe(1);
    expect(d.stateBits().active).toContain(STATE_BIT.NO_METER_DATA);
  });

  it('posts only in NOM (or ECO) and only with a meter', () => {
    const d = onMeter();
    expect(d.posts()).toBe(true);
    d.setStrategy('POWER_STRATEGY_API');
    expect(d.posts()).toBe(false);
    expect(createSessyDevice({ site: { seed: 4 } }).posts()).toBe(false);
  });

  it('reports no discharge at or below min_soc, and its charge limit within max_power', () => {
    const d = createSessyDevice({ site: { seed: 4, initialSoc: 0.05 }, nomSource: 'meter' });
    expect(d.updateSettings({ min_soc: 10 }).ok).toBe(true);
    const r = d.nomReport();
    expect(r.maxDischargeW).toBe(0);
    expect(r.maxChargeW).toBeGreaterThan(0);
    expect(r.maxChargeW).toBeLessThanOrEqual(d.settings().maxPowerW);
    expect(r.uniqueId).toBe(d.identity.dongleSerial);
  });
});

describe('the NOM report and answer on the wire', () => {
  it('renders the report with the firmware’s names and units, in the documented order', () => {
    const body = renderNomReport({ uniqueId: 'DAB12345', socFraction: 0.62, powerW: -800.4, safetyState: 'SYSTEM_STATE_RUNNING_SAFE', minPowerW: 50, maxChargeW: 2200, maxDischargeW: 1700, overridden: false, overridePowerW: 0, acVoltageV: 231.02, gridCodeState: 'normal' });
    expect(Object.keys(body)).toEqual(['unique_id', 'state_of_charge', 'sessy_power_w', 'safety_state', 'min_power_w', 'max_charge_power_w', 'max_discharge_power_w', 'overridden', 'gcl_data', 'ac_voltage_mv', 'override_power_w']);
    expect(body).toMatchObject({ sessy_power_w: -800, ac_voltage_mv: 231020, state_of_charge: Math.fround(0.62) });
  });

  it.each<[string, unknown, number | null]>([
    ['a share', { status: 'ok', power_target_w: -733, baseline_power_w: -733, current_limit: 16 }, -733],
    ['an error', { status: 'error', error: 'Failed to parse json' }, null],
    ['a target that is not a number', { status: 'ok', power_target_w: '5' }, null],
    ['no JSON object', null, null],
  ])('reads %s', (_, body, targetW) => {
    expect(parseNomAnswer(body)?.targetW ?? null).toBe(targetW);
  });
});
