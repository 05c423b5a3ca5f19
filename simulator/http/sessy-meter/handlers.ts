/** The meter's handler table (docs/sessy.md §6): one entry per operationId, checked complete at compile time. */
import { parseNomReport } from '../../devices/sessy-meter/index.ts';
import { OTA_TARGETS } from '../../devices/sessy/index.ts';
import { quotePrefix } from '../shared/quote.ts';
import { fieldError } from '../sessy/operations.ts';
import { badRequest, json, type MeterOperations, type MeterRequest, type WireResult } from './operations.ts';
import { OK, renderMeterOta, renderCtDetails, renderCtEnergy, renderGridTarget, renderMeterLimit, renderMeterNetworkStatus, renderMeterSettings, renderMeterStatus, renderMeterSystemInfo, renderModbus, renderNomAnswer, renderP1Details } from './render.ts';

/** The firmware's one text for any grid_target it cannot use (docs/sessy.md §6). */
export const GRID_TARGET_ERROR = 'Failed to parse grid_target in set_grid_target!';
/** The range ha-sessy offers, taken as the firmware's [A: docs/sessy.md §6] [W]. */
export const GRID_TARGET_LIMIT_W = 20_000;

const unreadable = (req: MeterRequest): WireResult | undefined =>
  req.bodyIssue === 'content too long' ? badRequest('content too long') : req.bodyIssue === 'empty' ? badRequest('Failed to read post body, no content received') : req.bodyIssue ? badRequest('Failed to parse json') : undefined;

const gridTargetInvalid = (req: MeterRequest): WireResult => (req.bodyIssue === 'content too long' ? badRequest('content too long') : badRequest(GRID_TARGET_ERROR));

const nomInvalid = (req: MeterRequest): WireResult => {
  const early = unreadable(req);
  if (early) return early;
  const parsed = parseNomReport(req.body);
  return parsed.ok ? badRequest('Failed to parse json') : badRequest(parsed.error);
};

/** The dongle's OTA texts (docs/sessy.md §3.8), taken for the meter's [A]. */
const otaInvalid = (req: MeterRequest): WireResult => {
  if (req.bodyIssue === 'content too long') return badRequest('content too long');
  if (req.bodyIssue) return badRequest('No json body found');
  const target = (req.body as Record<string, unknown> | undefined)?.target;
  if (typeof target === 'string') return badRequest(`Invalid OTA update target, found: '${quotePrefix(target)}'`);
  return badRequest(`No OTA target found, with error: ${fieldError(req.body, 'target')}`);
};

export const METER_OPERATIONS: MeterOperations = Object.freeze({
  getP1Details: { handle: ({ device }) => json(renderP1Details(device)) },
  getCtDetails: { handle: ({ device }) => json(renderCtDetails(device.reading())) },
  getEnergyStatus: { handle: ({ device }) => json(renderCtEnergy(device.reading())) },
  getModbusDetails: { handle: ({ device }) => json(renderModbus(device)) },
  getMeterStatus: { handle: ({ device }) => json(renderMeterStatus(device)) },
  getGridTarget: { handle: ({ device }) => json(renderGridTarget(device)) },
  setGridTarget: {
    invalid: gridTargetInvalid,
    handle(req) {
      const value = (req.body as Record<string, unknown> | undefined)?.grid_target;
      if (req.bodyIssue || typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > GRID_TARGET_LIMIT_W) return gridTargetInvalid(req);
      req.device.setGridTarget(value);
      return json(OK);
    },
  },
  getMeterLimit: { handle: ({ device }) => json(renderMeterLimit(device)) },
  postNomPower: {
    invalid: nomInvalid,
    handle(req) {
      const early = unreadable(req);
      if (early) return early;
      const parsed = parseNomReport(req.body);
      if (!parsed.ok) return badRequest(parsed.error);
      return json(renderNomAnswer(req.device.reportNom(parsed.report)));
    },
  },
  getSystemInfo: { handle: ({ device }) => json(renderMeterSystemInfo(device)) },
  getSystemSettings: { handle: ({ device }) => json(renderMeterSettings(device.settings())) },
  setSystemSettings: {
    invalid: (req) => unreadable(req) ?? badRequest('Failed to parse json'),
    handle(req) {
      const early = unreadable(req);
      if (early) return early;
      const result = req.device.updateSettings(req.body);
      return result.ok ? json(OK) : badRequest(result.error);
    },
  },
  restartSystem: {
    invalid: () => json(OK),
    handle({ device }) {
      device.restart();
      return json(OK);
    },
  },
  getOtaStatus: { handle: ({ device }) => json(renderMeterOta(device.ota())) },
  checkOta: {
    handle({ device }) {
      device.checkOta();
      return json(OK);
    },
  },
  startOta: {
    invalid: otaInvalid,
    handle(req) {
      const target = (req.body as Record<string, unknown> | undefined)?.target;
      if (req.bodyIssue || !(OTA_TARGETS as readonly unknown[]).includes(target)) return otaInvalid(req);
      req.device.startOta();
      return json(OK);
    },
  },
  getNetworkStatus: { handle: ({ device }) => json(renderMeterNetworkStatus(device)) },
  ping: { handle: () => ({ kind: 'text', body: 'pong' }) },
} satisfies MeterOperations);
