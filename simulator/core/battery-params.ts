import { mergeParams, requireFinite, SimError } from './errors.ts';

/** Open-circuit voltage per cell as a piecewise-linear curve over SOC. */
export interface OcvCurve {
  readonly socFraction: readonly number[];
  readonly cellV: readonly number[];
}

/** Parameters of one battery (docs/physics.md §2). SI units throughout. */
export interface BatteryParams {
  /** Usable capacity [Wh]. */
  readonly capacityWh: number;
  /** Rated AC charge power [W]. */
  readonly chargeRatedW: number;
  /** Rated AC discharge power [W]. */
  readonly dischargeRatedW: number;
  /** DC discharge current limit [A]; Infinity when the device has none. */
  readonly dischargeCurrentLimitA: number;
  /** Converter loss L(P) = p0 + k1·|P| + k2·P²: constant part [W]. */
  readonly lossP0W: number;
  /** Converter loss, linear part [W/W]. */
  readonly lossK1: number;
  /** Converter loss, quadratic part [1/W]. */
  readonly lossK2PerW: number;
  /** DC pack resistance [Ω]. */
  readonly packResistanceOhm: number;
  /** BMS and controller draw [W]. */
  readonly auxW: number;
  /** Self-discharge [fraction of stored energy per hour]. */
  readonly selfDischargePerH: number;
  /** Lower SOC bound of usable energy [fraction]. */
  readonly socMin: number;
  /** Upper SOC bound [fraction]. */
  readonly socMax: number;
  /** SOC below which discharge power derates linearly to zero [fraction]. */
  readonly socDischargeDerate: number;
  /** SOC above which charge power tapers (the CV phase) [fraction]. */
  readonly socChargeTaper: number;
  /** The taper never falls below this fraction of rated charge power before SOC_max. */
  readonly chargeTaperFloor: number;
  /** Cell temperature at and above which full charge power is allowed [°C]; 0 °C allows none. */
  readonly chargeFullTempC: number;
  /** Cells in series. */
  readonly seriesCells: number;
  /** RC polarisation resistance [Ω]. */
  readonly polarisationOhm: number;
  /** RC polarisation time constant [s]. */
  readonly polarisationTauS: number;
  readonly ocv: OcvCurve;
}

/** LFP OCV: the median of five published datasets (docs/physics.md §2.4 table). */
export const LFP_OCV: OcvCurve = Object.freeze({
  socFraction: [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1],
  cellV: [2.8, 2.877, 3.05, 3.172, 3.193, 3.228, 3.24, 3.25, 3.28, 3.287, 3.293, 3.3, 3.315, 3.322, 3.331, 3.356, 3.39, 3.4],
});

/**
 * NMC OCV from 2.69 V (0 %) to 4.17 V (100 %), after the Samsung 21700 curve docs/physics.md §2.4 names.
 * Intermediate points are an [A] smooth NMC shape; Homevolt exposes no pack voltage that would check them.
 */
export const NMC_OCV: OcvCurve = Object.freeze({
  socFraction: [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
  cellV: [2.69, 3.3, 3.45, 3.55, 3.61, 3.66, 3.72, 3.79, 3.87, 3.95, 4.05, 4.17],
});

/** Sessy: 5.0 kWh usable, 2200 W charge, 1700 W discharge, 37.5 A DC, LFP 16s (docs/physics.md §1.1, §2.2). */
export const SESSY_BATTERY: BatteryParams = Object.freeze({
  capacityWh: 5000,
  chargeRatedW: 2200,
  dischargeRatedW: 1700,
  dischargeCurrentLimitA: 37.5,
  lossP0W: 20,
  lossK1: 0.025,
  lossK2PerW: 2.0e-5,
  packResistanceOhm: 0.03,
  auxW: 8,
  selfDischargePerH: 2.7e-5,
  socMin: 0,
  socMax: 1,
  socDischargeDerate: 0.08,
  socChargeTaper: 0.95,
  chargeTaperFloor: 0.05,
  chargeFullTempC: 12,
  seriesCells: 16,
  polarisationOhm: 0.01,
  polarisationTauS: 60,
  ocv: LFP_OCV,
});

/** Rated energy of one Homevolt BMS module [Wh] (`rated_cap`). */
export const HOMEVOLT_MODULE_WH = 6652;
/** Usable fraction of rated capacity, avail_cap / rated_capacity = 12216 / 13304 (docs/physics.md §2.8). */
export const HOMEVOLT_USABLE_FRACTION = 12216 / 13304;

/** One Homevolt unit: two 6652 Wh NMC modules, 6 kW three-phase (docs/physics.md §1.2, §2.2). */
export const HOMEVOLT_BATTERY: BatteryParams = Object.freeze({
  capacityWh: 2 * HOMEVOLT_MODULE_WH * HOMEVOLT_USABLE_FRACTION,
  chargeRatedW: 6000,
  dischargeRatedW: 6000,
  dischargeCurrentLimitA: Infinity,
  lossP0W: 30,
  lossK1: 0.012,
  lossK2PerW: 3.0e-6,
  packResistanceOhm: 0.15,
  auxW: 10,
  selfDischargePerH: 2.7e-5,
  socMin: 0,
  socMax: 1,
  socDischargeDerate: 0.08,
  socChargeTaper: 0.95,
  chargeTaperFloor: 0.05,
  chargeFullTempC: 12,
  seriesCells: 54,
  polarisationOhm: 0.02,
  polarisationTauS: 60,
  ocv: NMC_OCV,
});

const RANGES = {
  capacityWh: [1e-3, 1e7],
  chargeRatedW: [0, 1e7],
  dischargeRatedW: [0, 1e7],
  dischargeCurrentLimitA: [0, Infinity],
  lossP0W: [0, 1e5],
  lossK1: [0, 1],
  lossK2PerW: [0, 1],
  packResistanceOhm: [0, 100],
  auxW: [0, 1e5],
  selfDischargePerH: [0, 1],
  socMin: [0, 1],
  socMax: [0, 1],
  socDischargeDerate: [0, 1],
  socChargeTaper: [0, 1],
  chargeTaperFloor: [0, 1],
  chargeFullTempC: [0.001, 100],
  seriesCells: [1, 1000],
  polarisationOhm: [0, 100],
  polarisationTauS: [1e-3, 1e6],
} as const;

/** Builds battery parameters from a base set and overrides; rejects unknown keys and bad numbers. */
export function buildBatteryParams(base: BatteryParams, overrides?: Partial<BatteryParams>): BatteryParams {
  const params = mergeParams('battery', base, overrides, RANGES);
  if (params.socMin >= params.socMax) {
    throw new SimError(
      'SIM_ERR_INVALID_PARAMETER',
      `Failed to configure the battery: socMin (${params.socMin}) must be below socMax (${params.socMax}).`,
    );
  }
  const { socFraction, cellV } = params.ocv;
  if (socFraction.length < 2 || socFraction.length !== cellV.length) {
    throw new SimError(
      'SIM_ERR_INVALID_PARAMETER',
      'Failed to configure the battery: the OCV curve needs at least two points and one voltage per SOC point.',
    );
  }
  socFraction.forEach((s, i) => requireFinite(`battery.ocv.socFraction[${i}]`, s, 0, 1));
  cellV.forEach((v, i) => requireFinite(`battery.ocv.cellV[${i}]`, v, 0, 10));
  return params;
}
