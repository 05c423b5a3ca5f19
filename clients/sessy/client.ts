/**
 * A typed client for the Sessy dongle's local API (openapi/sessy.yaml): one method per operation, answers
 * validated against the spec, units in SI where the wire has its own (units.ts), and typed errors (errors.ts).
 * Nothing global: every client owns its transport, queue and options.
 * @see docs/sessy.md §2 (endpoints), §5 (errors and how clients classify them)
 */
import { basicAuthorization } from '../shared/basic-auth.ts';
import { checkClientOptions, type ClientOptions } from '../shared/options.ts';
import { createTransport, TransportFailure, type Transport, type WireResponse } from '../shared/transport.ts';
import { findWireMismatch } from '../shared/validate.ts';
import { NOT_API_STRATEGY_TEXT, SessyClientError } from './errors.ts';
import { toEnergyStatus, toPowerStatus, type SessyEnergyStatus, type SessyPowerStatus } from './units.ts';
import type {
  ActiveStrategyWire,
  DynamicScheduleV1Wire,
  DynamicScheduleV2Wire,
  NetworkScanWire,
  NetworkStatusWire,
  OkWire,
  OtaStatusWire,
  OtaTarget,
  PowerStrategy,
  SystemInfoWire,
  SystemSettingsWire,
} from './wire.ts';
import { WIRE_OPERATIONS, type WireOperationId } from './wire-schemas.generated.ts';

export type SessyClientOptions = ClientOptions;

export interface SessyClient {
  readonly baseUrl: string;
  /** GET /api/v1/power/status (no auth on the device): SOC, power, setpoint, state, frequency, PV phases. */
  getPowerStatus(): Promise<SessyPowerStatus>;
  /** GET /api/v1/power/active_strategy */
  getActiveStrategy(): Promise<PowerStrategy>;
  /** POST /api/v1/power/active_strategy */
  setActiveStrategy(strategy: PowerStrategy): Promise<OkWire>;
  /** POST /api/v1/power/setpoint: [W], + = discharge; rounded to an integer. Needs POWER_STRATEGY_API. */
  setPowerSetpoint(setpointW: number): Promise<OkWire>;
  /** GET /api/v1/energy/status (fw ≥ 1.7.2) */
  getEnergyStatus(): Promise<SessyEnergyStatus>;
  /** GET /api/v2/dynamic/schedule (fw ≥ 1.9.2); prices in 0.001 ct/kWh as on the wire. */
  getDynamicScheduleV2(): Promise<DynamicScheduleV2Wire>;
  /** GET /api/v1/dynamic/schedule (fw 1.6.5 until ~1.11.5) */
  getDynamicScheduleV1(): Promise<DynamicScheduleV1Wire>;
  /** GET /api/v1/system/info */
  getSystemInfo(): Promise<SystemInfoWire>;
  /** GET /api/v1/system/settings (W, A and percent as the device keeps them) */
  getSystemSettings(): Promise<SystemSettingsWire>;
  /** POST /api/v1/system/settings: send the whole object you read, changed (the device's read-modify-write). */
  setSystemSettings(settings: Partial<SystemSettingsWire>): Promise<OkWire>;
  /** POST /api/v1/system/restart */
  restartSystem(): Promise<OkWire>;
  /** GET /api/v1/ota/status */
  getOtaStatus(): Promise<OtaStatusWire>;
  /** GET /api/v1/ota/check */
  checkOta(): Promise<OkWire>;
  /** POST /api/v1/ota/start */
  startOta(target: OtaTarget): Promise<OkWire>;
  /** GET /api/v1/network/status */
  getNetworkStatus(): Promise<NetworkStatusWire>;
  /** GET /api/v1/network/scan */
  scanNetworks(): Promise<NetworkScanWire>;
  /** GET /ping (no auth): true when the device answers "pong". */
  ping(): Promise<boolean>;
}

export function createSessyClient(options: SessyClientOptions): SessyClient {
  const checked = checkClientOptions(options);
  if (!checked.ok) throw new SessyClientError('SESSY_CLIENT_ERR_BAD_ARGUMENT', `Failed to create the Sessy client: ${checked.why}.`);
  const o = checked.options;
  const transport = createTransport({
    baseUrl: o.baseUrl,
    ...(o.fetch ? { fetch: o.fetch } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.retries !== undefined ? { retries: o.retries } : {}),
    ...(o.retryDelayMs !== undefined ? { retryDelayMs: o.retryDelayMs } : {}),
    ...(o.maxConcurrent !== undefined ? { maxConcurrent: o.maxConcurrent } : {}),
    headers: o.credentials ? { authorization: basicAuthorization(o.credentials.user, o.credentials.password) } : {},
  });
  const call = <T>(id: WireOperationId, body?: unknown): Promise<T> => callOperation<T>(transport, id, body);

  return {
    baseUrl: transport.baseUrl,
    getPowerStatus: async () => toPowerStatus(await call('getPowerStatus')),
    getActiveStrategy: async () => (await call<ActiveStrategyWire>('getActiveStrategy')).strategy,
    setActiveStrategy: (strategy) => call('setActiveStrategy', { strategy }),
    setPowerSetpoint: (setpointW) => {
      if (!Number.isFinite(setpointW)) {
        throw new SessyClientError('SESSY_CLIENT_ERR_BAD_ARGUMENT', `Failed to set the power setpoint: ${String(setpointW)} W is not a finite number. Pass watts, + = discharge.`);
      }
      return call('setPowerSetpoint', { setpoint: Math.round(setpointW) });
    },
    getEnergyStatus: async () => toEnergyStatus(await call('getEnergyStatus')),
    getDynamicScheduleV2: () => call('getDynamicScheduleV2'),
    getDynamicScheduleV1: () => call('getDynamicScheduleV1'),
    getSystemInfo: () => call('getSystemInfo'),
    getSystemSettings: () => call('getSystemSettings'),
    setSystemSettings: (settings) => call('setSystemSettings', settings),
    restartSystem: () => call('restartSystem', {}),
    getOtaStatus: () => call('getOtaStatus'),
    checkOta: () => call('checkOta'),
    startOta: (target) => call('startOta', { target }),
    getNetworkStatus: () => call('getNetworkStatus'),
    scanNetworks: () => call('scanNetworks'),
    ping: async () => (await call<string>('ping')).trim() === 'pong',
  };
}

async function callOperation<T>(transport: Transport, id: WireOperationId, body: unknown): Promise<T> {
  const op = WIRE_OPERATIONS[id];
  const what = `${op.method} ${op.path}`;
  let response: WireResponse;
  try {
    response = await transport.send({
      method: op.method,
      path: op.path,
      idempotent: op.method === 'GET',
      ...(body !== undefined ? { body: JSON.stringify(body), contentType: 'application/json' } : {}),
    });
  } catch (error) {
    if (!(error instanceof TransportFailure)) throw error;
    const details = { attempts: error.attempts, cause: error };
    if (error.kind === 'timeout') {
      throw new SessyClientError('SESSY_CLIENT_ERR_TIMEOUT', `Failed to ${what}: ${error.message} after ${error.attempts} attempt(s). Check that the dongle is reachable; a busy dongle can take seconds.`, details);
    }
    throw new SessyClientError('SESSY_CLIENT_ERR_CONNECTION_DROPPED', `Failed to ${what}: ${error.message} after ${error.attempts} attempt(s). The dongle closes idle sockets and restarts its network when its socket pool runs out; try again.`, details);
  }
  const { status, text, attempts } = response;
  if (status === 401) {
    throw new SessyClientError('SESSY_CLIENT_ERR_AUTH_FAILED', `Failed to ${what}: the dongle refused the credentials. Use the serial and the password printed on the dongle sticker, in uppercase.`, { status, attempts });
  }
  if (status < 200 || status >= 300) {
    const deviceMessage = errorText(text);
    if (status === 400 && deviceMessage.includes(NOT_API_STRATEGY_TEXT)) {
      throw new SessyClientError('SESSY_CLIENT_ERR_NOT_API_STRATEGY', `Failed to ${what}: the active strategy is not POWER_STRATEGY_API. Set it first with setActiveStrategy('POWER_STRATEGY_API').`, { status, deviceMessage, attempts });
    }
    throw new SessyClientError('SESSY_CLIENT_ERR_DEVICE', `Failed to ${what}: the dongle answered ${status}: ${deviceMessage}`, { status, deviceMessage, attempts });
  }
  if (op.mediaType !== 'application/json') return text as T;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SessyClientError('SESSY_CLIENT_ERR_PROTOCOL', `Failed to ${what}: the answer is not JSON (${text.length} bytes). The firmware may be too old or the address may not be a Sessy.`, { status, jsonPath: '$', attempts, cause: error });
  }
  const mismatch = op.schema ? findWireMismatch(op.schema, parsed) : null;
  if (mismatch) {
    throw new SessyClientError('SESSY_CLIENT_ERR_PROTOCOL', `Failed to ${what}: the answer does not match openapi/sessy.yaml at ${mismatch.path}: ${mismatch.message}. The firmware may be older or newer than the spec.`, { status, jsonPath: mismatch.path, attempts });
  }
  const statusField = (parsed as { status?: unknown }).status;
  if (statusField !== undefined && statusField !== 'ok') {
    throw new SessyClientError('SESSY_CLIENT_ERR_DEVICE', `Failed to ${what}: the dongle answered status ${JSON.stringify(statusField)}: ${errorText(text)}`, { status, deviceMessage: errorText(text), attempts });
  }
  return parsed as T;
}

/** The firmware's `{"status":"error","error":"…"}` text, or the raw body (ESP-IDF's 404/405 texts). */
function errorText(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: the body itself is the message
  }
  return text.trim() || '(empty body)';
}
