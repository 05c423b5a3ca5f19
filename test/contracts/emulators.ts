/**
 * Starts one emulator per firmware profile and describes it as an emulator target. Tests may import simulator/;
 * the contracts never do. Homevolt gets a password so its authentication cases have something to check.
 */
import type { EmulatorTarget } from '../../contracts/index.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

export const SESSY_PROFILES = ['1.11.11', '1.9.2', '1.8.6', '1.7.2'] as const;
export const HOMEVOLT_PROFILES = ['2512', 'pre-2512'] as const;
export const HOMEVOLT_TEST_PASSWORD = 'battsim-contracts';

export interface StartedTarget {
  readonly target: EmulatorTarget;
  close(): Promise<void>;
}

export async function startSessyTarget(firmware: (typeof SESSY_PROFILES)[number]): Promise<StartedTarget> {
  const emulator = await startSessy({ firmware });
  return { target: { kind: 'emulator', url: emulator.url, credentials: emulator.credentials, control: emulator.url, label: `sessy ${firmware} emulator` }, close: () => emulator.close() };
}

export async function startHomevoltTarget(firmware: (typeof HOMEVOLT_PROFILES)[number]): Promise<StartedTarget> {
  const emulator = await startHomevolt({ firmware, password: HOMEVOLT_TEST_PASSWORD });
  return { target: { kind: 'emulator', url: emulator.url, credentials: emulator.credentials, control: emulator.url, label: `homevolt ${firmware} emulator` }, close: () => emulator.close() };
}
