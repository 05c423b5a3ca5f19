import { describe, expect, it } from 'vitest';
import {
  buildBatteryParams,
  chargeLimitW,
  converterLossW,
  createBatteryState,
  createBatteryStepper,
  dischargeLimitW,
  HOMEVOLT_BATTERY,
  ocvCellV,
  packVoltageV,
  SESSY_BATTERY,
  socOf,
  stepBattery,
  withSoc,
  withTemperature,
  type BatteryParams,
} from '../../simulator/core/index.ts';

const sessy = SESSY_BATTERY;
const at = (soc: number, tempC = 20) => createBatteryState(sessy, soc, tempC);

/** AC energy delivered per unit of energy taken from the cells, discharging for 60 s at `acW`. */
const dischargeEfficiency = (params: BatteryParams, acW: number): number => {
  const step = stepBattery(params, createBatteryState(params, 0.5), acW, 60);
  return (step.acW * 60) / 3600 / step.chemWh;
};

describe('converterLossW', () => {
  it('is p0 + k1·|P| + k2·P² while switching and zero at rest', () => {
    expect(converterLossW(sessy, 0)).toBe(0);
    expect(converterLossW(sessy, 1000)).toBeCloseTo(20 + 25 + 20, 9);
    expect(converterLossW(sessy, -1000)).toBeCloseTo(65, 9);
  });

  it.each([
    // docs/physics.md §2.2: η_conv = 1 − L(P)/P (as in §5.4) at 200 / 1000 / 2200 W ≈ 0.87 / 0.935 / 0.92 for Sessy.
    [200, 0.87],
    [1000, 0.935],
    [2200, 0.92],
  ])('gives the Sessy converter an efficiency near the fit at %i W', (w, eta) => {
    expect(1 - converterLossW(sessy, w) / w).toBeCloseTo(eta, 2);
  });
});

describe('battery efficiency', () => {
  it('peaks near 1 kW for Sessy (converter, pack resistance and standby together)', () => {
    const powers = Array.from({ length: 21 }, (_, i) => 100 + i * 80); // 100 … 1700 W
    const etas = powers.map((w) => dischargeEfficiency(sessy, w));
    const best = powers[etas.indexOf(Math.max(...etas))]!;
    expect(best).toBeGreaterThanOrEqual(800);
    expect(best).toBeLessThanOrEqual(1200);
    expect(dischargeEfficiency(sessy, 1000)).toBeGreaterThan(dischargeEfficiency(sessy, 200));
    expect(dischargeEfficiency(sessy, 1000)).toBeGreaterThan(dischargeEfficiency(sessy, 1700));
  });
});

describe('chargeLimitW', () => {
  it.each([
    [0.5, 2200],
    [0.95, 2200],
    [0.975, 1100],
    [0.99, 440],
    [0.999, 110], // the 5 % floor
    [1, 0],
  ])('tapers near full: at SOC %f the limit is %f W', (soc, w) => {
    expect(chargeLimitW(sessy, at(soc))).toBeCloseTo(w, 6);
  });

  it.each([
    [-5, 0],
    [0, 0],
    [6, 0.5],
    [12, 1],
    [25, 1],
  ])('derates with cold cells: at %f °C the limit is %f of rated', (tempC, fraction) => {
    expect(chargeLimitW(sessy, at(0.5, tempC))).toBeCloseTo(2200 * fraction, 6);
  });

  it('reproduces the Homevolt cold limit: 3528 of 6028 W at a cell temperature of about 7 °C (docs/physics.md §2.5)', () => {
    const ratio = chargeLimitW(HOMEVOLT_BATTERY, createBatteryState(HOMEVOLT_BATTERY, 0.5, 7)) / chargeLimitW(HOMEVOLT_BATTERY, createBatteryState(HOMEVOLT_BATTERY, 0.5, 20));
    expect(ratio).toBeCloseTo(3528 / 6028, 2);
  });
});

describe('dischargeLimitW', () => {
  it.each([
    [0.5, 1700],
    [0.08, 1700],
    [0.04, 850],
    [0.002, 85], // the 5 % floor
    [0, 0],
  ])('derates near empty: at SOC %f the limit is %f W', (soc, w) => {
    expect(dischargeLimitW(sessy, at(soc))).toBeCloseTo(w, 6);
  });

  it('does not derate with cold cells', () => {
    expect(dischargeLimitW(sessy, at(0.5, -10))).toBe(1700);
  });

  it('holds the Sessy DC current to 37.5 A when the AC rating would allow more', () => {
    const strong = buildBatteryParams(sessy, { dischargeRatedW: 3000 });
    for (const soc of [0.1, 0.3, 0.6, 0.9]) {
      const limitW = dischargeLimitW(strong, at(soc));
      expect(limitW).toBeLessThan(3000);
      const step = stepBattery(strong, at(soc), 3000, 1);
      expect(step.acW).toBeCloseTo(limitW, 9);
      expect(step.state.currentA).toBeCloseTo(37.5, 9);
    }
  });

  it('never lets the default Sessy draw more than 37.5 A', () => {
    for (let soc = 0.005; soc < 1; soc += 0.01) {
      expect(stepBattery(sessy, at(soc), 5000, 1).state.currentA).toBeLessThanOrEqual(37.5 + 1e-9);
    }
  });
});

describe('ocvCellV and packVoltageV', () => {
  it('interpolates the LFP table linearly and holds its ends', () => {
    expect(ocvCellV(sessy, 0.5)).toBe(3.287);
    expect(ocvCellV(sessy, 0.55)).toBeCloseTo((3.287 + 3.293) / 2, 12);
    expect(ocvCellV(sessy, -0.1)).toBe(2.8);
    expect(ocvCellV(sessy, 1)).toBe(3.4);
  });

  it('rests at 16 × OCV', () => {
    expect(packVoltageV(sessy, at(0.5))).toBeCloseTo(16 * 3.287, 9);
  });

  it('sits above OCV while charging and below while discharging', () => {
    const ocvV = 16 * ocvCellV(sessy, 0.5);
    const charging = stepBattery(sessy, at(0.5), -2200, 1).state;
    const discharging = stepBattery(sessy, at(0.5), 1700, 1).state;
    expect(packVoltageV(sessy, charging)).toBeGreaterThan(ocvV);
    expect(packVoltageV(sessy, discharging)).toBeLessThan(ocvV);
  });

  it('charging at 2200 W AC lifts the pack about 1.15 V over OCV at once, plus polarisation later (docs/physics.md §2.4)', () => {
    const s0 = at(0.5);
    const first = stepBattery(sessy, s0, -2200, 0.001).state;
    const ocvV = 16 * ocvCellV(sessy, 0.5);
    expect(packVoltageV(sessy, first) - ocvV).toBeCloseTo(1.15, 1);
    let s = s0;
    for (let i = 0; i < 300; i++) s = stepBattery(sessy, s, -2200, 1).state;
    // After 5 τ the RC branch adds |I|·R1 ≈ 0.38 V.
    expect(-s.polarisationV).toBeCloseTo(-s.currentA * sessy.polarisationOhm, 2);
    expect(packVoltageV(sessy, s) - 16 * ocvCellV(sessy, socOf(sessy, s))).toBeGreaterThan(1.4);
  });
});

describe('stepBattery', () => {
  it('clamps the command to the limits at the step start', () => {
    expect(stepBattery(sessy, at(0.5), -9999, 1).acW).toBe(-2200);
    expect(stepBattery(sessy, at(0.5), 9999, 1).acW).toBe(1700);
    expect(stepBattery(sessy, at(0.5, 6), -2200, 1).acW).toBeCloseTo(-1100, 9);
  });

  it('balances energy exactly: ΔE = −(chemWh + selfDischargeWh)', () => {
    for (const [soc, w, dt] of [[0.5, -2200, 60], [0.5, 1700, 3600], [0.9999, -2200, 3600], [0.001, 1700, 3600], [0.3, 0, 86_400]] as const) {
      const s0 = at(soc);
      const step = stepBattery(sessy, s0, w, dt);
      const deltaWh = step.state.energyWh - s0.energyWh;
      expect(Math.abs(deltaWh + step.chemWh + step.selfDischargeWh)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(deltaWh)));
    }
  });

  it('does nothing over a zero step', () => {
    const s0 = at(0.5);
    const step = stepBattery(sessy, s0, 1000, 0);
    expect(step.state.energyWh).toBe(s0.energyWh);
    expect(step.chemWh).toBe(0);
  });

  it('ends a charge at full with power 0 and does not overshoot', () => {
    const s0 = withSoc(sessy, at(0), 0.999);
    const step = stepBattery(sessy, s0, -2200, 3600);
    expect(step.limitReached).toBe('full');
    expect(step.state.energyWh).toBeLessThanOrEqual(sessy.capacityWh);
    expect(chargeLimitW(sessy, step.state)).toBeGreaterThan(0); // standby after the crossing draws it just below full
    expect(stepBattery(sessy, withSoc(sessy, s0, 1), -2200, 1).acW).toBe(0);
  });

  it('splits a long step at the crossing: the AC energy is what ran before the pack was full', () => {
    const s0 = withSoc(sessy, at(0), 0.999);
    const acW = -chargeLimitW(sessy, s0); // the 110 W floor
    // Independent arithmetic of docs/physics.md §2.2 at the start SOC.
    const dcW = acW + converterLossW(sessy, acW);
    const currentA = dcW / (16 * ocvCellV(sessy, 0.999));
    const chemW = dcW + currentA ** 2 * sessy.packResistanceOhm + sessy.auxW;
    const crossingS = ((sessy.capacityWh - s0.energyWh) / -chemW) * 3600;
    expect(crossingS).toBeGreaterThan(0);
    expect(crossingS).toBeLessThan(3600);

    const step = stepBattery(sessy, s0, -2200, 3600);
    expect(step.acW * 3600).toBeCloseTo(acW * crossingS, 6);
    // After the crossing the pack stands by at 8 W from its own energy.
    const standbyWh = (sessy.auxW * (3600 - crossingS)) / 3600;
    expect(step.state.energyWh + step.selfDischargeWh).toBeCloseTo(sessy.capacityWh - standbyWh, 6);
  });

  it('ends a discharge at empty with power 0, then draws standby from the grid', () => {
    const s0 = withSoc(sessy, at(0), 0.001);
    const step = stepBattery(sessy, s0, 1700, 3600);
    expect(step.limitReached).toBe('empty');
    expect(step.state.energyWh).toBe(0);
    expect(step.auxFromGridWh).toBeGreaterThan(0);
    expect(step.auxFromGridWh).toBeLessThan(8);
  });

  it('stops a charge too small to cover its own losses at empty, instead of draining below empty', () => {
    // At −20 W AC the cells see −20 W + 20.5 W converter loss + 8 W standby = +8.5 W: a net drain.
    const step = stepBattery(sessy, at(0), -20, 60);
    expect(step.state.energyWh).toBe(0);
    expect(step.acW).toBe(0);
    expect(step.limitReached).toBe('empty');
    expect(step.auxFromGridWh).toBeCloseTo((8 * 60) / 3600, 12);
  });

  it('draws standby (8 W) from the grid when empty and idle, leaving the pack at 0', () => {
    const step = stepBattery(sessy, at(0), 0, 3600);
    expect(step.auxFromGridWh).toBeCloseTo(8, 12);
    expect(step.state.energyWh).toBe(0);
    expect(step.chemWh).toBe(0);
    expect(step.acW).toBe(0);
  });

  it('draws standby from the pack when not empty', () => {
    const step = stepBattery(sessy, at(0.5), 0, 3600);
    expect(step.auxFromGridWh).toBe(0);
    expect(step.chemWh).toBeCloseTo(8, 12);
  });

  it('loses about 2 %/month to self-discharge', () => {
    // Without standby, which would otherwise empty the pack in 26 days.
    const params = buildBatteryParams(sessy, { auxW: 0 });
    const step = stepBattery(params, createBatteryState(params, 1), 0, 30 * 86_400);
    expect(step.selfDischargeWh / sessy.capacityWh).toBeCloseTo(0.0194, 3);
  });

  it('keeps SOC within [0, 1] whatever the command and step', () => {
    let s = at(0.5);
    for (let i = 0; i < 2000; i++) {
      const w = 3000 * Math.sin(i / 13);
      s = stepBattery(sessy, s, w, 1 + (i % 7) * 300).state;
      expect(s.energyWh / sessy.capacityWh).toBeGreaterThanOrEqual(0);
      expect(s.energyWh / sessy.capacityWh).toBeLessThanOrEqual(1);
    }
  });
});

describe('withSoc and withTemperature', () => {
  it('set the SOC (resetting polarisation) and the cell temperature', () => {
    const charged = stepBattery(sessy, at(0.5), -2200, 60).state;
    expect(withSoc(sessy, charged, 0.25)).toMatchObject({ energyWh: 1250, polarisationV: 0 });
    expect(withTemperature(charged, 5).tempC).toBe(5);
    expect(() => withTemperature(charged, NaN)).toThrow(expect.objectContaining({ code: 'SIM_ERR_INVALID_PARAMETER' }));
  });
});

describe('createBatteryStepper', () => {
  it('steps in place with exactly the results of stepBattery, limits included', () => {
    const start = createBatteryState(sessy, 0.02, 9);
    const stepper = createBatteryStepper(sessy, start);
    let state = start;
    // Charge into the taper, idle, discharge to empty (standby from the grid), with changing step sizes.
    for (let i = 0; i < 3000; i++) {
      const commandW = i < 1200 ? -2500 : i < 1500 ? 0 : 2000 * Math.sin(i / 50) + 1500;
      const dtS = 1 + (i % 5) * 7;
      expect(stepper.now.chargeLimitW).toBe(chargeLimitW(sessy, state));
      expect(stepper.now.dischargeLimitW).toBe(dischargeLimitW(sessy, state));
      expect(stepper.now.socFraction).toBe(socOf(sessy, state));
      const expected = stepBattery(sessy, state, commandW, dtS);
      stepper.step(commandW, dtS);
      const { state: next, ...outcome } = expected;
      const { acW, chemWh, selfDischargeWh, auxFromGridWh, limitReached } = stepper.last;
      expect({ acW, chemWh, selfDischargeWh, auxFromGridWh, limitReached }).toEqual(outcome);
      expect(stepper.state()).toEqual(next);
      state = next;
    }
    expect(state.energyWh).toBe(0); // the sequence reached empty
  });

  // The stepper keeps the last OCV segment and skips the current-limit square root where it cannot bind.
  it.each([
    ['Sessy (LFP, 37.5 A)', sessy],
    ['Homevolt (NMC, no current limit)', HOMEVOLT_BATTERY],
    ['a 25 A limit that binds up to high SOC', buildBatteryParams(sessy, { dischargeCurrentLimitA: 25 })],
    [
      'an OCV curve with a falling segment',
      buildBatteryParams(sessy, { dischargeCurrentLimitA: 33, ocv: { socFraction: [0, 0.3, 0.31, 0.7, 1], cellV: [2.9, 3.3, 3.2, 3.3, 3.4] } }),
    ],
  ])('gives exactly dischargeLimitW and chargeLimitW for %s when the SOC jumps between OCV segments', (_name, params) => {
    const stepper = createBatteryStepper(params, createBatteryState(params, 0.5));
    // A fixed walk over [0, 1]: jumps far and near, onto the curve's points and between them.
    const socs = [0, 1, 0.3, 0.31, 0.305, 0.02, 0.05, 0.049, 0.051, 0.98, 0.7, 0.6999, 0.08, 0.0799, 0.5, 0.95, 0.951];
    for (let i = 0; i < 200; i++) socs.push((i * 0.6180339887) % 1);
    for (const soc of socs) {
      stepper.setState(withSoc(params, stepper.state(), soc));
      const state = stepper.state();
      expect(stepper.now.dischargeLimitW).toBe(dischargeLimitW(params, state));
      expect(stepper.now.chargeLimitW).toBe(chargeLimitW(params, state));
      stepper.step(params.dischargeRatedW, 30);
      expect(stepper.now.dischargeLimitW).toBe(dischargeLimitW(params, stepper.state()));
    }
  });

  it('gives exactly chargeLimitW as the cells warm up and cool down, in and out of the taper', () => {
    const stepper = createBatteryStepper(sessy, at(0.9, 20));
    for (const tempC of [20, 5, -3, 0, 11.99, 12, 30, 7]) {
      stepper.setState(withTemperature(stepper.state(), tempC));
      for (let i = 0; i < 40; i++) {
        stepper.step(-2200, 15);
        expect(stepper.now.chargeLimitW).toBe(chargeLimitW(sessy, stepper.state()));
      }
      stepper.setState(withSoc(sessy, stepper.state(), 0.9));
    }
  });

  it('takes a new state, e.g. a SOC set from outside', () => {
    const stepper = createBatteryStepper(sessy, at(0.5));
    stepper.setState(withSoc(sessy, stepper.state(), 0.99));
    expect(stepper.now.socFraction).toBe(0.99);
    expect(stepper.now.chargeLimitW).toBeCloseTo(440, 9);
  });

  it('returns the same state object until it steps', () => {
    const stepper = createBatteryStepper(sessy, at(0.5));
    const before = stepper.state();
    expect(stepper.state()).toBe(before);
    stepper.step(1000, 1);
    expect(stepper.state()).not.toBe(before);
  });

  it('rejects a NaN command like stepBattery', () => {
    expect(() => createBatteryStepper(sessy, at(0.5)).step(NaN, 1)).toThrow(expect.objectContaining({ code: 'SIM_ERR_INVALID_COMMAND' }));
  });
});
