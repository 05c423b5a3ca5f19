/**
 * A site file (YAML or JSON, or the same object from Node): one household with a Sessy meter, Sessy dongles and
 * Homevolt units on its grid. Checked once, strictly, and frozen; every error names the field, e.g.
 * `sessys[1].phase`. Examples: examples/sites/.
 */
import { createRequire } from 'node:module';
import type { HouseholdParams, PvParams } from '../../core/index.ts';
import { isPowerStrategy, type PowerStrategy } from '../../devices/sessy/index.ts';
import type { SpeedOption } from '../emulator.ts';
import { RuntimeError } from '../errors.ts';
import { parseStartText } from '../start-time.ts';

export interface SiteMeterSpec {
  readonly name: string;
  readonly variant: 'p1' | 'ct';
  /** 0: any free port. */
  readonly port: number;
  /** `grid_target` at start [W], + = import. */
  readonly gridTargetW: number;
  /** How long the meter keeps a silent dongle [s]. */
  readonly forgetAfterS: number | undefined;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly noAuth: boolean;
}

export interface SiteSessySpec {
  readonly kind: 'sessy';
  readonly name: string;
  readonly port: number;
  /** Phase the inverter feeds: 1..3. */
  readonly phase: number;
  /** SOC at the start [fraction]. */
  readonly soc: number;
  readonly strategy: PowerStrategy;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly noAuth: boolean;
  readonly firmware: string | undefined;
}

export interface SiteHomevoltSpec {
  readonly kind: 'homevolt';
  readonly name: string;
  readonly port: number;
  readonly units: number;
  readonly soc: number;
  /** null: no authentication, as the unit ships. */
  readonly password: string | null;
  readonly firmware: string | undefined;
}

export interface SiteSpec {
  readonly seed: number | string;
  /** undefined: the starter's default (manual for the Node API, 1 for the CLI). */
  readonly speed: SpeedOption | undefined;
  readonly start: string | undefined;
  readonly host: string;
  readonly household: Partial<HouseholdParams>;
  readonly pv: Partial<PvParams>;
  readonly meter: SiteMeterSpec | null;
  readonly sessys: readonly SiteSessySpec[];
  readonly homevolts: readonly SiteHomevoltSpec[];
}

const TOP_KEYS = ['seed', 'speed', 'start', 'host', 'household', 'pv', 'meter', 'sessys', 'homevolts'];
const METER_KEYS = ['name', 'variant', 'port', 'gridTargetW', 'forgetAfterS', 'user', 'password', 'noAuth'];
const SESSY_KEYS = ['name', 'port', 'phase', 'soc', 'strategy', 'user', 'password', 'noAuth', 'firmware'];
const HOMEVOLT_KEYS = ['name', 'port', 'units', 'soc', 'password', 'firmware'];
/** Most devices one site file may hold: a home has a handful; a bench spreads a fleet over many sites. */
export const MAX_SITE_DEVICES = 1000;

/** Parses the text of a site file (YAML, of which JSON is a subset) and checks it. */
export function parseSiteText(text: string, source = 'the site file'): SiteSpec {
  let data: unknown;
  try {
    // yaml is required on first use: its import costs a quarter second that other commands need not pay.
    data = (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);
  } catch (e) {
    throw bad(`${source} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseSiteSpec(data);
}

/** Specs this module has checked: parsing one again returns it as it is. */
const checked = new WeakSet<object>();

export function parseSiteSpec(input: unknown): SiteSpec {
  if (typeof input === 'object' && input !== null && checked.has(input)) return input as SiteSpec;
  const top = objectAt('the site', input);
  onlyKeys('the site', top, TOP_KEYS);
  const names = new Set<string>();
  const ports = new Set<number>();
  const unique = (path: string, name: string, port: number): void => {
    if (names.has(name)) throw bad(`${path}.name "${name}" is taken by another device: give each device its own name`);
    names.add(name);
    if (port !== 0 && ports.has(port)) throw bad(`${path}.port ${port} is taken by another device: give each device its own port (or 0 for any)`);
    if (port !== 0) ports.add(port);
  };
  const household = top.household === undefined ? {} : (objectAt('household', top.household) as Partial<HouseholdParams>);
  const pv = top.pv === undefined ? {} : (objectAt('pv', top.pv) as Partial<PvParams>);
  const phases = household.phases ?? 3;
  const meter = top.meter === undefined || top.meter === null ? null : meterAt(top.meter);
  if (meter) unique('meter', meter.name, meter.port);
  const sessys = listAt('sessys', top.sessys).map((item, i) => sessyAt(`sessys[${i}]`, item, phases));
  const homevolts = listAt('homevolts', top.homevolts).map((item, i) => homevoltAt(`homevolts[${i}]`, item, phases));
  sessys.forEach((s, i) => unique(`sessys[${i}]`, s.name, s.port));
  homevolts.forEach((h, i) => unique(`homevolts[${i}]`, h.name, h.port));
  const count = (meter ? 1 : 0) + sessys.length + homevolts.length;
  if (count === 0) throw bad('the site has no devices: give a meter, sessys or homevolts');
  if (count > MAX_SITE_DEVICES) throw bad(`the site has ${count} devices, more than ${MAX_SITE_DEVICES}: spread a fleet over several sites`);
  if (!meter && sessys.some((s) => s.strategy === 'POWER_STRATEGY_NOM')) {
    const i = sessys.findIndex((s) => s.strategy === 'POWER_STRATEGY_NOM');
    throw bad(`sessys[${i}].strategy is POWER_STRATEGY_NOM, which needs a meter: add "meter:" to the site or choose another strategy`);
  }
  const spec: SiteSpec = Object.freeze({
    seed: seedAt(top.seed),
    speed: speedAt(top.speed),
    start: startAt(top.start),
    host: top.host === undefined ? '127.0.0.1' : textAt('host', top.host),
    household,
    pv,
    meter,
    sessys,
    homevolts,
  });
  checked.add(spec);
  return spec;
}

function meterAt(value: unknown): SiteMeterSpec {
  const m = objectAt('meter', value);
  onlyKeys('meter', m, METER_KEYS);
  const variant = m.variant ?? 'p1';
  if (variant !== 'p1' && variant !== 'ct') throw bad(`meter.variant must be "p1" or "ct", got ${show(variant)}`);
  const noAuth = boolAt('meter.noAuth', m.noAuth);
  return Object.freeze({
    name: m.name === undefined ? 'meter' : nameAt('meter.name', m.name),
    variant,
    port: portAt('meter.port', m.port),
    gridTargetW: m.gridTargetW === undefined ? 0 : numberAt('meter.gridTargetW', m.gridTargetW, -20_000, 20_000),
    forgetAfterS: m.forgetAfterS === undefined ? undefined : numberAt('meter.forgetAfterS', m.forgetAfterS, 1, 86_400),
    ...credentialsAt('meter', m, noAuth),
    noAuth,
  });
}

function sessyAt(path: string, value: unknown, housePhases: number): SiteSessySpec {
  const s = objectAt(path, value);
  onlyKeys(path, s, SESSY_KEYS);
  const phase = s.phase === undefined ? 1 : integerAt(`${path}.phase`, s.phase, 1, 3);
  if (phase > housePhases) throw bad(`${path}.phase is ${phase}, but household.phases is ${housePhases}: put the Sessy on phase 1 or wire the house with 3 phases`);
  const strategy = s.strategy ?? 'POWER_STRATEGY_NOM';
  if (!isPowerStrategy(strategy)) throw bad(`${path}.strategy must be one of POWER_STRATEGY_NOM, _API, _IDLE, _ROI, _ECO, _SESSY_CONNECT, got ${show(strategy)}`);
  const noAuth = boolAt(`${path}.noAuth`, s.noAuth);
  return Object.freeze({
    kind: 'sessy',
    name: nameAt(`${path}.name`, s.name),
    port: portAt(`${path}.port`, s.port),
    phase,
    soc: s.soc === undefined ? 0.5 : numberAt(`${path}.soc`, s.soc, 0, 1),
    strategy,
    ...credentialsAt(path, s, noAuth),
    noAuth,
    firmware: s.firmware === undefined ? undefined : textAt(`${path}.firmware`, s.firmware),
  });
}

function homevoltAt(path: string, value: unknown, housePhases: number): SiteHomevoltSpec {
  const h = objectAt(path, value);
  onlyKeys(path, h, HOMEVOLT_KEYS);
  if (housePhases !== 3) throw bad(`${path} is a three-phase battery, but household.phases is ${housePhases}: wire the house with 3 phases`);
  return Object.freeze({
    kind: 'homevolt',
    name: nameAt(`${path}.name`, h.name),
    port: portAt(`${path}.port`, h.port),
    units: h.units === undefined ? 1 : integerAt(`${path}.units`, h.units, 1, 16),
    soc: h.soc === undefined ? 0.5 : numberAt(`${path}.soc`, h.soc, 0, 1),
    password: h.password === undefined ? null : textAt(`${path}.password`, h.password),
    firmware: h.firmware === undefined ? undefined : textAt(`${path}.firmware`, h.firmware),
  });
}

function credentialsAt(path: string, o: Record<string, unknown>, noAuth: boolean): { user: string | undefined; password: string | undefined } {
  const user = o.user === undefined ? undefined : textAt(`${path}.user`, o.user);
  const password = o.password === undefined ? undefined : textAt(`${path}.password`, o.password);
  if (user !== undefined && !/^[\x21-\x39\x3b-\x7e]+$/.test(user)) throw bad(`${path}.user must be printable ASCII without spaces or ":", got ${show(user)}`);
  if (noAuth && (user !== undefined || password !== undefined)) throw bad(`${path}.noAuth cannot be combined with user or password: choose one`);
  return { user, password };
}

function bad(why: string): RuntimeError {
  return new RuntimeError('RUNTIME_ERR_BAD_SITE', `Failed to read the site: ${why}.`);
}

function show(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function objectAt(path: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(`${path} must be a mapping of fields, got ${show(v)}`);
  return v as Record<string, unknown>;
}

function listAt(path: string, v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw bad(`${path} must be a list, got ${show(v)}`);
  return v;
}

function onlyKeys(path: string, o: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(o)) if (!known.includes(key)) throw bad(`${path} has an unknown field "${key}"; known fields: ${known.join(', ')}`);
}

function textAt(path: string, v: unknown): string {
  if (typeof v !== 'string' || v === '') throw bad(`${path} must be a non-empty text, got ${show(v)}`);
  return v;
}

function nameAt(path: string, v: unknown): string {
  if (typeof v !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/i.test(v)) throw bad(`${path} must be a name of letters, digits and "-" (1–63), got ${show(v)}`);
  return v;
}

function numberAt(path: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw bad(`${path} must be a number from ${min} to ${max}, got ${show(v)}`);
  return v;
}

function integerAt(path: string, v: unknown, min: number, max: number): number {
  const n = numberAt(path, v, min, max);
  if (!Number.isInteger(n)) throw bad(`${path} must be a whole number, got ${n}`);
  return n;
}

function portAt(path: string, v: unknown): number {
  return v === undefined ? 0 : integerAt(path, v, 0, 65535);
}

function boolAt(path: string, v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw bad(`${path} must be true or false, got ${show(v)}`);
  return v;
}

function seedAt(v: unknown): number | string {
  if (v === undefined) return 42;
  if ((typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && v !== '')) return v;
  throw bad(`seed must be a whole number or a word, got ${show(v)}`);
}

function speedAt(v: unknown): SpeedOption | undefined {
  if (v === undefined) return undefined;
  if (v === 'manual') return 'manual';
  return numberAt('speed', v, 0.001, 1_000_000);
}

function startAt(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const text = v instanceof Date ? v.toISOString() : textAt('start', v);
  const parsed = parseStartText(text);
  if (typeof parsed === 'object') throw bad(`start: ${parsed.error}`);
  return text;
}
