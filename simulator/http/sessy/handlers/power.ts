/** Power endpoints (docs/sessy.md §3.1–3.3): status, active strategy, setpoint. */
import { isPowerStrategy } from '../../../devices/sessy/index.ts';
import { badRequest, fieldError, json, type OperationEntry, type OperationId, type SessyRequest, type WireResult } from '../operations.ts';
import { OK, renderPowerStatus } from '../render.ts';

/** The exact firmware text for a setpoint outside the API strategy (docs/sessy.md §3.3). */
export const NOT_API_TEXT = "The 'open mode' is not set as the active power strategy. Set it first using /api/v1/power/active_strategy";

const unreadable = (req: SessyRequest): WireResult | undefined =>
  req.bodyIssue === 'content too long' ? badRequest('content too long') : req.bodyIssue ? badRequest('Failed to parse json') : undefined;

const strategyInvalid = (req: SessyRequest): WireResult => {
  const early = unreadable(req);
  if (early) return early;
  const value = (req.body as Record<string, unknown> | undefined)?.strategy;
  // A string that is not a strategy takes the firmware's shared "not valid" path; anything else fails the parse.
  if (typeof value === 'string' && !isPowerStrategy(value)) return badRequest('Provided argument is not a valid power strategy');
  return badRequest(`Failed to parse required string argument strategy, with error: ${fieldError(req.body, 'strategy')}`);
};

const setpointInvalid = (req: SessyRequest): WireResult =>
  unreadable(req) ?? badRequest(`Failed to parse required integer argument setpoint, with error: ${fieldError(req.body, 'setpoint')}`);

/**
 * The firmware reads the setpoint as a C int: a number that is not an integer or does not fit 32 bits (1e308) is
 * refused as an invalid argument (docs/http-errors.md); within that range the supervisor clamps it (docs/sessy.md §3.3).
 */
function isInt32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

export const powerOperations = {
  getPowerStatus: { reusable: true, handle: ({ device, fields }) => json(renderPowerStatus(device.power(), fields.powerStatusKeys)) },
  getActiveStrategy: { handle: ({ device }) => json({ status: 'ok', strategy: device.strategy() }) },
  setActiveStrategy: {
    invalid: strategyInvalid,
    handle(req) {
      const value = (req.body as Record<string, unknown> | undefined)?.strategy;
      if (req.bodyIssue || !isPowerStrategy(value)) return strategyInvalid(req);
      req.device.setStrategy(value);
      return json(OK);
    },
  },
  setPowerSetpoint: {
    invalid: setpointInvalid,
    handle(req) {
      const value = (req.body as Record<string, unknown> | undefined)?.setpoint;
      if (req.bodyIssue || !isInt32(value)) return setpointInvalid(req);
      return req.device.setApiSetpoint(value) === 'ok' ? json(OK) : badRequest(NOT_API_TEXT);
    },
  },
} satisfies Partial<Record<OperationId, OperationEntry>>;
