/** System endpoints beyond the vendor document (docs/sessy.md §3.6, §3.7, §3.10): info, settings, restart. */
import { badRequest, json, type OperationEntry, type OperationId, type SessyRequest, type WireResult } from '../operations.ts';
import { OK, renderSettings, renderSystemInfo } from '../render.ts';

const settingsBodyError = (req: SessyRequest): WireResult | undefined => {
  if (req.bodyIssue === 'content too long') return badRequest('content too long');
  if (req.bodyIssue === 'empty') return badRequest('Failed to read post body, no content received');
  if (req.bodyIssue) return badRequest('Failed to parse json');
  return undefined;
};

export const systemOperations = {
  getSystemInfo: { handle: ({ device }) => json(renderSystemInfo(device)) },
  getSystemSettings: { handle: ({ device }) => json(renderSettings(device.settings(), device.profile)) },
  setSystemSettings: {
    invalid: (req) => settingsBodyError(req) ?? badRequest('Failed to parse json'),
    handle(req) {
      const early = settingsBodyError(req);
      if (early) return early;
      const result = req.device.updateSettings(req.body);
      return result.ok ? json(OK) : badRequest(result.error);
    },
  },
  restartSystem: {
    handle({ device }) {
      device.restart();
      return json(OK);
    },
  },
} satisfies Partial<Record<OperationId, OperationEntry>>;
