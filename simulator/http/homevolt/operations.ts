/**
 * Every operation of openapi/homevolt.yaml, keyed by operationId. The app is built from a
 * `Record<OperationId, RouteDef>`, so a missing handler is a compile error; a test checks this list
 * against the spec.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HomevoltDevice } from '../../devices/homevolt/index.ts';

export const HOMEVOLT_OPERATION_IDS = [
  'getStatus',
  'getEms',
  'getSchedule',
  'getParams',
  'setParam',
  'runConsole',
  'getPid',
  'getEmsPidHistory',
  'getEmsHistory',
  'getNodes',
  'getNodeMetrics',
  'getNodeData',
  'getCt',
  'getCtHistory',
  'getMainsData',
  'getEfrHubStatus',
  'getEcuSense',
  'getErrorReport',
  'getErrorHistory',
  'getLogs',
  'getWifiScan',
  'getWarpPing',
  'getOtaManifest',
  'uploadFirmware',
  'readSpiffsFile',
  'uploadSpiffsFile',
  'deleteSpiffsFile',
  'captiveGenerate204',
  'captiveHotspotDetect',
  'captiveConnectTest',
  'captiveNcsi',
  'captiveRedirect',
] as const;

export type OperationId = (typeof HOMEVOLT_OPERATION_IDS)[number];

export interface RouteContext {
  readonly device: HomevoltDevice;
  /** Rendered payloads of this app, reused while the state they show is unchanged. */
  readonly cache: RenderCache;
  /** The Content-Type the client sent (the app hands Fastify a neutral one: the firmware reads any body). */
  readonly contentType: string | undefined;
}

export interface RenderCache {
  emsKey: string;
  /** The printed /ems.json, kept as text: Node encodes it while writing, with no Buffer copy per render. */
  emsJson: string;
  /** The device the cached payload belongs to (a reset replaces the device). */
  device: HomevoltDevice | null;
}

export interface RouteDef {
  readonly method: 'GET' | 'POST';
  /** Fastify path (a trailing `*` for SPIFFS paths). */
  readonly url: string;
  /** Largest request body [bytes]; default the form limit. */
  readonly bodyLimit?: number;
  /** Served without authentication (captive-portal probes). */
  readonly open?: boolean;
  readonly handler: (ctx: RouteContext, request: FastifyRequest, reply: FastifyReply) => unknown;
}

export type RouteGroup = Partial<Record<OperationId, RouteDef>>;
