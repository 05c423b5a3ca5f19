/**
 * What the Sessy write cases may change, saved before and put back after: the active strategy, the setpoint (when
 * the strategy was API) and the whole settings object (written back as read, the firmware's read-modify-write).
 */
import type { ContractHttp } from '../core/http.ts';
import { field, num } from '../core/observe.ts';
import type { Snapshot } from '../core/suite.ts';
import { PATHS } from './common.ts';

async function getJson(http: ContractHttp, path: string): Promise<unknown> {
  const e = await http.send({ method: 'GET', path });
  if (e.response?.status !== 200) throw new Error(`GET ${path} answered ${e.response?.status ?? e.error ?? 'nothing'}`);
  return e.json();
}

export async function snapshotSessy(http: ContractHttp): Promise<Snapshot> {
  const strategy = String(field(await getJson(http, PATHS.strategy), 'strategy'));
  const settings = await getJson(http, PATHS.settings);
  const setpointW = num(await getJson(http, PATHS.status), 'sessy', 'power_setpoint') ?? 0;
  const saved = [`strategy ${strategy}`, ...(strategy === 'POWER_STRATEGY_API' ? [`setpoint ${setpointW} W`] : []), `settings ${JSON.stringify(settings)}`];
  return {
    saved,
    async restore(h) {
      const problems: string[] = [];
      const post = async (path: string, body: unknown, what: string) => {
        const e = await h.send({ method: 'POST', path, json: body });
        if (e.response?.status !== 200) problems.push(`${what}: POST ${path} answered ${e.response?.status ?? e.error ?? 'nothing'} ${e.response?.text ?? ''}; set it back by hand`);
      };
      const now = await getJson(h, PATHS.settings).catch(() => null);
      if (JSON.stringify(now) !== JSON.stringify(settings)) await post(PATHS.settings, settings, 'settings');
      await post(PATHS.strategy, { strategy }, `strategy ${strategy}`);
      if (strategy === 'POWER_STRATEGY_API') await post(PATHS.setpoint, { setpoint: setpointW }, `setpoint ${setpointW} W`);
      return problems;
    },
  };
}
