/**
 * The models of a site, built together from its spec: the shared grid, the meter reading it, and every battery
 * placed on it. Built again, from the same seeds, when the site is reset.
 */
import { buildSharedGridConfig, createSharedGrid, type SharedGrid } from '../../core/index.ts';
import { createHomevoltDevice } from '../../devices/homevolt/index.ts';
import { createSessyMeterDevice } from '../../devices/sessy-meter/index.ts';
import { createSessyDevice, type FirmwareVersion } from '../../devices/sessy/index.ts';
import type { SimulatedDevice } from '../../devices/simulated-device.ts';
import { createSharedGridSource } from './shared-grid-source.ts';
import type { SiteSpec } from './site-spec.ts';

export interface SiteModels {
  readonly grid: SharedGrid;
  /** Each device's model by name. */
  readonly devices: ReadonlyMap<string, SimulatedDevice>;
}

export function buildSiteModels(spec: SiteSpec, seed: number, startMs: number): SiteModels {
  const grid = createSharedGrid(buildSharedGridConfig({ seed, startMs, household: spec.household, pv: spec.pv }));
  // Each device draws from its own streams, named after it: adding a device leaves the others as they were.
  const deviceSeed = (name: string): string => `${seed}/${name}`;
  const devices = new Map<string, SimulatedDevice>();
  const m = spec.meter;
  if (m) {
    devices.set(
      m.name,
      createSessyMeterDevice({
        variant: m.variant,
        site: { seed: deviceSeed(m.name), startMs },
        gridSource: createSharedGridSource(grid),
        gridTargetW: m.gridTargetW,
        ...(m.forgetAfterS !== undefined ? { forgetAfterS: m.forgetAfterS } : {}),
        ...(m.user !== undefined ? { serial: m.user } : {}),
      }),
    );
  }
  for (const s of spec.sessys) {
    devices.set(
      s.name,
      createSessyDevice({
        site: { seed: deviceSeed(s.name), startMs, initialSoc: s.soc },
        placeOn: (config) => grid.attach(s.name, { ...config, batteryPhase: s.phase }),
        nomSource: 'meter',
        initialStrategy: s.strategy,
        ...(s.firmware !== undefined ? { firmware: s.firmware as FirmwareVersion } : {}),
        ...(s.user !== undefined ? { serial: s.user } : {}),
      }),
    );
  }
  for (const h of spec.homevolts) {
    devices.set(
      h.name,
      createHomevoltDevice({
        seed: deviceSeed(h.name),
        startMs,
        units: h.units,
        initialSoc: h.soc,
        placeOn: (config) => grid.attach(h.name, { ...config, batteryPhase: 0 }),
        ...(h.firmware !== undefined ? { firmware: h.firmware as never } : {}),
      }),
    );
  }
  return { grid, devices };
}
