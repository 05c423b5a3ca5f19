/** Energy meters and the dynamic schedule (docs/sessy.md §3.4–3.5). */
import { json, type OperationEntry, type OperationId } from '../operations.ts';
import { renderEnergyStatus, renderScheduleV1, renderScheduleV2 } from '../render.ts';

export const energyScheduleOperations = {
  getEnergyStatus: { handle: ({ device }) => json(renderEnergyStatus(device.energy())) },
  getDynamicScheduleV2: { handle: ({ device }) => json(renderScheduleV2(device.knownSchedule())) },
  getDynamicScheduleV1: { handle: ({ device }) => json(renderScheduleV1(device.knownSchedule())) },
} satisfies Partial<Record<OperationId, OperationEntry>>;
