import { describe, expect, it } from 'vitest';
import { CONTROLLER_ERROR_CODES, ControllerError, createPlanTask, createRunner } from '../../clients/control/index.ts';
import { createManualClock } from '../../simulator/core/index.ts';

describe('createRunner', () => {
  it('runs the task at the configured cadence on a manual clock', async () => {
    const clock = createManualClock(0);
    const at: number[] = [];
    const runner = createRunner({ clock, cadenceMs: 5000, task: (nowMs) => void at.push(nowMs) });
    for (let s = 0; s < 60; s++) {
      await runner.tick();
      clock.advance(1000);
    }
    expect(at).toEqual([0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 55_000]);
    expect(runner.runs).toBe(12);
  });

  it('runs once for a late tick and skips the due times it missed', async () => {
    const clock = createManualClock(0);
    const at: number[] = [];
    const runner = createRunner({ clock, cadenceMs: 5000, task: (nowMs) => void at.push(nowMs) });
    await runner.tick();
    clock.advance(12_000);
    expect(await runner.tick()).toBe(true);
    expect(await runner.tick()).toBe(false);
    expect(runner.skipped).toBe(1);
    expect(runner.nextDueMs).toBe(15_000);
    expect(at).toEqual([0, 12_000]);
  });

  it('loops with an injected wait until the end time, without sleeping', async () => {
    const clock = createManualClock(0);
    const at: number[] = [];
    const runner = createRunner({ clock, cadenceMs: 2000, task: (nowMs) => void at.push(nowMs), wait: async (ms) => void clock.advance(ms) });
    await runner.run({ untilMs: 10_000 });
    expect(at).toEqual([0, 2000, 4000, 6000, 8000]);
    expect(clock.now()).toBe(10_000);
  });

  it('stops when the signal aborts', async () => {
    const clock = createManualClock(0);
    const controller = new AbortController();
    const runner = createRunner({
      clock,
      cadenceMs: 1000,
      task: (nowMs) => {
        if (nowMs >= 3000) controller.abort();
      },
      wait: async (ms) => void clock.advance(ms),
    });
    await runner.run({ signal: controller.signal });
    expect(runner.runs).toBe(4);
  });

  it('hands task errors to onError and keeps running', async () => {
    const clock = createManualClock(0);
    const errors: number[] = [];
    const runner = createRunner({
      clock,
      cadenceMs: 1000,
      task: () => {
        throw new Error('meter offline');
      },
      wait: async (ms) => void clock.advance(ms),
      onError: (_e, nowMs) => void errors.push(nowMs),
    });
    await runner.run({ untilMs: 3000 });
    expect(errors).toEqual([0, 1000, 2000]);
  });

  it('refuses to run without a wait, or twice at once', async () => {
    const clock = createManualClock(0);
    await expect(createRunner({ clock, cadenceMs: 1000, task: () => {} }).run()).rejects.toMatchObject({ code: 'CONTROL_ERR_INVALID_PARAMETER' });
    let release: () => void = () => {};
    const runner = createRunner({ clock, cadenceMs: 1000, task: () => {}, wait: () => new Promise<void>((r) => (release = r)) });
    const first = runner.run({ untilMs: 1500 });
    await expect(runner.run()).rejects.toMatchObject({ code: 'CONTROL_ERR_RUNNER_BUSY' });
    clock.advance(1500);
    release();
    await first;
  });

  it('rejects a cadence that is not a positive number of ms', () => {
    expect(() => createRunner({ clock: createManualClock(0), cadenceMs: 0, task: () => {} })).toThrow(expect.objectContaining({ code: 'CONTROL_ERR_INVALID_PARAMETER' }));
  });
});

describe('createPlanTask', () => {
  it('commands each slot’s power in turn and hands control back after the plan', async () => {
    const clock = createManualClock(0);
    const log: string[] = [];
    const battery = { commandPowerW: async (w: number) => void log.push(`${clock.now()}:${w}`), releaseControl: async () => void log.push(`${clock.now()}:release`) };
    const task = createPlanTask({ battery, plan: { slotS: 900, powerW: [-2200, 0, 1700] }, startMs: 0 });
    const runner = createRunner({ clock, cadenceMs: 450_000, task, wait: async (ms) => void clock.advance(ms) });
    await runner.run({ untilMs: 3_600_000 });
    expect(log).toEqual(['0:-2200', '450000:-2200', '900000:0', '1350000:0', '1800000:1700', '2250000:1700', '2700000:release']);
  });
});

describe('CONTROLLER_ERROR_CODES', () => {
  it('is a catalogue of unique CONTROL_ERR_ codes, each described', () => {
    const codes = Object.keys(CONTROLLER_ERROR_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [code, description] of Object.entries(CONTROLLER_ERROR_CODES)) {
      expect(code).toMatch(/^CONTROL_ERR_[A-Z_]+$/);
      expect(description.length).toBeGreaterThan(10);
    }
    const error = new ControllerError('CONTROL_ERR_INVALID_PLAN', 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ControllerError');
  });
});
