/** Diagnostics: /error_report.json, /error_history.json, /logs.json, /ota_manifest.json. */
import type { LogLevel } from '../../devices/homevolt/index.ts';
import type { RouteGroup } from './operations.ts';
import { BadQuery, intQuery, stringQuery } from './query.ts';
import { renderErrorHistory, renderErrorReport, renderLogs, renderOtaManifest } from './render-diagnostics.ts';

/** The `level`/`severity` filters are upper case on the way in, lower case in the entries (docs/homevolt.md §3.13). */
const LEVELS: Record<string, LogLevel> = { DEBUG: 'debug', INFO: 'info', WARNING: 'warning', ERROR: 'error' };

function levelQuery(raw: string | undefined): LogLevel | undefined {
  if (raw === undefined) return undefined;
  const level = LEVELS[raw];
  if (!level) throw new BadQuery('Invalid level');
  return level;
}

export const diagnosticsRoutes = {
  getErrorReport: { method: 'GET', url: '/error_report.json', handler: ({ device }) => renderErrorReport(device.view()) },
  getErrorHistory: {
    method: 'GET',
    url: '/error_history.json',
    handler: ({ device }, request) => renderErrorHistory(device.history.list(intQuery(request, 'limit', 100, 1, 10_000), levelQuery(stringQuery(request, 'severity')))),
  },
  getLogs: {
    method: 'GET',
    url: '/logs.json',
    handler: ({ device }, request) => renderLogs(device.logs.list(intQuery(request, 'limit', 100, 1, 10_000), levelQuery(stringQuery(request, 'level')))),
  },
  getOtaManifest: { method: 'GET', url: '/ota_manifest.json', handler: ({ device }) => renderOtaManifest(device.view()) },
} satisfies RouteGroup;
