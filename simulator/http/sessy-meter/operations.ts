/**
 * Every operationId of openapi/sessy-meter.yaml and the handler table type keyed by them: `Record<OperationId, …>`
 * makes a missing handler a compile error, and a test checks this list against the YAML.
 */
import type { SessyMeterDevice } from '../../devices/sessy-meter/index.ts';
import type { WireResult } from '../sessy/operations.ts';

export { badRequest, json, type WireResult } from '../sessy/operations.ts';

export const METER_OPERATION_IDS = [
  'getP1Details',
  'getCtDetails',
  'getEnergyStatus',
  'getModbusDetails',
  'getMeterStatus',
  'getGridTarget',
  'setGridTarget',
  'getMeterLimit',
  'postNomPower',
  'getSystemInfo',
  'getSystemSettings',
  'setSystemSettings',
  'restartSystem',
  'getOtaStatus',
  'checkOta',
  'startOta',
  'getNetworkStatus',
  'ping',
] as const;

export type MeterOperationId = (typeof METER_OPERATION_IDS)[number];

export interface MeterRequest {
  readonly device: SessyMeterDevice;
  /** The parsed JSON body; undefined when absent or unreadable (see bodyIssue). */
  readonly body: unknown;
  readonly bodyIssue: 'content too long' | 'Failed to parse json' | 'empty' | undefined;
}

export interface MeterOperationEntry {
  readonly handle: (request: MeterRequest) => WireResult;
  /** The firmware's answer for a body that does not fit the operation's request schema. */
  readonly invalid?: (request: MeterRequest) => WireResult;
}

export type MeterOperations = Readonly<Record<MeterOperationId, MeterOperationEntry>>;
