/**
 * What a URL is: an emulator when it serves battsim's simulation control (GET /_sim/clock answers with a clock),
 * hardware otherwise. An emulator started on its own (a CI service container, `battsim sessy --speed 60`) is then
 * checked as one: simulation and exact cases run through its control plane, time is its clock. `asDevice` keeps
 * the hardware behaviour whatever the URL serves.
 */
import { ContractError } from './errors.ts';
import { createSimPlane, SimPlaneError } from './sim-plane.ts';
import type { DeviceKind, Target, TargetCredentials } from './types.ts';

export interface AddressedTarget {
  readonly device: DeviceKind;
  readonly url: string;
  readonly credentials: TargetCredentials | null;
  /** Bearer token for /_sim/ when the emulator was started with --control-token. */
  readonly controlToken?: string;
  /** Treat the URL as hardware even when it serves /_sim/. */
  readonly asDevice?: boolean;
  /** For hardware: consent to change it (restored after). An emulator always takes writes. */
  readonly allowWrites: boolean;
  /** For hardware: the minimum gap between requests [ms]. */
  readonly paceMs: number;
  readonly allowFastPacing?: boolean;
  readonly label?: string;
}

export interface Discovered {
  readonly target: Target;
  /** One sentence for the person running it: what the URL turned out to be and what follows from it. */
  readonly note: string;
}

/** How long /_sim/clock may take to answer before the URL counts as hardware [ms]; the greeting then decides. */
const DISCOVER_TIMEOUT_MS = 4000;

export async function discoverTarget(a: AddressedTarget): Promise<Discovered> {
  const url = a.url.replace(/\/+$/, '');
  const label = a.label ?? `${a.device} at ${url}`;
  const device: Target = { kind: 'device', url, credentials: a.credentials, allowWrites: a.allowWrites, paceMs: a.paceMs, label, ...(a.allowFastPacing ? { allowFastPacing: true } : {}) };
  const hardware = `${a.allowWrites ? 'writes allowed, restored at the end' : 'read-only'}, ${a.paceMs} ms between requests`;
  if (a.asDevice) return { target: device, note: `${url} is treated as hardware (--as-device): ${hardware}.` };
  if (!/^https?:\/\/[^/]+/.test(url)) return { target: device, note: '' }; // checkTarget names the problem
  const probe = await probeControl(url, a.controlToken);
  if (probe.kind === 'emulator') {
    return {
      target: { kind: 'emulator', url, credentials: a.credentials, control: url, label, ...(a.controlToken !== undefined ? { controlToken: a.controlToken } : {}) },
      note: `${url} serves battsim's simulation control (/_sim/, ${probe.clock}): checked as an emulator, simulation and exact cases included, reset before each write case (--as-device to treat it as hardware).`,
    };
  }
  if (probe.kind === 'locked') {
    if (a.controlToken !== undefined) throw new ContractError('CONTRACT_ERR_BAD_TARGET', `Failed to use the simulation control at ${url}/_sim/: it refused the control token. Pass the token the emulator was started with (--control-token), or --as-device to treat it as hardware.`);
    return { target: device, note: `${url} serves battsim's simulation control but needs a token: pass --control-token T to check it as an emulator; until then it is treated as hardware: ${hardware}.` };
  }
  return { target: device, note: `Checking ${url} as hardware: ${hardware}.` };
}

type Probe = { readonly kind: 'emulator'; readonly clock: string } | { readonly kind: 'locked' } | { readonly kind: 'hardware' };

async function probeControl(url: string, token: string | undefined): Promise<Probe> {
  try {
    const clock = await createSimPlane(url, token, AbortSignal.timeout(DISCOVER_TIMEOUT_MS)).clock();
    return { kind: 'emulator', clock: clock.mode === 'manual' ? 'a manual clock' : `a clock at ×${clock.speed}${clock.paused ? ', paused' : ''}` };
  } catch (error) {
    if (error instanceof SimPlaneError && /refused GET \/_sim\/clock: 401 .*SIM_ERR_UNAUTHORIZED/.test(error.message)) return { kind: 'locked' };
    return { kind: 'hardware' };
  }
}
