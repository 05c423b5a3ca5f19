/**
 * The grid power of a Sessy home, read from its P1 or CT meter as a real home does (docs/sessy.md §6): the P1's
 * `power_total` from `GET /api/v2/p1/details` (W, + = import), or the CT's `total_power` from `GET /api/v1/ct/details`.
 * What zero-on-the-meter control code reads on hardware, where the emulators' `/_sim/state` does not exist.
 * Talks HTTP only; never imports the simulator.
 */
import type { ReadsGridPower } from '../battery.ts';
import { basicAuthorization } from '../shared/basic-auth.ts';
import type { ClientCredentials } from '../shared/options.ts';
import type { FetchLike } from '../shared/transport.ts';

export interface SessyMeterGridOptions {
  /** e.g. http://sessy-meter.local */
  readonly baseUrl: string;
  /** The meter's serial (P…/C…) and sticker code; null for a meter without credentials. */
  readonly credentials: ClientCredentials | null;
  /** Which meter: 'p1' (default) reads /api/v2/p1/details, 'ct' /api/v1/ct/details. */
  readonly variant?: 'p1' | 'ct';
  readonly fetch?: FetchLike;
}

export function createSessyMeterGrid(options: SessyMeterGridOptions): ReadsGridPower {
  const variant = options.variant ?? 'p1';
  const path = variant === 'ct' ? '/api/v1/ct/details' : '/api/v2/p1/details';
  const key = variant === 'ct' ? 'total_power' : 'power_total';
  const url = `${options.baseUrl.replace(/\/+$/, '')}${path}`;
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const init: RequestInit = options.credentials ? { headers: { authorization: basicAuthorization(options.credentials.user, options.credentials.password) } } : {};
  return {
    async readGridPowerW() {
      const response = await fetchFn(url, init);
      const text = await response.text();
      if (response.status === 401) throw new Error(`Failed to read the grid power: GET ${url} answered 401. Give the meter's serial and sticker code as credentials.`);
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = undefined;
      }
      if (!response.ok || body === undefined || typeof body[key] !== 'number') {
        throw new Error(`Failed to read the grid power: GET ${url} answered ${response.status} without a numeric ${key}. Is this a Sessy ${variant.toUpperCase()} meter?`);
      }
      // A P1 without a telegram (booting, cable out) prints zeros: that is no reading, not 0 W.
      if (variant === 'p1' && body.state !== 'P1_OK') throw new Error(`Failed to read the grid power: the P1 meter reports ${String(body.state)}, not P1_OK, so it has no reading from the smart meter.`);
      return body[key] as number;
    },
  };
}
