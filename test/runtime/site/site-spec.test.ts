import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSiteSpec, parseSiteText } from '../../../simulator/runtime/site/site-spec.ts';
import { REPO_ROOT } from '../../support/battsim-process.ts';

const HOME = { meter: {}, sessys: [{ name: 's1' }, { name: 's2', phase: 2 }] };

describe('parseSiteSpec: a site file', () => {
  it('fills the defaults: seed 42, loopback, a P1 meter, Sessys in NOM at SOC 0.5 on phase 1', () => {
    const spec = parseSiteSpec(HOME);
    expect(spec).toMatchObject({ seed: 42, host: '127.0.0.1', speed: undefined, meter: { name: 'meter', variant: 'p1', port: 0, gridTargetW: 0 } });
    expect(spec.sessys[0]).toMatchObject({ name: 's1', phase: 1, soc: 0.5, strategy: 'POWER_STRATEGY_NOM', noAuth: false });
    expect(spec.sessys[1]!.phase).toBe(2);
  });

  it.each(readdirSync(`${REPO_ROOT}examples/sites`).filter((f) => f.endsWith('.yaml') && !f.startsWith('compose')))('reads the shipped example %s', (file) => {
    const spec = parseSiteText(readFileSync(`${REPO_ROOT}examples/sites/${file}`, 'utf8'), file);
    expect(spec.meter).not.toBeNull();
    expect(spec.sessys.length).toBeGreaterThan(0);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown top-level field', { ...HOME, sessy: [] }, /the site has an unknown field "sessy"/],
    ['an unknown field of a Sessy', { meter: {}, sessys: [{ name: 's1', soc: 0.5, phases: 2 }] }, /sessys\[0\] has an unknown field "phases"/],
    ['a Sessy without a name', { meter: {}, sessys: [{ phase: 1 }] }, /sessys\[0\]\.name must be a name/],
    ['a phase beyond 3', { meter: {}, sessys: [{ name: 'a' }, { name: 'b', phase: 4 }] }, /sessys\[1\]\.phase must be a number from 1 to 3, got 4/],
    ['a phase the house does not have', { household: { phases: 1 }, meter: {}, sessys: [{ name: 'a', phase: 2 }] }, /sessys\[0\]\.phase is 2, but household\.phases is 1/],
    ['a SOC above 1', { meter: {}, sessys: [{ name: 'a', soc: 80 }] }, /sessys\[0\]\.soc must be a number from 0 to 1, got 80/],
    ['an unknown strategy', { meter: {}, sessys: [{ name: 'a', strategy: 'NOM' }] }, /sessys\[0\]\.strategy must be one of/],
    ['NOM without a meter', { sessys: [{ name: 'a' }] }, /sessys\[0\]\.strategy is POWER_STRATEGY_NOM, which needs a meter/],
    ['two devices of one name', { meter: { name: 'x' }, sessys: [{ name: 'x' }] }, /sessys\[0\]\.name "x" is taken/],
    ['two devices on one port', { meter: { port: 8090 }, sessys: [{ name: 'a', port: 8090 }] }, /sessys\[0\]\.port 8090 is taken/],
    ['a meter variant that is neither p1 nor ct', { meter: { variant: 'modbus' } }, /meter\.variant must be "p1" or "ct", got "modbus"/],
    ['a grid target beyond ±20 kW', { meter: { gridTargetW: 50_000 } }, /meter\.gridTargetW must be a number from -20000 to 20000/],
    ['credentials with noAuth', { meter: {}, sessys: [{ name: 'a', noAuth: true, password: 'p' }] }, /sessys\[0\]\.noAuth cannot be combined with user or password/],
    ['a Homevolt on a single-phase house', { household: { phases: 1 }, homevolts: [{ name: 'hv' }] }, /homevolts\[0\] is a three-phase battery, but household\.phases is 1/],
    ['Homevolt units beyond 16', { homevolts: [{ name: 'hv', units: 17 }] }, /homevolts\[0\]\.units must be a number from 1 to 16/],
    ['a list that is not a list', { meter: {}, sessys: { name: 'a' } }, /sessys must be a list/],
    ['no devices at all', { household: {} }, /the site has no devices/],
    ['a bad speed', { ...HOME, speed: 'fast' }, /speed must be a number from 0\.001 to 1000000/],
    ['a bad start', { ...HOME, start: 'yesterday' }, /start: /],
    ['a document that is not a mapping', ['meter'], /the site must be a mapping of fields/],
  ])('refuses %s, naming the field', (_, input, message) => {
    expect(() => parseSiteSpec(input)).toThrow(expect.objectContaining({ code: 'RUNTIME_ERR_BAD_SITE', message: expect.stringMatching(message) }));
  });

  it('refuses text that is not YAML, naming the file', () => {
    expect(() => parseSiteText('meter: [unclosed', 'home.yaml')).toThrow(/home\.yaml is not valid YAML/);
  });
});
