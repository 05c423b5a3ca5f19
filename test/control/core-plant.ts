/**
 * An in-process plant: a core Site seen through the capability interfaces, the way a device client shows a
 * real battery. The site's controller callback replays the last command (the device clamps it to its limits,
 * as a real one does). Reads come from the inputs of the last sub-step, so they are up to one sub-step (1 s)
 * old: the age of a DSMR 5 telegram (docs/physics.md §4.4), and far cheaper than a full site snapshot, whose
 * voltage noise costs more than the rest of the step. Time moves only by `site.stepTo`.
 */
import type { Battery, ReadsGridPower } from '../../clients/battery.ts';
import { buildSiteConfig, createSite, type ControlInputs, type DeviceKind, type Site, type SiteOptions, type SiteSnapshot } from '../../simulator/core/index.ts';

export interface CorePlant {
  readonly site: Site;
  readonly battery: Battery;
  readonly meter: ReadsGridPower;
  /** The command the battery is following [W], + = discharge. */
  readonly commandW: number;
  /** Called with the site's inputs at every sub-step, before the command is applied. */
  onSubStep(listener: (inputs: ControlInputs) => void): void;
}

export function createCorePlant(device: DeviceKind, options: SiteOptions = {}): CorePlant {
  const site = createSite(buildSiteConfig(device, options));
  let commandW = 0;
  let listener: ((inputs: ControlInputs) => void) | null = null;
  let last: Pick<SiteSnapshot | ControlInputs, 'gridW' | 'batteryW' | 'socFraction' | 'chargeLimitW' | 'dischargeLimitW'> = site.snapshot();
  site.setController((inputs) => {
    last = inputs;
    listener?.(inputs);
    return commandW;
  });
  const battery = {
    readSoc: async () => last.socFraction,
    readPowerW: async () => last.batteryW,
    readLimits: async () => ({ chargeW: last.chargeLimitW, dischargeW: last.dischargeLimitW }),
    commandPowerW: async (w: number) => {
      commandW = w;
    },
    releaseControl: async () => {
      commandW = 0;
    },
  } satisfies Battery;
  const meter = { readGridPowerW: async () => last.gridW } satisfies ReadsGridPower;
  return {
    site,
    battery,
    meter,
    get commandW() {
      return commandW;
    },
    onSubStep(next) {
      listener = next;
    },
  };
}
