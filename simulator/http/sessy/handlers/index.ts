/** The handler table: one entry per operationId, checked complete at compile time by SessyOperations. */
import type { SessyOperations } from '../operations.ts';
import { energyScheduleOperations } from './energy-schedule.ts';
import { otaNetworkOperations } from './ota-network.ts';
import { powerOperations } from './power.ts';
import { systemOperations } from './system.ts';

export const SESSY_OPERATIONS: SessyOperations = Object.freeze({
  ...powerOperations,
  ...energyScheduleOperations,
  ...systemOperations,
  ...otaNetworkOperations,
});
