/** What the meter's write cases may change, saved before and put back after: grid_target and the settings. */
import type { ContractHttp } from '../core/http.ts';
import { field, num } from '../core/observe.ts';
import type { Snapshot } from '../core/suite.ts';
import { METER_PATHS } from './common.ts';

async function getJson(http: ContractHttp, path: string): Promise<unknown> {
  const e = await http.send({ method: 'GET', path });
  if (e.response?.status !== 200) throw new Error(`GET ${path} answered ${e.response?.status ?? e.error ?? 'nothing'}`);
  return e.json();
}

export async function snapshotMeter(http: ContractHttp): Promise<Snapshot> {
  const gridTarget = num(await getJson(http, METER_PATHS.gridTarget), 'grid_target') ?? 0;
  const settings = await getJson(http, METER_PATHS.settings);
  return {
    saved: [`grid_target ${gridTarget} W`, `settings ${JSON.stringify(settings)}`],
    async restore(h) {
      const problems: string[] = [];
      const post = async (path: string, body: unknown, what: string) => {
        const e = await h.send({ method: 'POST', path, json: body });
        if (e.response?.status !== 200) problems.push(`${what}: POST ${path} answered ${e.response?.status ?? e.error ?? 'nothing'} ${e.response?.text ?? ''}; set it back by hand`);
      };
      const now = await getJson(h, METER_PATHS.settings).catch(() => null);
      if (JSON.stringify(now) !== JSON.stringify(settings)) await post(METER_PATHS.settings, settings, 'settings');
      const target = num(await getJson(h, METER_PATHS.gridTarget).catch(() => null), 'grid_target');
      if (target !== gridTarget || field(settings, 'status') === undefined) await post(METER_PATHS.gridTarget, { grid_target: gridTarget }, `grid_target ${gridTarget} W`);
      return problems;
    },
  };
}
