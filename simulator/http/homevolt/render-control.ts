/** GET /schedule.json, /params.json, /pid.json, /ems_pid_history.json (docs/homevolt.md §3.4, §3.6, §3.7). */
import type { HomevoltView, ParamDef, ParamValue, PidState, ScheduleEntry } from '../../devices/homevolt/index.ts';
import { r2 } from './wire-units.ts';

type Json = Record<string, unknown>;

/**
 * A bare `sched_set` entry shows only type, min/max and params (HA core fixture, pyHomevolt read-backs);
 * entries with times (partner plans, --from/--to) carry id, from and to in unix seconds (Tibber example).
 */
export function renderScheduleEntry(e: ScheduleEntry): Json {
  return {
    ...(e.explicitTimes ? { id: e.id, from: Math.floor(e.fromMs / 1000), ...(e.toMs !== null ? { to: Math.floor(e.toMs / 1000) } : {}) } : {}),
    type: e.type,
    ...(e.minSocPct !== null ? { min: e.minSocPct } : {}),
    ...(e.maxSocPct !== null ? { max: e.maxSocPct } : {}),
    params: { ...e.params },
  };
}

export function renderSchedule(v: HomevoltView): Json {
  return { local_mode: v.localMode, schedule_id: v.scheduleId, schedule: v.schedule.map(renderScheduleEntry) };
}

/** Strings are sent plain, everything else as an array (steynovich CLAUDE.md, docs/homevolt.md §3.4). */
const wireValue = (def: ParamDef, value: readonly ParamValue[]): unknown => (def.type === 'string' ? value[0] : [...value]);

export function renderParams(list: readonly { readonly def: ParamDef; readonly value: readonly ParamValue[] }[]): Json[] {
  return list.map(({ def, value }) => ({
    param_id: def.id,
    // The group name keeps its literal quotes on the wire ("\"common_params\"").
    desc: `"${def.group}"`,
    name: def.name,
    size: def.size,
    type: def.type,
    value: wireValue(def, value),
    default: wireValue(def, def.defaults),
    help: def.help,
    level: def.level,
  }));
}

function pidBlock(kp: number, ki: number, kd: number, antiWindup: number, cutoffHz: number, s: PidState, sinceBootMs: number): Json {
  return {
    kp,
    ki,
    kd,
    setpoint: s.setpointW,
    integral: r2(s.integralW),
    filtered_input: r2(s.filteredInputW),
    prev_error: r2(s.prevErrorW),
    anti_windup: antiWindup,
    cutoff_hz: cutoffHz,
    prev_output: Math.round(s.prevOutputW),
    prev_input: r2(s.prevInputW),
    prev_min: Math.round(s.prevMinW),
    prev_max: Math.round(s.prevMaxW),
    prev_delta_t: r2(s.prevDeltaS),
    // Milliseconds since boot on the wire (71969000 in the example) [INFER].
    prev_timestamp_ms: Math.max(0, Math.floor(sinceBootMs / 1000) * 1000),
  };
}

export function renderPid(v: HomevoltView, tune: readonly number[], lbTune: readonly number[]): Json {
  const [kp, ki, kd, aw, fc] = tune as [number, number, number, number, number];
  const [lkp, lki, lkd, law, lfc] = lbTune as [number, number, number, number, number];
  const since = v.upTimeMs;
  const chLim = Math.round(v.units.reduce((a, u) => a + u.chargeLimitW, 0));
  const idle = { ...v.pid, setpointW: 25, integralW: 0, prevOutputW: 0, prevMinW: 0, prevMaxW: 0 };
  return {
    ems_pid: pidBlock(kp, ki, kd, aw, fc, v.pid, since),
    lb_charge: pidBlock(lkp, lki, lkd, law, lfc, { ...idle, prevOutputW: chLim, prevMaxW: chLim }, since),
    lb_discharge: pidBlock(lkp, lki, lkd, law, lfc, idle, since),
  };
}

export function renderPidHistory(tune: readonly number[], setpointW: number): Json {
  const [kp, ki, kd, aw, fc] = tune as [number, number, number, number, number];
  return { from: 0, id: 1, name: 'ems_pid', constants: { kp, ki, kd, setpoint: setpointW, anti_windup: aw, cutoff_hz: fc }, data: {} };
}
