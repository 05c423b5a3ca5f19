/** What the Sessy cases share: the paths, the reads they all make, and the device's rated envelope. */
import type { CaseContext } from '../core/context.ts';
import type { ContractHttp, Exchange } from '../core/http.ts';
import { field, num, waitFor } from '../core/observe.ts';

export const PATHS = Object.freeze({
  status: '/api/v1/power/status',
  strategy: '/api/v1/power/active_strategy',
  setpoint: '/api/v1/power/setpoint',
  energy: '/api/v1/energy/status',
  scheduleV2: '/api/v2/dynamic/schedule',
  scheduleV1: '/api/v1/dynamic/schedule',
  info: '/api/v1/system/info',
  settings: '/api/v1/system/settings',
  ota: '/api/v1/ota/status',
  network: '/api/v1/network/status',
  ping: '/ping',
});

/** Rated envelope (docs/sessy.md §8): charge 2200 W; discharge 1700 W nominal, up to ~2.1 kW at a full pack (37.5 A). */
export const RATED = Object.freeze({ chargeW: 2200, dischargeW: 2100, tolerance: 0.05 });
/** Standby to running takes up to ~60 s after the first non-zero setpoint (docs/sessy.md §4.2); Omnibattery waits 65 s. */
export const ENGAGE_S = 65;

export interface PowerReading {
  readonly socFraction: number;
  readonly powerW: number;
  readonly setpointW: number;
  readonly frequencyMilliHz: number;
  readonly systemState: string;
  readonly body: unknown;
  readonly exchange: Exchange;
}

export async function readPower(ctx: CaseContext): Promise<PowerReading> {
  const { body, exchange } = await ctx.getJson(PATHS.status);
  const soc = num(body, 'sessy', 'state_of_charge');
  const power = num(body, 'sessy', 'power');
  const setpoint = num(body, 'sessy', 'power_setpoint');
  const frequency = num(body, 'sessy', 'frequency');
  if (soc === undefined || power === undefined || setpoint === undefined || frequency === undefined) {
    ctx.fail('power/status lacks a numeric sessy.state_of_charge, power, power_setpoint or frequency', exchange);
  }
  return { socFraction: soc, powerW: power, setpointW: setpoint, frequencyMilliHz: frequency, systemState: String(field(body, 'sessy', 'system_state')), body, exchange };
}

export async function setStrategy(ctx: CaseContext, strategy: string): Promise<Exchange> {
  const exchange = await ctx.http.send({ method: 'POST', path: PATHS.strategy, json: { strategy } });
  ctx.check(exchange.response?.status === 200, `setting the strategy ${strategy} answered ${exchange.response?.status ?? 'nothing'}, expected 200`, exchange);
  return exchange;
}

export async function setSetpoint(ctx: CaseContext, setpointW: number): Promise<Exchange> {
  const exchange = await ctx.http.send({ method: 'POST', path: PATHS.setpoint, json: { setpoint: setpointW } });
  ctx.check(exchange.response?.status === 200, `the setpoint ${setpointW} W answered ${exchange.response?.status ?? 'nothing'}, expected 200`, exchange);
  return exchange;
}

/** Energy status, or a skip on firmware before 1.7.2 (404). */
export async function readEnergy(ctx: CaseContext): Promise<{ body: unknown; exchange: Exchange }> {
  const exchange = await ctx.http.send({ method: 'GET', path: PATHS.energy });
  if (exchange.response?.status === 404) ctx.skip('this firmware serves no /api/v1/energy/status (added in 1.7.2)');
  const body = exchange.json();
  ctx.check(exchange.response?.status === 200 && body !== undefined, `GET ${PATHS.energy} answered ${exchange.response?.status ?? 'nothing'}, expected 200 JSON`, exchange);
  return { body, exchange };
}

/** A direction the battery can go for a while: charge when SOC < 0.5, else discharge; + = discharge. */
export function safeDirection(socFraction: number): 1 | -1 {
  return socFraction < 0.5 ? -1 : 1;
}

/** Protected GET routes on every firmware 1.7.2+ (docs/sessy.md §1.2). */
export const PROTECTED_GETS = [PATHS.strategy, PATHS.settings, PATHS.info, PATHS.ota, PATHS.network] as const;

/**
 * power/status keys and the firmware that added them, read from the spec (`x-sessy-since` on the `sessy` object's
 * properties of the power_status schema, docs/sessy.md §7): declared once, where the emulator reads them too.
 */
function keySince(spec: CaseContext['spec']): [string, string][] {
  const schemas = (spec.root.components as { schemas?: Record<string, { properties?: Record<string, { properties?: Record<string, { 'x-sessy-since'?: unknown }> }> }> } | undefined)?.schemas;
  const sessy = schemas?.power_status?.properties?.sessy?.properties ?? {};
  return Object.entries(sessy).flatMap(([key, p]) => (typeof p['x-sessy-since'] === 'string' ? [[key, p['x-sessy-since']] as [string, string]] : []));
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The dongle's firmware from ota/status (self.installed_firmware.version); null when it does not say. */
export async function readFirmware(http: ContractHttp): Promise<string | null> {
  const e = await http.send({ method: 'GET', path: PATHS.ota });
  const v = field(e.json(), 'self', 'installed_firmware', 'version');
  return e.response?.status === 200 && typeof v === 'string' && /^\d+\.\d+/.test(v) ? v : null;
}

/** The firmware, once per target (the runner's preflight usually found it already). */
export async function firmwareVersion(ctx: CaseContext): Promise<string | null> {
  if (ctx.facts.has('firmware')) return ctx.facts.get('firmware') as string | null;
  const version = await readFirmware(ctx.http);
  ctx.facts.set('firmware', version);
  return version;
}

/** Boot states: INIT, then WAIT_FOR_PERIPHERALS, then STANDBY (docs/sessy.md §4.2; seconds on the emulator). */
const BOOTING = new Set(['SYSTEM_STATE_INIT', 'SYSTEM_STATE_WAIT_FOR_PERIPHERALS']);
/** The dongle is up well within this after a reset [s]. */
const BOOT_S = 30;

/** After an emulator reset: lets the target's time pass until system_state is past the boot states. */
export async function waitUntilBooted(ctx: CaseContext): Promise<void> {
  let last: PowerReading | undefined;
  const { value } = await waitFor(ctx, BOOT_S, 2, async () => {
    last = await readPower(ctx);
    return BOOTING.has(last.systemState) ? undefined : last;
  }, { what: 'the dongle to boot after the reset', reading: () => last?.systemState });
  if (!value) ctx.fail(`the dongle did not boot within ${BOOT_S} s of a reset: system_state is still ${last?.systemState ?? '?'}`, last ? [last.exchange] : []);
}

/** power/status keys this firmware is too old to send; [] when the firmware is unknown. */
export async function firmwareLacks(ctx: CaseContext): Promise<string[]> {
  const version = await firmwareVersion(ctx);
  return version === null ? [] : keySince(ctx.spec).filter(([, since]) => compareVersions(version, since) < 0).map(([key]) => key);
}
