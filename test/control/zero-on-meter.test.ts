import { describe, expect, it } from 'vitest';
import {
  buildZeroOnMeterParams,
  ControllerError,
  createZeroOnMeterController,
  createZeroOnMeterState,
  stepZeroOnMeter,
  type ZeroOnMeterParams,
  type ZeroOnMeterState,
} from '../../clients/control/index.ts';

const LIMITS = { chargeW: 2200, dischargeW: 1700 };
const params = buildZeroOnMeterParams();

/** A state as if the controller had been commanding `commandW` for a while, last stepped at t = 0. */
function settled(commandW: number, errorW = 0): ZeroOnMeterState {
  return { ...createZeroOnMeterState(), commandW, errorW, lastMs: 0 };
}

/** An algebraic plant (grid = load − last command) stepped every `stepS` seconds; returns the commands. */
function drive(p: ZeroOnMeterParams, loadsW: readonly number[], stepS = 5, limits = LIMITS, start = settled(0)): number[] {
  let state = start;
  const commands: number[] = [];
  loadsW.forEach((loadW, k) => {
    const gridW = loadW - (state.commandW ?? 0);
    const step = stepZeroOnMeter(p, state, { nowMs: (k + 1) * stepS * 1000, gridW, batteryW: state.commandW ?? 0, limits });
    state = step.state;
    commands.push(step.commandW);
  });
  return commands;
}

describe('stepZeroOnMeter', () => {
  it('holds the command while the error is inside the deadband', () => {
    for (const gridW of [-24, -10, 0, 10, 24]) {
      const step = stepZeroOnMeter(params, settled(500), { nowMs: 5000, gridW, batteryW: 500, limits: LIMITS });
      expect(step.commandW).toBe(500);
    }
  });

  it('moves towards zero once the error leaves the deadband', () => {
    const step = stepZeroOnMeter(params, settled(500), { nowMs: 5000, gridW: 200, batteryW: 500, limits: LIMITS });
    expect(step.commandW).toBeGreaterThan(500);
    expect(step.commandW).toBeLessThanOrEqual(700);
  });

  it('bounds every change of the command by the ramp times the elapsed time', () => {
    const p = buildZeroOnMeterParams({ rampWPerS: 100 });
    const loads = [3000, 3000, 3000, -2000, -2000, -2000, 0, 1500, 1500];
    for (const stepS of [1, 2, 5]) {
      const commands = drive(p, loads, stepS, { chargeW: 5000, dischargeW: 5000 });
      [0, ...commands].slice(1).forEach((w, k) => {
        expect(Math.abs(w - ([0, ...commands][k] ?? 0))).toBeLessThanOrEqual(100 * stepS + 1e-9);
      });
    }
  });

  it('does not let a long gap between steps turn into one large jump', () => {
    const p = buildZeroOnMeterParams({ rampWPerS: 100, rampHorizonS: 10 });
    const step = stepZeroOnMeter(p, settled(0), { nowMs: 3_600_000, gridW: 5000, batteryW: 0, limits: LIMITS });
    expect(step.commandW).toBe(1000);
  });

  it('sends 0 for a correction below the minimum power', () => {
    const step = stepZeroOnMeter(params, settled(0), { nowMs: 5000, gridW: 45, batteryW: 0, limits: LIMITS });
    expect(step.commandW).toBe(0);
  });

  it('rounds a small command up to the minimum power when the full correction is above it', () => {
    // A steady 60 W error: 0.8 · 60 W = 48 W is below min power, and sending 0 would leave 60 W on the meter for good.
    const step = stepZeroOnMeter(params, settled(0, 60), { nowMs: 5000, gridW: 60, batteryW: 0, limits: LIMITS });
    expect(step.commandW).toBe(50);
  });

  it('never commands beyond the limits and reports which one clamped', () => {
    const dis = stepZeroOnMeter(params, settled(1600), { nowMs: 5000, gridW: 900, batteryW: 1600, limits: LIMITS });
    expect(dis.commandW).toBe(1700);
    expect(dis.limitedBy).toBe('discharge');
    const ch = stepZeroOnMeter(params, settled(-2100), { nowMs: 5000, gridW: -900, batteryW: -2100, limits: LIMITS });
    expect(ch.commandW).toBe(-2200);
    expect(ch.limitedBy).toBe('charge');
    const shrunk = stepZeroOnMeter(params, settled(1600), { nowMs: 5000, gridW: 0, batteryW: 1600, limits: { chargeW: 2200, dischargeW: 300 } });
    expect(shrunk.commandW).toBe(300);
  });

  it('does not overshoot after a long saturation (anti-windup)', () => {
    // Five minutes of a 5 kW load the 1.7 kW battery cannot cover, then the load falls to 300 W.
    const commands = drive(params, [...new Array<number>(60).fill(5000), ...new Array<number>(24).fill(300)]);
    expect(commands.slice(0, 60).every((w) => w === 1700)).toBe(true);
    const after = commands.slice(60);
    expect(Math.min(...after)).toBeGreaterThanOrEqual(300 - params.deadbandW);
    expect(Math.abs(after[after.length - 1]! - 300)).toBeLessThan(params.deadbandW);
  });

  it('takes over bumplessly from the battery’s actual power on the first step', () => {
    const step = stepZeroOnMeter(params, createZeroOnMeterState(), { nowMs: 0, gridW: 400, batteryW: 800, limits: LIMITS });
    expect(step.commandW).toBe(800);
  });

  it('damps repeated sign reversals of small errors (anti-oscillation)', () => {
    let state = settled(500, 100);
    const deltas: number[] = [];
    for (let k = 1; k <= 6; k++) {
      const gridW = k % 2 === 0 ? 100 : -100;
      const step = stepZeroOnMeter(params, state, { nowMs: k * 5000, gridW, batteryW: state.commandW!, limits: LIMITS });
      deltas.push(Math.abs(step.commandW - state.commandW!));
      state = step.state;
    }
    expect(state.reversals).toBeGreaterThanOrEqual(params.oscillationReversals);
    expect(deltas[deltas.length - 1]!).toBeLessThan(deltas[0]!);
  });

  it('converges on a steady load and then holds still', () => {
    const commands = drive(params, new Array<number>(30).fill(850));
    expect(Math.abs(commands[commands.length - 1]! - 850)).toBeLessThan(params.deadbandW);
    expect(new Set(commands.slice(-10)).size).toBe(1);
  });
});

describe('buildZeroOnMeterParams', () => {
  it.each([
    ['deadbandW', -1],
    ['integralGain', 0],
    ['integralGain', 2.5],
    ['rampWPerS', Number.NaN],
    ['minPowerW', Infinity],
    ['oscillationDamping', 0],
  ] as const)('rejects %s = %s with CONTROL_ERR_INVALID_PARAMETER', (key, value) => {
    expect(() => buildZeroOnMeterParams({ [key]: value })).toThrow(expect.objectContaining({ code: 'CONTROL_ERR_INVALID_PARAMETER' }));
  });

  it('rejects an unknown key, naming it', () => {
    const build = () => buildZeroOnMeterParams({ deadband: 25 } as never);
    expect(build).toThrow(ControllerError);
    expect(build).toThrow(expect.objectContaining({ code: 'CONTROL_ERR_UNKNOWN_OPTION', message: expect.stringContaining('"deadband"') }));
  });

  it('returns frozen parameters with the defaults filled in', () => {
    const p = buildZeroOnMeterParams({ deadbandW: 10 });
    expect(Object.isFrozen(p)).toBe(true);
    expect(p.deadbandW).toBe(10);
    expect(p.minPowerW).toBe(50);
  });
});

describe('createZeroOnMeterController', () => {
  it('reads, steps and commands through the capability interfaces', async () => {
    const sent: number[] = [];
    const controller = createZeroOnMeterController({
      meter: { readGridPowerW: async () => 300 },
      battery: { readPowerW: async () => 0, readLimits: async () => LIMITS, commandPowerW: async (w) => void sent.push(w) },
    });
    await controller.step(0);
    const report = await controller.step(5000);
    expect(report.gridW).toBe(300);
    expect(sent).toEqual([0, report.commandW]);
    expect(report.commandW).toBeGreaterThan(0);
  });

  it('sends nothing and keeps its state when the meter returns a non-number', async () => {
    const sent: number[] = [];
    const controller = createZeroOnMeterController({
      meter: { readGridPowerW: async () => Number.NaN },
      battery: { readPowerW: async () => 0, readLimits: async () => LIMITS, commandPowerW: async (w) => void sent.push(w) },
    });
    await expect(controller.step(0)).rejects.toMatchObject({ code: 'CONTROL_ERR_INVALID_READING' });
    expect(sent).toEqual([]);
    expect(controller.state.commandW).toBeNull();
  });
});
