/**
 * The grid power of a battsim emulator's simulated site, from `GET /_sim/state` (`gridW`, + = import).
 * For tests and benches only: a real Sessy site reads its P1 meter (a separate device, `sessy-meter.local`), and
 * a Homevolt its own grid CT (`HomevoltBattery.readGridPowerW`). The Sessy emulator serves no P1 meter, so this is
 * the honest stand-in for it. Talks HTTP only; never imports the simulator.
 */
import type { ReadsGridPower } from '../battery.ts';
import type { FetchLike } from './transport.ts';

export interface SimGridMeterOptions {
  readonly baseUrl: string;
  readonly fetch?: FetchLike;
  /** Sent as `Authorization: Bearer …` when the control plane needs a token (not on loopback). */
  readonly token?: string;
}

export function createSimGridMeter(options: SimGridMeterOptions): ReadsGridPower {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/_sim/state`;
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const init: RequestInit = options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {};
  return {
    async readGridPowerW() {
      const response = await fetchFn(url, init);
      const body = (await response.json()) as { gridW?: unknown };
      if (!response.ok || typeof body.gridW !== 'number') {
        throw new Error(`Failed to read the simulated grid power: GET ${url} answered ${response.status} without a numeric gridW. Is this a battsim emulator with its control plane on?`);
      }
      return body.gridW;
    },
  };
}
