/**
 * A minimal SimulatedDevice over a real core site, for testing the control plane without either emulator:
 * it follows an external setpoint, counts reboots, and reports its state in SI units.
 */
import { buildSiteConfig, createSite, type SiteOptions } from '../../simulator/core/index.ts';
import type { SimulatedDevice } from '../../simulator/devices/simulated-device.ts';

export interface BareDevice extends SimulatedDevice {
  readonly boots: number;
}

export function createBareDevice(options: SiteOptions = {}): BareDevice {
  const site = createSite(buildSiteConfig('sessy', { seed: 7, ...options }));
  let setpointW = 0;
  let boots = 1;
  let bootedAtMs = site.now();
  site.setController(() => setpointW);
  return {
    kind: 'sessy',
    site,
    get boots() {
      return boots;
    },
    stepTo: (tMs) => site.stepTo(tMs),
    simState() {
      const s = site.snapshot();
      return {
        socFraction: s.socFraction,
        batteryW: s.batteryW,
        gridW: s.gridW,
        loadW: s.loadW,
        pvW: s.pvW,
        freqHz: s.freqHz,
        tempC: s.tempC,
        externalSetpointW: setpointW,
        uptimeS: (site.now() - bootedAtMs) / 1000,
        boots,
      };
    },
    setSoc: (soc) => site.setSoc(soc),
    setExternalSetpoint(w) {
      setpointW = w;
    },
    reboot() {
      boots++;
      bootedAtMs = site.now();
      site.meters.rollback();
    },
  };
}
