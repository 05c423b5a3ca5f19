/**
 * The battery for a simulation's inner loop: stepBattery's physics on a state held and updated in place.
 */
import type { BatteryParams } from './battery-params.ts';
import type { BatteryState, BatteryStepOutcome } from './battery.ts';
import { advanceInto, checkStep, clamp01, currentLimitedW, newOutcome } from './battery-step.ts';

/**
 * A battery for a simulation's inner loop: stepBattery's physics and results on a state it holds and updates in
 * place, so that a step allocates nothing (every object with number fields costs V8 one heap box per field).
 * OCV and limits are worked out once per state, the RC decay once per step size. A plain object of closures and
 * data, without getters, so that V8 keeps it in fast mode with one shape for every instance.
 */
export interface BatteryStepper {
  /** The state now, as an immutable BatteryState, built on demand. */
  state(): BatteryState;
  /** Replaces the state, e.g. after withSoc or withTemperature. */
  setState(state: BatteryState): void;
  /** Advances by `dtS` seconds at a commanded AC power, as stepBattery does. */
  step(commandW: number, dtS: number): void;
  /** socOf and the limits of the state now [fraction, W]; updated by step and setState. */
  readonly now: Readonly<{ socFraction: number; chargeLimitW: number; dischargeLimitW: number }>;
  /** What the last step did; overwritten by the next step. */
  readonly last: Readonly<BatteryStepOutcome>;
}

export function createBatteryStepper(params: BatteryParams, initial: BatteryState): BatteryStepper {
  // Numbers live in objects, never in closure `let`s, which V8 boxes anew on every write.
  const cells = { energyWh: initial.energyWh, polarisationV: initial.polarisationV, tempC: initial.tempC, currentA: initial.currentA };
  // The figures of the state now, and what a step needs of them: the pack's open-circuit voltage [V].
  const now = { socFraction: 0.5, chargeLimitW: 0.5, dischargeLimitW: 0.5, ocvPackV: 0.5 };
  const decay = { dtS: NaN, factor: 1 };
  const out = newOutcome();
  const ocv = createOcvLookup(params);
  const cold = { tempC: NaN, factor: 0.5 };
  const taperSpans = params.socMax > params.socChargeTaper;
  const derateSpans = params.socDischargeDerate > params.socMin;
  let snapshot: BatteryState | null = initial;
  // refresh() is socOf, openCircuitPackV, chargeLimitW and dischargeLimitAt written out, with the OCV segment
  // remembered between steps: the results are theirs, bit for bit (battery.test.ts checks them against each other).
  const refresh = (): void => {
    const soc = cells.energyWh / params.capacityWh;
    now.socFraction = soc < 0 ? 0 : soc > 1 ? 1 : soc;
    ocv.locate(soc);
    now.ocvPackV = params.seriesCells * ocv.at.cellV;
    // chargeLimitW and dischargeLimitAt, skipping the divisions whose clamped result is surely 1 (the ratio of a
    // larger difference to a smaller positive one), and the cold derate while the temperature stays.
    if (soc >= params.socMax) {
      now.chargeLimitW = 0;
    } else {
      const taper = soc <= params.socChargeTaper && taperSpans ? 1 : clamp01((params.socMax - soc) / (params.socMax - params.socChargeTaper));
      if (cells.tempC !== cold.tempC) {
        cold.tempC = cells.tempC;
        cold.factor = clamp01(cells.tempC / params.chargeFullTempC);
      }
      now.chargeLimitW = params.chargeRatedW * Math.max(params.chargeTaperFloor, taper) * cold.factor;
    }
    if (soc <= params.socMin) {
      now.dischargeLimitW = 0;
    } else {
      const derate = soc >= params.socDischargeDerate && derateSpans ? 1 : clamp01((soc - params.socMin) / (params.socDischargeDerate - params.socMin));
      const limitW = params.dischargeRatedW * Math.max(params.chargeTaperFloor, derate);
      // The DC current limit cannot bind while the rated limit lies below what it allows at the segment's lowest OCV.
      now.dischargeLimitW = limitW < ocv.at.currentLimitFloorW ? limitW : Math.min(limitW, +currentLimitedW(params, now.ocvPackV));
    }
  };
  refresh();
  return {
    state() {
      snapshot ??= { energyWh: cells.energyWh, polarisationV: cells.polarisationV, tempC: cells.tempC, currentA: cells.currentA };
      return snapshot;
    },
    setState(state) {
      cells.energyWh = state.energyWh;
      cells.polarisationV = state.polarisationV;
      cells.tempC = state.tempC;
      cells.currentA = state.currentA;
      snapshot = state;
      refresh();
    },
    step(commandW, dtS) {
      checkStep(commandW, dtS);
      if (dtS !== decay.dtS) {
        decay.dtS = dtS;
        decay.factor = Math.exp(-dtS / params.polarisationTauS);
      }
      advanceInto(params, cells, commandW, dtS, now, decay, out);
      cells.energyWh = out.energyWh;
      cells.polarisationV = out.polarisationV;
      cells.currentA = out.currentA;
      snapshot = null;
      refresh();
    },
    now,
    last: out,
  };
}

/**
 * ocvCellV for a SOC that changes little between calls: it starts from the last call's segment and searches only
 * when the SOC has left it. `locate` writes the cell's OCV [V] into `at`, with a power [W] below which the DC current
 * limit cannot bind in that segment; it returns nothing, as a double returned from a call costs V8 a heap box.
 */
function createOcvLookup(params: BatteryParams): { locate(socFraction: number): void; readonly at: Readonly<{ cellV: number; currentLimitFloorW: number }> } {
  const { socFraction: xs, cellV: ys } = params.ocv;
  const n = xs.length;
  let increasing = true;
  for (let i = 1; i < n; i++) if (!(xs[i]! > xs[i - 1]!)) increasing = false;
  // Per segment i (between points i − 1 and i; 0 and n for the flat ends): currentLimitedW at the segment's lowest
  // voltage, less a relative 1e-9 for the rounding of the interpolation. currentLimitedW rises with the OCV.
  const floorW = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const lowV = i === 0 ? ys[0]! : i === n ? ys[n - 1]! : Math.min(ys[i - 1]!, ys[i]!);
    // Without increasing SOC points a segment's interpolation is no mean of its ends: no floor then.
    floorW[i] = increasing ? currentLimitedW(params, params.seriesCells * lowV) * (1 - 1e-9) : -Infinity;
  }
  const at = { segment: 1, cellV: 0.5, currentLimitFloorW: 0.5 };
  const locate = (socFraction: number): void => {
    if (socFraction <= xs[0]!) {
      at.segment = 0;
      at.cellV = ys[0]!;
    } else if (socFraction >= xs[n - 1]!) {
      at.segment = n;
      at.cellV = ys[n - 1]!;
    } else {
      let i = at.segment;
      if (!increasing || i < 1 || i > n - 1 || !(xs[i - 1]! < socFraction && socFraction <= xs[i]!)) {
        // As ocvCellV: the first point at or above the SOC, xs[i − 1] < socFraction ≤ xs[i].
        let lo = 0;
        i = n - 1;
        while (i - lo > 1) {
          const mid = (lo + i) >> 1;
          if (xs[mid]! < socFraction) lo = mid;
          else i = mid;
        }
        at.segment = i;
      }
      const x0 = xs[i - 1]!;
      const x1 = xs[i]!;
      const y0 = ys[i - 1]!;
      at.cellV = y0 + ((ys[i]! - y0) * (socFraction - x0)) / (x1 - x0);
    }
    at.currentLimitFloorW = floorW[at.segment]!;
  };
  return { locate, at };
}
