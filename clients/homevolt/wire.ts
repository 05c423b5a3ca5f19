/** Names for the generated Homevolt wire types (openapi/homevolt.yaml): centi-percent, deci-V, deci-°C, Wh and kWh. */
import type { components } from './wire-types.generated.ts';

type Schemas = components['schemas'];

export type StatusWire = Schemas['Status'];
export type EmsWire = Schemas['Ems'];
export type EmsUnitWire = Schemas['EmsUnit'];
export type SensorWire = Schemas['Sensor'];
export type ScheduleWire = Schemas['Schedule'];
export type ScheduleEntryWire = Schemas['ScheduleEntry'];
export type ParamWire = Schemas['Param'];
export type NodeWire = Schemas['Node'];
export type NodeMetricsWire = Schemas['NodeMetrics'];
export type CtWire = Schemas['Ct'];
export type MainsDataWire = Schemas['MainsData'];
export type EfrHubStatusWire = Schemas['EfrHubStatus'];
export type ErrorReportItemWire = Schemas['ErrorReportItem'];
export type PidWire = Schemas['Pid'];
export type SuccessWire = Schemas['Success'];
