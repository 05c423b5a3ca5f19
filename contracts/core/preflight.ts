/**
 * Greeting a target before any case: does it answer at all, which firmware does it report, and whose clock will the
 * cases use. A target that does not answer fails the run here, within PREFLIGHT_TIMEOUT_MS, with one message that
 * says what to check, instead of one timeout per case.
 */
import type { ContractHttp } from './http.ts';
import type { SimClockView, SimPlane } from './sim-plane.ts';
import type { ContractSuite } from './suite.ts';
import type { Target } from './types.ts';

/** How long the first request may take before the target counts as not answering [ms]; 5 s is SessyWeb's timeout. */
export const PREFLIGHT_TIMEOUT_MS = 5000;

export interface Greeting {
  /** null: it answered; else one sentence saying what did not answer and what to check. */
  readonly unreachable: string | null;
  readonly firmware: string | null;
  /** The emulator's clock as read now; null on a device, or when the control plane did not answer. */
  readonly clock: SimClockView | null;
}

export async function greet(suite: ContractSuite, target: Target, http: ContractHttp, plane: SimPlane | null): Promise<Greeting> {
  const alive = await http.send({ method: 'GET', path: suite.alivePath, timeoutMs: PREFLIGHT_TIMEOUT_MS });
  if (!alive.response) {
    return {
      unreachable: `${target.url} did not answer GET ${suite.alivePath} (${alive.error ?? 'no answer'}). Check the URL and port, that the ${suite.device === 'sessy' ? 'dongle' : suite.device === 'sessy-meter' ? 'meter' : 'battery'} is on and on this network, and that nothing blocks the way; no case was run.`,
      firmware: null,
      clock: null,
    };
  }
  const firmware = await suite.firmware(http).catch(() => null);
  if (!plane) return { unreachable: null, firmware, clock: null };
  try {
    return { unreachable: null, firmware, clock: await plane.clock() };
  } catch (error) {
    return { unreachable: `the simulation control at ${plane.url}/_sim/ did not work: ${(error as Error).message}. Start the emulator with its control plane (and pass --control-token if it has one), or pass --as-device; no case was run.`, firmware, clock: null };
  }
}
