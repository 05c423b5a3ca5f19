/** Telemetry: /status.json, /ems.json, /pid.json, /ems_pid_history.json, /ems_history.json. */
import type { RouteGroup } from './operations.ts';
import { intQuery } from './query.ts';
import { renderPid, renderPidHistory } from './render-control.ts';
import { renderEmsHistory } from './render-diagnostics.ts';
import { renderEms } from './render-ems.ts';
import { renderStatus } from './render-status.ts';

/** How often the EMS refreshes its system data [ms] (ems_poll_interval_ms[0], docs/homevolt.md §3.4). */
export const EMS_REFRESH_MS = 100;

export const telemetryRoutes = {
  getStatus: { method: 'GET', url: '/status.json', handler: ({ device }) => renderStatus(device.view()) },
  getEms: {
    method: 'GET',
    url: '/ems.json',
    handler: ({ device, cache }, _request, reply) => {
      // The EMS refreshes its system data every 100 ms (ems_poll_interval_ms[0]), so the payload is reused within
      // one 100 ms tick of simulated time while nothing else changed.
      const key = `${device.revision()}:${Math.floor(device.site.now() / EMS_REFRESH_MS)}`;
      if (cache.emsKey !== key || cache.device !== device) {
        cache.emsJson = renderEms(device.view());
        cache.emsKey = key;
        cache.device = device;
      }
      return reply.type('application/json; charset=utf-8').send(cache.emsJson);
    },
  },
  getPid: {
    method: 'GET',
    url: '/pid.json',
    handler: ({ device }) => renderPid(device.view(), device.params.get('ems_pid_tune') as number[], device.params.get('ems_load_balance_pid_tune') as number[]),
  },
  getEmsPidHistory: {
    method: 'GET',
    url: '/ems_pid_history.json',
    handler: ({ device }, request) => {
      intQuery(request, 'limit', 500, 1, 10_000);
      return renderPidHistory(device.params.get('ems_pid_tune') as number[], Math.round(device.view().pid.setpointW));
    },
  },
  getEmsHistory: {
    method: 'GET',
    url: '/ems_history.json',
    handler: ({ device }, request) => {
      const limit = intQuery(request, 'limit', 1000, 1, 10_000);
      const fromS = intQuery(request, 'from', 0, 0, 4_102_444_800);
      const samples = device.emsHistory().filter((s) => s.tMs >= fromS * 1000);
      return renderEmsHistory(samples.slice(Math.max(0, samples.length - limit)));
    },
  },
} satisfies RouteGroup;
