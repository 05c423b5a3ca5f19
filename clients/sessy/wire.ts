/** Names for the generated Sessy wire types (openapi/sessy.yaml), as the device sends them: mV, mA, mHz, float32 SOC. */
import type { components, operations } from './wire-types.generated.ts';

type Schemas = components['schemas'];

export type PowerStatusWire = Schemas['power_status'];
export type PhaseWire = Schemas['phase'];
export type ActiveStrategyWire = Schemas['active_power_strategy'];
export type PowerStrategy = Schemas['active_power_strategy']['strategy'];
export type SystemState = Schemas['power_status']['sessy']['system_state'];
export type EnergyStatusWire = Schemas['energy_response'];
export type DynamicScheduleV2Wire = Schemas['dynamic_schedule_v2'];
export type DynamicScheduleV1Wire = Schemas['dynamic_schedule_v1'];
export type SystemInfoWire = Schemas['system_info'];
export type SystemSettingsWire = Schemas['system_settings'];
export type OtaStatusWire = Schemas['ota_status'];
export type OtaTarget = operations['startOta']['requestBody']['content']['application/json']['target'];
export type NetworkStatusWire = Schemas['network_status'];
export type NetworkScanWire = Schemas['network_scan'];
export type OkWire = Schemas['api_ok_response'];

/** Every power strategy the spec names, in its order. */
export const POWER_STRATEGIES: readonly PowerStrategy[] = [
  'POWER_STRATEGY_NOM',
  'POWER_STRATEGY_ROI',
  'POWER_STRATEGY_API',
  'POWER_STRATEGY_IDLE',
  'POWER_STRATEGY_SESSY_CONNECT',
  'POWER_STRATEGY_ECO',
];
