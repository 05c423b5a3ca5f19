/**
 * What the Homevolt write cases may change, saved before and put back after: the parameter settings_local and
 * the schedule. A schedule is rebuilt with the console (sched_set, then sched_add for the entries still ahead);
 * a partner cloud's schedule cannot be re-pushed locally, so it is rebuilt and the cloud replaces it again once
 * settings_local is back to false (docs/homevolt.md §4.1).
 */
import { buildScheduleCommand, parseConsoleAnswer, type ScheduleEntrySpec, type ScheduleType } from '../../clients/homevolt/index.ts';
import type { ContractHttp } from '../core/http.ts';
import { field, num } from '../core/observe.ts';
import type { Snapshot } from '../core/suite.ts';
import { PATHS, setLocalMode } from './common.ts';

async function getJson(http: ContractHttp, path: string): Promise<unknown> {
  const e = await http.send({ method: 'GET', path });
  if (e.response?.status !== 200) throw new Error(`GET ${path} answered ${e.response?.status ?? e.error ?? 'nothing'}`);
  return e.json();
}

const PARAM_KEYS: readonly [string, keyof ScheduleEntrySpec][] = [
  ['setpoint', 'setpointW'],
  ['max_charge', 'maxChargeW'],
  ['max_discharge', 'maxDischargeW'],
  ['import_limit', 'importLimitW'],
  ['export_limit', 'exportLimitW'],
];

function toSpec(entry: unknown, withTimes: boolean): ScheduleEntrySpec {
  const spec: Record<string, number> = { type: num(entry, 'type') ?? 0 };
  for (const [wire, key] of PARAM_KEYS) {
    const v = num(entry, 'params', wire);
    if (v !== undefined) spec[key] = v;
  }
  const min = num(entry, 'min');
  const max = num(entry, 'max');
  if (min !== undefined) spec.minSocPct = min;
  if (max !== undefined) spec.maxSocPct = max;
  const from = num(entry, 'from');
  const to = num(entry, 'to');
  if (withTimes && from !== undefined) spec.fromMs = from * 1000;
  if (withTimes && to !== undefined && to > 0) spec.toMs = to * 1000;
  return { ...spec, type: spec.type as ScheduleType } as ScheduleEntrySpec;
}

export async function snapshotHomevolt(http: ContractHttp): Promise<Snapshot> {
  const schedule = await getJson(http, PATHS.schedule);
  const localMode = field(schedule, 'local_mode') === true;
  const entries = (field(schedule, 'schedule') as unknown[] | undefined) ?? [];
  const saved = [`settings_local ${localMode}`, `schedule ${JSON.stringify(schedule)}`];
  return {
    saved,
    async restore(h) {
      const problems: string[] = [];
      const now = await getJson(h, PATHS.schedule).catch(() => null);
      if (JSON.stringify(now) === JSON.stringify(schedule)) return problems;
      const run = async (cmd: string) => {
        const e = await h.send({ method: 'POST', path: PATHS.console, form: { cmd } });
        const answer = e.response?.status === 200 ? parseConsoleAnswer(e.response.text) : null;
        if (!answer?.ok) problems.push(`"${cmd}" failed (${e.response?.status ?? e.error ?? 'no answer'} ${e.response?.text.trim() ?? ''})`);
      };
      await setLocalMode(h, true);
      const deviceNowS = num(await getJson(h, PATHS.ems).catch(() => null), 'ts') ?? Date.now() / 1000;
      const manual = field(schedule, 'schedule_id') === 'Manual Schedule';
      if (entries.length === 0) await run('sched_clear');
      else if (manual && entries.length === 1 && num(entries[0], 'to') === undefined) await run(buildScheduleCommand('sched_set', toSpec(entries[0], false)));
      else {
        await run('sched_clear');
        for (const entry of entries) {
          if ((num(entry, 'to') ?? Infinity) <= deviceNowS) continue;
          const spec = toSpec(entry, true);
          await run(buildScheduleCommand('sched_add', spec.fromMs !== undefined && spec.fromMs < deviceNowS * 1000 ? { ...spec, fromMs: Math.ceil(deviceNowS + 1) * 1000 } : spec));
        }
      }
      const e = await setLocalMode(h, localMode);
      if (e.response?.status !== 200) problems.push(`settings_local back to ${localMode} answered ${e.response?.status ?? 'nothing'}; set it with POST /params.json k=settings_local v=${localMode}`);
      if (!manual && entries.length > 0) saved.push(`the partner schedule ${String(field(schedule, 'schedule_id'))} was rebuilt locally; the cloud pushes its plan again`);
      return problems;
    },
  };
}
