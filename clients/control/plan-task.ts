/**
 * Executes a plan through a runner: at each tick, command the power of the slot in force, and hand control
 * back to the device's own strategy once the plan has run out. Commands are re-sent every tick, so a device
 * that forgets a setpoint (a restart, a watchdog) picks it up again within one cadence.
 */
import type { AcceptsPowerSetpoint, ReleasesControl } from '../battery.ts';
import { ControllerError, requireNumber } from './errors.ts';
import type { Plan } from './plan.ts';
import type { ControlTask } from './runner.ts';

export interface PlanTaskOptions {
  readonly battery: AcceptsPowerSetpoint & ReleasesControl;
  readonly plan: Plan;
  /** Start of the plan's first slot [epoch ms]. */
  readonly startMs: number;
}

export function createPlanTask(options: PlanTaskOptions): ControlTask {
  const { battery, plan } = options;
  const startMs = requireNumber('the plan task', 'startMs', options.startMs);
  if (plan.powerW.some((w) => !Number.isFinite(w))) {
    throw new ControllerError('CONTROL_ERR_INVALID_PLAN', 'Failed to execute the plan: it holds a power that is not a finite number of W. Fix the planner that made it.');
  }
  const slotMs = plan.slotS * 1000;
  let released = false;
  return async (nowMs: number) => {
    const slot = Math.floor((nowMs - startMs) / slotMs);
    if (slot < 0) return;
    if (slot < plan.powerW.length) {
      released = false;
      await battery.commandPowerW(plan.powerW[slot]!);
    } else if (!released) {
      await battery.releaseControl();
      released = true;
    }
  };
}
