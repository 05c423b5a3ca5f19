/**
 * A typed client for the Homevolt (Tibber ECU) local API (openapi/homevolt.yaml): one method per operation,
 * answers validated against the spec, SI readings (units.ts), the console builder and parser (console.ts), typed
 * errors (errors.ts), and the schedule write-then-read-back that pyHomevolt does (schedule-control.ts).
 * Nothing global: every client owns its transport, queue and options.
 * @see docs/homevolt.md §2 (auth, lockout), §3 (endpoints), §4 (control)
 */
import { basicAuthorization } from '../shared/basic-auth.ts';
import { checkClientOptions, type ClientOptions } from '../shared/options.ts';
import { createTransport, TransportFailure, type Transport, type WireRequest, type WireResponse } from '../shared/transport.ts';
import { findWireMismatch } from '../shared/validate.ts';
import { parseConsoleAnswer, type ConsoleAnswer } from './console.ts';
import { HomevoltClientError } from './errors.ts';
import { toEmsReading, type HomevoltEmsReading } from './units.ts';
import type { CtWire, EfrHubStatusWire, ErrorReportItemWire, MainsDataWire, NodeMetricsWire, NodeWire, ParamWire, PidWire, ScheduleWire, StatusWire, SuccessWire } from './wire.ts';
import type { operations } from './wire-types.generated.ts';
import { WIRE_OPERATIONS, type WireOperationId } from './wire-schemas.generated.ts';

export interface HomevoltClientOptions extends Omit<ClientOptions, 'credentials'> {
  /** User `admin` and the password on the label; null when the web server runs without a password (its default). */
  readonly credentials: { readonly user: string; readonly password: string } | null;
}

type Json200<Id extends keyof operations> = operations[Id]['responses'] extends { 200: { content: { 'application/json': infer T } } } ? T : never;

export interface HomevoltClient {
  readonly baseUrl: string;
  getStatus(): Promise<StatusWire>;
  /** GET /ems.json in SI (+ = discharge; grid + = import); `wire` keeps the answer. */
  getEms(): Promise<HomevoltEmsReading>;
  getSchedule(): Promise<ScheduleWire>;
  getParams(): Promise<ParamWire[]>;
  /** POST /params.json form k, v, store (1 = persist to flash). Answers "Saved parameter k: '…' v: '…'". */
  setParam(key: string, value: string | number | boolean, options?: { readonly store?: boolean }): Promise<string>;
  /** POST /console.json: the parsed answer, failures included (they are HTTP 200 on the device). */
  runConsole(command: string): Promise<ConsoleAnswer>;
  /** As runConsole, but a failed command throws HOMEVOLT_CLIENT_ERR_COMMAND_FAILED (or NOT_LOCAL_MODE). */
  runCommand(command: string): Promise<ConsoleAnswer>;
  getPid(): Promise<{ ems_pid: PidWire; lb_charge: PidWire; lb_discharge: PidWire }>;
  getEmsPidHistory(query?: { readonly limit?: number }): Promise<Json200<'getEmsPidHistory'>>;
  getEmsHistory(query?: { readonly limit?: number; readonly from?: number }): Promise<Json200<'getEmsHistory'>>;
  getNodes(): Promise<NodeWire[]>;
  getNodeMetrics(nodeId: number): Promise<NodeMetricsWire>;
  /** The node's raw payload, bytes. */
  getNodeData(nodeId: number): Promise<Uint8Array>;
  getCt(nodeId: number): Promise<CtWire>;
  getCtHistory(nodeId: number, query?: { readonly limit?: number; readonly from?: number }): Promise<Json200<'getCtHistory'>>;
  getMainsData(query?: { readonly timestamp?: number }): Promise<MainsDataWire>;
  getEfrHubStatus(): Promise<EfrHubStatusWire>;
  getEcuSense(): Promise<Json200<'getEcuSense'>>;
  getErrorReport(): Promise<ErrorReportItemWire[]>;
  getErrorHistory(query?: { readonly limit?: number; readonly severity?: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' }): Promise<Json200<'getErrorHistory'>>;
  getLogs(query?: { readonly limit?: number; readonly level?: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' }): Promise<Json200<'getLogs'>>;
  getWifiScan(): Promise<Json200<'getWifiScan'>>;
  getWarpPing(): Promise<Json200<'getWarpPing'>>;
  getOtaManifest(): Promise<Json200<'getOtaManifest'>>;
  /** POST /update with the firmware image; the device is 503 while it installs and reboots. */
  uploadFirmware(image: Uint8Array): Promise<SuccessWire>;
  readSpiffsFile(path: string): Promise<Uint8Array>;
  uploadSpiffsFile(path: string, bytes: Uint8Array): Promise<SuccessWire>;
  deleteSpiffsFile(path: string): Promise<SuccessWire>;
  /** The captive-portal probes (no auth): resolve with the HTTP status (204, or 302 for /redirect). */
  probeCaptivePortal(operation: 'captiveGenerate204' | 'captiveHotspotDetect' | 'captiveConnectTest' | 'captiveNcsi' | 'captiveRedirect'): Promise<number>;
}

interface Call {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly form?: Readonly<Record<string, string>>;
  readonly bytes?: Uint8Array;
  readonly binary?: boolean;
  readonly rawStatus?: boolean;
}

export function createHomevoltClient(options: HomevoltClientOptions): HomevoltClient {
  const checked = checkClientOptions(options);
  if (!checked.ok) throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_BAD_ARGUMENT', `Failed to create the Homevolt client: ${checked.why}.`);
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
  const call = <T>(id: WireOperationId, c: Call = {}): Promise<T> => callOperation<T>(transport, id, c);
  const nodeQuery = (nodeId: number, rest: Record<string, number | string | undefined> = {}) => ({ query: { node_id: integer('node_id', nodeId), ...rest } });

  const runConsole = async (command: string): Promise<ConsoleAnswer> => {
    const text = await call<string>('runConsole', { form: { cmd: command } });
    const answer = parseConsoleAnswer(text);
    if (!answer) {
      throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_PROTOCOL', `Failed to run "${command}" on the console: the answer has no echo line ("${text.slice(0, 40)}"). The address may not be a Homevolt.`, { jsonPath: '$' });
    }
    return answer;
  };

  return {
    baseUrl: transport.baseUrl,
    getStatus: () => call('getStatus'),
    getEms: async () => toEmsReading(await call('getEms')),
    getSchedule: () => call('getSchedule'),
    getParams: () => call('getParams'),
    setParam: (key, value, opts = {}) => call('setParam', { form: { k: key, v: String(value), store: opts.store ? '1' : '0' } }),
    runConsole,
    async runCommand(command) {
      const answer = await runConsole(command);
      if (answer.ok) return answer;
      const deviceMessage = answer.output.join('\n') || answer.text;
      if (/local mode disabled|settings_local/i.test(deviceMessage)) {
        throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_NOT_LOCAL_MODE', `Failed to run "${command}": the device is not in local mode. Set the parameter settings_local to true first (enableLocalMode()).`, { status: 200, deviceMessage });
      }
      throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_COMMAND_FAILED', `Failed to run "${command}": ${deviceMessage}${answer.errorCode !== null ? ` (error code 0x${answer.errorCode.toString(16)})` : ''}. Check the command against the console's help.`, { status: 200, deviceMessage });
    },
    getPid: () => call('getPid'),
    getEmsPidHistory: (q = {}) => call('getEmsPidHistory', { query: q }),
    getEmsHistory: (q = {}) => call('getEmsHistory', { query: q }),
    getNodes: () => call('getNodes'),
    getNodeMetrics: (nodeId) => call('getNodeMetrics', nodeQuery(nodeId)),
    getNodeData: (nodeId) => call('getNodeData', { ...nodeQuery(nodeId), binary: true }),
    getCt: (nodeId) => call('getCt', nodeQuery(nodeId)),
    getCtHistory: (nodeId, q = {}) => call('getCtHistory', nodeQuery(nodeId, q)),
    getMainsData: (q = {}) => call('getMainsData', { query: q }),
    getEfrHubStatus: () => call('getEfrHubStatus'),
    getEcuSense: () => call('getEcuSense'),
    getErrorReport: () => call('getErrorReport'),
    getErrorHistory: (q = {}) => call('getErrorHistory', { query: q }),
    getLogs: (q = {}) => call('getLogs', { query: q }),
    getWifiScan: () => call('getWifiScan'),
    getWarpPing: () => call('getWarpPing'),
    getOtaManifest: () => call('getOtaManifest'),
    uploadFirmware: (image) => call('uploadFirmware', { bytes: image }),
    readSpiffsFile: (path) => call('readSpiffsFile', { pathParams: { path }, binary: true }),
    uploadSpiffsFile: (path, bytes) => call('uploadSpiffsFile', { pathParams: { path }, bytes }),
    deleteSpiffsFile: (path) => call('deleteSpiffsFile', { pathParams: { path } }),
    probeCaptivePortal: (operation) => call(operation, { rawStatus: true }),
  };
}

function integer(name: string, value: number): number {
  if (!Number.isInteger(value)) throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_BAD_ARGUMENT', `Failed to build the request: ${name} must be an integer, got ${String(value)}.`);
  return value;
}

/** The operation's path with its path parameters and query filled in. */
function requestPath(op: (typeof WIRE_OPERATIONS)[WireOperationId], c: Call): string {
  let path: string = op.path;
  if (c.pathParams !== undefined) {
    for (const [name, value] of Object.entries(c.pathParams)) {
      if (value === '' || value.includes('/')) throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_BAD_ARGUMENT', `Failed to build ${op.method} ${op.path}: ${name} must be a non-empty file name without "/", got ${JSON.stringify(value)}.`);
      path = path.replace(`{${name}}`, encodeURIComponent(value));
    }
  }
  if (c.query !== undefined) {
    const query = Object.entries(c.query).filter((e): e is [string, string | number] => e[1] !== undefined);
    if (query.length > 0) path += `?${new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
  }
  return path;
}

/** A GET is idempotent and retried; a POST (a command, an upload) is sent once. */
function wireRequest(get: boolean, path: string, c: Call): WireRequest {
  if (c.form !== undefined) return { method: 'POST', path, idempotent: false, body: new URLSearchParams(c.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  if (c.bytes !== undefined) return { method: 'POST', path, idempotent: false, body: c.bytes, contentType: 'application/octet-stream' };
  return { method: get ? 'GET' : 'POST', path, idempotent: get, ...(c.binary ? { binary: true } : {}) };
}

async function callOperation<T>(transport: Transport, id: WireOperationId, c: Call): Promise<T> {
  const op = WIRE_OPERATIONS[id];
  const path = requestPath(op, c);
  const what = `${op.method} ${path}`;
  let response: WireResponse;
  try {
    response = await transport.send(wireRequest(op.method === 'GET', path, c));
  } catch (error) {
    if (!(error instanceof TransportFailure)) throw error;
    const details = { attempts: error.attempts, cause: error };
    if (error.kind === 'timeout') {
      throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_TIMEOUT', `Failed to ${what}: ${error.message} after ${error.attempts} attempt(s). A command may still have acted: read /schedule.json before sending it again.`, details);
    }
    throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_CONNECTION_DROPPED', `Failed to ${what}: ${error.message} after ${error.attempts} attempt(s). Check the address and the network; a command may still have acted.`, details);
  }
  const { status, text, attempts } = response;
  if (c.rawStatus) return status as T;
  if (status === 401) {
    throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_AUTH_FAILED', `Failed to ${what}: the device refused the credentials. Use user "admin" and the password on the device label; five failures lock the device for up to 10 s.`, { status, attempts });
  }
  if (status === 429) {
    const retryAfterS = Number(response.headers.get('retry-after'));
    const error = new HomevoltClientError('HOMEVOLT_CLIENT_ERR_LOCKED_OUT', `Failed to ${what}: the device is locked out after repeated failed logins${Number.isFinite(retryAfterS) && retryAfterS > 0 ? ` for ${retryAfterS} s more` : ''}. Fix the password, then wait before trying again.`, { status, deviceMessage: text.trim(), attempts });
    error.retryAfterS = Number.isFinite(retryAfterS) && retryAfterS > 0 ? retryAfterS : undefined;
    throw error;
  }
  if (status < 200 || status >= 300) {
    const deviceMessage = text.trim() || '(empty body)';
    throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_DEVICE', `Failed to ${what}: the device answered ${status}: ${deviceMessage}`, { status, deviceMessage, attempts });
  }
  if (c.binary) return (response.bytes ?? new Uint8Array()) as T;
  if (op.mediaType === 'text/plain') {
    const mismatch = op.schema ? findWireMismatch(op.schema, text) : null;
    if (mismatch) throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_PROTOCOL', `Failed to ${what}: the answer does not match openapi/homevolt.yaml: ${mismatch.message}.`, { status, jsonPath: mismatch.path, attempts });
    return text as T;
  }
  if (op.mediaType !== 'application/json') return text as T;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_PROTOCOL', `Failed to ${what}: the answer is not JSON (${text.length} bytes). The address may not be a Homevolt, or the local API may be off.`, { status, jsonPath: '$', attempts, cause: error });
  }
  const mismatch = op.schema ? findWireMismatch(op.schema, parsed) : null;
  if (mismatch) {
    throw new HomevoltClientError('HOMEVOLT_CLIENT_ERR_PROTOCOL', `Failed to ${what}: the answer does not match openapi/homevolt.yaml at ${mismatch.path}: ${mismatch.message}. The firmware may be older or newer than the spec.`, { status, jsonPath: mismatch.path, attempts });
  }
  return parsed as T;
}
