/**
 * Every operationId of openapi/sessy.yaml, and the handler table type keyed by them: `Record<OperationId, …>`
 * makes a missing handler a compile error, and test/sessy/spec.test.ts checks this list against the YAML.
 */
import type { PowerStatusKey, SessyDevice } from '../../devices/sessy/index.ts';
import type { CJsonValue } from './cjson.ts';

export const OPERATION_IDS = [
  'getPowerStatus',
  'getActiveStrategy',
  'setActiveStrategy',
  'setPowerSetpoint',
  'getEnergyStatus',
  'getDynamicScheduleV2',
  'getDynamicScheduleV1',
  'getSystemInfo',
  'getSystemSettings',
  'setSystemSettings',
  'restartSystem',
  'getOtaStatus',
  'checkOta',
  'startOta',
  'getNetworkStatus',
  'scanNetworks',
  'ping',
] as const;

export type OperationId = (typeof OPERATION_IDS)[number];

export interface SessyRequest {
  readonly device: SessyDevice;
  /** The parsed JSON body; undefined when absent or unreadable (see bodyIssue). */
  readonly body: unknown;
  /** What the spec says this firmware sends, read once per app. */
  readonly fields: FirmwareFields;
  /** Why the body could not be used, in the firmware's words (too long, not JSON, empty). */
  readonly bodyIssue: 'content too long' | 'Failed to parse json' | 'empty' | undefined;
}

/** Per-firmware wire fields, declared once in openapi/sessy.yaml (`x-sessy-since` on schema properties). */
export interface FirmwareFields {
  /** `power/status.sessy` keys in firmware order. */
  readonly powerStatusKeys: readonly PowerStatusKey[];
}

export type WireResult =
  | { readonly kind: 'json'; readonly body: { readonly [key: string]: CJsonValue } }
  | { readonly kind: 'text'; readonly body: string }
  | { readonly kind: 'error'; readonly status: 400 | 500 | 505; readonly text: string };

export interface OperationEntry {
  readonly handle: (request: SessyRequest) => WireResult;
  /** The firmware's answer for a body that does not fit the operation's request schema. */
  readonly invalid?: (request: SessyRequest) => WireResult;
  /**
   * The answer is a view of the model and nothing else: its printed bytes are reused while the simulated time, the
   * site's version and the device's version stay the same (what every client polls, docs/sessy.md §3.1).
   */
  readonly reusable?: true;
}

export type SessyOperations = Readonly<Record<OperationId, OperationEntry>>;

export const json = (body: { readonly [key: string]: CJsonValue }): WireResult => ({ kind: 'json', body });
export const badRequest = (text: string): WireResult => ({ kind: 'error', status: 400, text });

/** esp_err_to_name of a missing (cJSON item absent) or wrongly typed field, formatted into "with error: %s" [inferred]. */
export function fieldError(body: unknown, field: string): 'ESP_ERR_NOT_FOUND' | 'ESP_ERR_INVALID_ARG' {
  const has = typeof body === 'object' && body !== null && !Array.isArray(body) && field in body;
  return has ? 'ESP_ERR_INVALID_ARG' : 'ESP_ERR_NOT_FOUND';
}
