/** Control code for any `Battery`: zero on the meter, day-ahead arbitrage planners, and a runner on any clock. */
export { CONTROLLER_ERROR_CODES, ControllerError, type ControllerErrorCode } from './errors.ts';
export {
  buildZeroOnMeterParams,
  createZeroOnMeterState,
  stepZeroOnMeter,
  ZERO_ON_METER_DEFAULTS,
  type LimitedBy,
  type ZeroOnMeterInputs,
  type ZeroOnMeterParams,
  type ZeroOnMeterState,
  type ZeroOnMeterStep,
} from './zero-on-meter.ts';
export {
  createZeroOnMeterController,
  type ZeroOnMeterBattery,
  type ZeroOnMeterController,
  type ZeroOnMeterControllerOptions,
  type ZeroOnMeterReport,
} from './zero-on-meter-controller.ts';
export {
  bestDischargeEfficiency,
  evaluatePlan,
  lossW,
  resolvePlanInputs,
  storePowerW,
  type ConverterLoss,
  type Plan,
  type PlanBattery,
  type PlanEvaluation,
  type PlanInputs,
  type PlanViolation,
  type PlanViolationKind,
  type ResolvedPlanInputs,
} from './plan.ts';
export { planHeuristic } from './plan-heuristic.ts';
export { planBlockHeuristic } from './plan-block-heuristic.ts';
export { chargePowerToStoreW, dischargePowerFromStoreW, planOptimal, type OptimalPlanOptions } from './plan-optimal.ts';
export { createPlanTask, type PlanTaskOptions } from './plan-task.ts';
export { createRunner, type Clock, type ControlTask, type Runner, type RunnerOptions, type RunOptions } from './runner.ts';
