import { describe, expect, it } from 'vitest';
import { buildActuatorParams, createActuatorStepper, SESSY_ACTUATOR, stepActuator } from '../../simulator/core/index.ts';

describe('stepActuator', () => {
  it('follows a small change with a first-order lag (τ = 1 s)', () => {
    // 100 W away from the target: the slew limit (1000 W/s) does not bind.
    const out = stepActuator(SESSY_ACTUATOR, 0, 100, 0.5);
    expect(out).toBeCloseTo(100 * (1 - Math.exp(-0.5)), 9);
  });

  it('limits a large change to the slew rate (1000 W/s)', () => {
    expect(stepActuator(SESSY_ACTUATOR, 0, -2200, 0.1)).toBeCloseTo(-100, 9);
    expect(stepActuator(SESSY_ACTUATOR, 1700, 0, 0.1)).toBeCloseTo(1600, 9);
  });

  it('reaches the setpoint exactly once within 0.05 W of it', () => {
    let w = 0;
    for (let i = 0; i < 200; i++) w = stepActuator(SESSY_ACTUATOR, w, 1700, 0.1);
    expect(w).toBe(1700);
  });

  it('jumps straight to the target without a lag when τ = 0 and the slew allows', () => {
    const params = buildActuatorParams(SESSY_ACTUATOR, { lagTauS: 0 });
    expect(stepActuator(params, 0, 500, 1)).toBe(500);
  });

  it('rejects a zero slew rate', () => {
    expect(() => buildActuatorParams(SESSY_ACTUATOR, { slewWPerS: 0 })).toThrow(expect.objectContaining({ code: 'SIM_ERR_INVALID_PARAMETER' }));
  });
});

describe('createActuatorStepper', () => {
  it('gives exactly what stepActuator gives, whatever the step sizes', () => {
    const actuate = createActuatorStepper(SESSY_ACTUATOR);
    let a = 0;
    let b = 0;
    for (let i = 0; i < 500; i++) {
      const targetW = i % 100 < 50 ? 1700 : -2200;
      const dtS = i % 3 === 0 ? 0.1 : 1;
      a = actuate(a, targetW, dtS);
      b = stepActuator(SESSY_ACTUATOR, b, targetW, dtS);
      expect(a).toBe(b);
    }
  });
});
