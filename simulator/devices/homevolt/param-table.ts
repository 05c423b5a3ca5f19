/**
 * The firmware's parameter table: the 41 parameters of PARAMETERS_REFERENCE.md plus the three seen in the
 * real GET /params.json capture (smart_cli_mode, ota_enable_esp32, ota_enable_hub_web), docs/homevolt.md §3.4.
 * Ids of the three captured entries are real (4, 15, 21); the others are assigned in table order [INFER].
 * Type names other than "bool" have no capture (x-evidence: doc-only in openapi/homevolt.yaml).
 */
export type ParamType = 'bool' | 'i32' | 'float' | 'string';
export type ParamValue = boolean | number | string;

export interface ParamDef {
  readonly id: number;
  readonly name: string;
  /** Group shown in `desc`, e.g. common_params. */
  readonly group: string;
  readonly type: ParamType;
  /** Array length: scalars 1. */
  readonly size: number;
  readonly defaults: readonly ParamValue[];
  readonly help: string;
  readonly level: number;
  /** Inclusive numeric range of every element. */
  readonly min?: number;
  readonly max?: number;
  /** Allowed strings (enum-like string params). */
  readonly choices?: readonly string[];
}

const b = (id: number, name: string, group: string, dflt: boolean, help: string): ParamDef => ({ id, name, group, type: 'bool', size: 1, defaults: [dflt], help, level: 8 });
const i = (id: number, name: string, group: string, dflt: readonly number[], min: number, max: number, help: string): ParamDef => ({ id, name, group, type: 'i32', size: dflt.length, defaults: dflt, help, level: 8, min, max });
const f = (id: number, name: string, group: string, dflt: readonly number[], help: string): ParamDef => ({ id, name, group, type: 'float', size: dflt.length, defaults: dflt, help, level: 8, min: -1e6, max: 1e6 });
const s = (id: number, name: string, group: string, dflt: string, help: string, choices?: readonly string[]): ParamDef => ({ id, name, group, type: 'string', size: 1, defaults: [dflt], help, level: 8, ...(choices ? { choices } : {}) });

const C = 'common_params';
const E = 'ecu_params';
const M = 'ems_params';
const H = 'hmi_params';
const Q = 'mqtt_params';

export const PARAM_TABLE: readonly ParamDef[] = Object.freeze([
  b(4, 'smart_cli_mode', C, false, 'Enable smart CLI mode for terminal (Up/Down arrow for history, Tab for completion)'),
  b(15, 'ota_enable_esp32', C, true, 'Enable OTA for main esp32 chip'),
  b(16, 'ota_enable_bg95', C, true, 'Enable OTA for the BG95-M3 LTE modem'),
  b(17, 'ota_enable_efr32', C, true, 'Enable OTA for the hub efr32 chip'),
  b(21, 'ota_enable_hub_web', C, true, 'Enable OTA updates for the webapp'),
  b(30, 'provreg_enable', C, true, 'Enable provisioning registration'),
  b(31, 'system_service_mode', C, false, 'Service mode'),
  b(32, 'system_standalone_mode', C, false, 'Standalone mode'),
  s(33, 'ecu_mdns_instance_name', C, 'Homevolt', 'mDNS instance name'),
  f(40, 'ems_pid_tune', E, [0.25, 0.2, 0.1, 10, 0.25], 'Grid PID: kp, ki, kd, anti windup, cutoff Hz'),
  f(41, 'ems_load_balance_pid_tune', E, [300, 150, 0, 1, 0.25], 'Load balance PID: kp, ki, kd, anti windup, cutoff Hz'),
  i(42, 'ems_idle_power_threshold', E, [80], 0, 10000, 'Idle power threshold W'),
  s(43, 'ems_server', E, '', 'EMS frequency report server'),
  s(44, 'ems_psk', E, '', 'EMS pre-shared key'),
  i(45, 'ems_grid_code_preset', E, [1], 0, 32, 'Grid code preset'),
  i(46, 'ems_control_timeout', E, [30], 0, 3600, 'Control timeout s'),
  i(47, 'ems_freq_report_mqtt_period', E, [10], 1, 3600, 'Frequency report period s'),
  b(48, 'settings_local', E, false, 'Local mode: local schedules are authoritative, remote schedules are blocked'),
  i(49, 'ecu_main_fuse_size_a', E, [0], 0, 1000, 'Main fuse size A, 0 = auto'),
  i(50, 'inverter_ffr_test_trigger_freq', E, [9996], 9000, 11000, 'FFR test trigger frequency in 0.01% units'),
  i(51, 'ffr_rearm_timeout_s', E, [900], 0, 86400, 'FFR rearm timeout s'),
  i(52, 'export_limitation_w', E, [0], 0, 100000, 'Export limitation W, 0 = unlimited'),
  i(53, 'import_limitation_w', E, [0], 0, 100000, 'Import limitation W, 0 = unlimited'),
  i(54, 'pid_history_select', E, [0], 0, 8, 'Which PID to record in ems_pid_history'),
  f(55, 'export_limitation_pid_tune', E, [0.5, 0.2, 0.1, 1, 0.25], 'Export limitation PID'),
  f(56, 'import_limitation_pid_tune', E, [0.5, 0.2, 0.1, 1, 0.25], 'Import limitation PID'),
  f(57, 'energy_limitation_tune', E, [10, 0.4, 0.7, 0.8], 'Energy limitation tuning'),
  i(58, 'import_energy_limit_wh', E, [0], 0, 1000000, 'Hourly import energy limit Wh, 0 = unlimited'),
  i(59, 'fallback_charge_limit_w', E, [0], 0, 100000, 'Charge limit W when the grid sensor is unavailable'),
  i(60, 'fallback_discharge_limit_w', E, [0], 0, 100000, 'Discharge limit W when the grid sensor is unavailable'),
  b(61, 'modbus_enable', M, true, 'Enable modbus'),
  i(62, 'ems_poll_interval_ms', M, [100, 10000, 5000, 10000, 10000, 30000, 30000, 30000], 10, 600000, 'EMS poll intervals ms'),
  i(63, 'ecu_group_fuse_size_a', M, [0], 0, 1000, 'Group fuse size A, 0 = auto'),
  s(65, 'ledstrip_mode', H, 'soc', 'Led strip mode', ['off', 'on', 'soc', 'dem', 'ser', '']),
  i(66, 'ledstrip_bright_max', H, [70], 0, 100, 'Led strip max brightness %'),
  i(67, 'ledstrip_bright_min', H, [20], 0, 100, 'Led strip min brightness %'),
  i(68, 'ledstrip_mode_on_hue', H, [280], 0, 360, 'Led strip hue in mode on'),
  i(69, 'ledstrip_mode_on_saturation', H, [100], 0, 100, 'Led strip saturation in mode on'),
  i(70, 'mqtt_log_send_interval_ms', Q, [60000], 0, 3600000, 'MQTT log send interval ms'),
  i(71, 'mqtt_metrics_send_interval_ms', Q, [300000], 0, 3600000, 'MQTT metrics send interval ms'),
  i(72, 'mqtt_node_data_send_interval_ms', Q, [10000], 0, 3600000, 'MQTT node data send interval ms'),
  i(73, 'mqtt_settings_send_interval_ms', Q, [3600000], 0, 3600000, 'MQTT settings send interval ms'),
  i(74, 'mqtt_status_report_send_interval_ms', Q, [60000], 0, 3600000, 'MQTT status report send interval ms'),
  i(75, 'mqtt_ems_data_send_interval_ms', Q, [10000, 10000], 0, 3600000, 'MQTT EMS data send interval ms'),
]);

/** The EMS reads its parameters on every control step: look them up by name and id in a map, not a scan. */
const BY_NAME: ReadonlyMap<string, ParamDef> = new Map(PARAM_TABLE.map((p) => [p.name, p]));
const BY_ID: ReadonlyMap<number, ParamDef> = new Map(PARAM_TABLE.map((p) => [p.id, p]));

export function findParam(name: string): ParamDef | undefined {
  return BY_NAME.get(name);
}

export function findParamById(id: number): ParamDef | undefined {
  return BY_ID.get(id);
}
