/**
 * The grid power as a real Sessy home reads it: from the Sessy P1 meter's `GET /api/v2/p1/details`
 * (`power_total`, W, + = import) or the CT meter's `GET /api/v1/ct/details` (`total_power`), docs/sessy.md §6.
 * This is what zero-on-the-meter control code for Sessy needs: the dongle itself measures no grid power.
 * Talks HTTP only; never imports the simulator.
 */
import type { ReadsGridPower } from '../battery.ts';
import { basicAuthorization } from './basic-auth.ts';
import type { FetchLike } from './transport.ts';

export interface SessyMeterGridOptions {
  /** The meter, e.g. http://sessy-meter.local (no trailing slash needed). */
  readonly baseUrl: string;
  /** The meter's sticker serial and password (Basic auth); omit for a meter without authentication. */
  readonly credentials?: { readonly user: string; readonly password: string } | null;
  /** 'p1' reads /api/v2/p1/details, 'ct' /api/v1/ct/details; default: P1, falling back to CT on a 404. */
  readonly variant?: 'p1' | 'ct';
  readonly fetch?: FetchLike;
}

const P1 = { path: '/api/v2/p1/details', field: 'power_total' } as const;
const CT = { path: '/api/v1/ct/details', field: 'total_power' } as const;

export function createSessyMeterGrid(options: SessyMeterGridOptions): ReadsGridPower {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const init: RequestInit = options.credentials ? { headers: { authorization: basicAuthorization(options.credentials.user, options.credentials.password) } } : {};
  let source: typeof P1 | typeof CT | undefined = options.variant === 'ct' ? CT : options.variant === 'p1' ? P1 : undefined;

  const read = async (s: typeof P1 | typeof CT): Promise<{ status: number; watts: number | undefined }> => {
    const response = await fetchFn(`${base}${s.path}`, init);
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const watts = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[s.field] : undefined;
    return { status: response.status, watts: response.ok && typeof watts === 'number' && Number.isFinite(watts) ? watts : undefined };
  };

  return {
    async readGridPowerW() {
      let s = source ?? P1;
      let answer = await read(s);
      if (source === undefined && answer.status === 404) {
        s = CT;
        answer = await read(s);
      }
      if (answer.watts === undefined) {
        throw new Error(`Failed to read the grid power from the Sessy meter: GET ${base}${s.path} answered ${answer.status} without a numeric ${s.field}. Check the meter's URL and credentials.`);
      }
      source = s;
      return answer.watts;
    },
  };
}
