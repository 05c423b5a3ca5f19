/** OTA and network endpoints beyond the vendor document (docs/sessy.md §3.8, §3.9, §1.1 /ping). */
import { OTA_TARGETS, type OtaTarget } from '../../../devices/sessy/index.ts';
import { badRequest, fieldError, json, type OperationEntry, type OperationId, type SessyRequest, type WireResult } from '../operations.ts';
import { quotePrefix } from '../../shared/quote.ts';
import { OK, renderNetworkScan, renderNetworkStatus, renderOtaStatus } from '../render.ts';

const otaInvalid = (req: SessyRequest): WireResult => {
  if (req.bodyIssue === 'content too long') return badRequest('content too long');
  if (req.bodyIssue) return badRequest('No json body found');
  const target = (req.body as Record<string, unknown> | undefined)?.target;
  if (typeof target === 'string') return badRequest(`Invalid OTA update target, found: '${quotePrefix(target)}'`);
  return badRequest(`No OTA target found, with error: ${fieldError(req.body, 'target')}`);
};

export const otaNetworkOperations = {
  getOtaStatus: { handle: ({ device }) => json(renderOtaStatus(device.ota())) },
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
      req.device.startOta(target as OtaTarget);
      return json(OK);
    },
  },
  getNetworkStatus: { handle: ({ device }) => json(renderNetworkStatus(device)) },
  scanNetworks: { handle: ({ device }) => json(renderNetworkScan(device)) },
  ping: { handle: () => ({ kind: 'text', body: 'pong' }) },
} satisfies Partial<Record<OperationId, OperationEntry>>;
