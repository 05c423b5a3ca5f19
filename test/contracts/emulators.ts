/**
 * Starts one emulator per firmware profile and describes it as an emulator target. Tests may import simulator/;
 * the contracts never do. Homevolt gets a password so its authentication cases have something to check.
 */
import type { EmulatorTarget } from '../../contracts/index.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';
import { startSessyMeter } from '../../simulator/runtime/start-sessy-meter.ts';
import { HOMEVOLT_PROFILES, SESSY_PROFILES } from '../../simulator/run-contracts.ts';
import type { FirmwareName } from '../../simulator/devices/homevolt/index.ts';
import type { FirmwareVersion } from '../../simulator/devices/sessy/index.ts';

export { HOMEVOLT_PROFILES, SESSY_PROFILES };
export const HOMEVOLT_TEST_PASSWORD = 'battsim-contracts';

export interface StartedTarget {
  readonly target: EmulatorTarget;
  close(): Promise<void>;
}

export async function startSessyTarget(firmware: FirmwareVersion): Promise<StartedTarget> {
  const emulator = await startSessy({ firmware });
  return { target: { kind: 'emulator', url: emulator.url, credentials: emulator.credentials, control: emulator.url, label: `sessy ${firmware} emulator` }, close: () => emulator.close() };
}

export async function startHomevoltTarget(firmware: FirmwareName): Promise<StartedTarget> {
  const emulator = await startHomevolt({ firmware, password: HOMEVOLT_TEST_PASSWORD });
  return { target: { kind: 'emulator', url: emulator.url, credentials: emulator.credentials, control: emulator.url, label: `homevolt ${firmware} emulator` }, close: () => emulator.close() };
}

export async function startSessyMeterTarget(variant: 'p1' | 'ct'): Promise<StartedTarget> {
  const emulator = await startSessyMeter({ variant });
  return { target: { kind: 'emulator', url: emulator.url, credentials: emulator.credentials, control: emulator.url, label: `sessy-meter ${variant} emulator` }, close: () => emulator.close() };
}
