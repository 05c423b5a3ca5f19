import { describe, expect, it } from 'vitest';
import {
  applyGridCode,
  buildGridCodeParams,
  DEFAULT_GRID_CODE,
  INITIAL_GRID_CODE_STATE,
  type GridCodeInputs,
  type GridCodeState,
} from '../../simulator/core/index.ts';

/** Sessy-like inputs: P_max 2200 W, limits wide open unless a case narrows them. */
const base: GridCodeInputs = { freqHz: 50, strategyW: 0, actualW: 0, ratedW: 2200, chargeLimitW: 2200, dischargeLimitW: 1700, dtS: 0.1 };

/** Runs a frequency profile of [Hz, seconds] segments at 0.1 s steps; returns the state and the powers seen. */
function run(segments: readonly (readonly [number, number])[], from: GridCodeState = INITIAL_GRID_CODE_STATE, strategyW = 1700) {
  let state = from;
  const powers: number[] = [];
  const modes: string[] = [];
  for (const [hz, seconds] of segments) {
    for (let i = 0; i < Math.round(seconds / base.dtS); i++) {
      const r = applyGridCode(DEFAULT_GRID_CODE, state, { ...base, freqHz: hz, strategyW, actualW: powers.at(-1) ?? strategyW });
      state = r.state;
      powers.push(r.powerW);
      modes.push(r.state.mode);
    }
  }
  return { state, powers, modes };
}

const tripped = () => run([[51.6, 0.2]]).state;

describe('applyGridCode: docs/physics.md §3.6 test vectors', () => {
  it.each([
    // [case, f (Hz), P_M = actual power (W), strategy (W), expected power (W), expected mode]
    ['LFSM-O at 50.30 Hz from 1700 W, P_ref = P_M: ΔP = −68 W', 50.3, 1700, 1700, 1632, 'over-frequency'],
    ['LFSM-O at 51.00 Hz from idle, P_ref = P_max = 2200 W: charges at 704 W', 51.0, 0, 0, -704, 'over-frequency'],
    ['LFSM-U at 49.50 Hz from −1000 W charging, P_ref = 2200 W: ΔP = +264 W', 49.5, -1000, -1000, -736, 'under-frequency'],
    ['inside the LFSM band: the strategy passes unchanged', 50.15, 1200, 1200, 1200, 'normal'],
  ] as const)('%s', (_case, freqHz, actualW, strategyW, expectedW, mode) => {
    const r = applyGridCode(DEFAULT_GRID_CODE, INITIAL_GRID_CODE_STATE, { ...base, freqHz, actualW, strategyW });
    expect(r.powerW).toBeCloseTo(expectedW, 9);
    expect(r.state.mode).toBe(mode);
  });

  it.each([
    ['51.6 Hz for 0.2 s', 51.6],
    ['47.4 Hz for 0.2 s', 47.4],
  ])('disconnects at %s, with P = 0', (_case, hz) => {
    const r = run([[hz, 0.2]]);
    expect(r.state.mode).toBe('disconnected');
    expect(r.powers.at(-1)).toBe(0);
  });

  it('does not reconnect after 59 s in band and restarts the timer when 50.12 Hz leaves the band', () => {
    const r = run([[50.05, 59], [50.12, 0.1]], tripped());
    expect(r.modes.every((m) => m === 'disconnected')).toBe(true);
    expect(r.state.inBandS).toBe(0);
    // A fresh 59 s in band is again not enough …
    expect(run([[50.05, 59]], r.state).state.mode).toBe('disconnected');
    // … but 60 s is.
    expect(run([[50.05, 60]], r.state).state.mode).toBe('reconnecting');
  });

  it('reconnects after 60 s in band and ramps P_limit(t) = 0.10·P_max·t / 60 s', () => {
    const reconnecting = run([[50.0, 60]], tripped());
    expect(reconnecting.state.mode).toBe('reconnecting');
    expect(reconnecting.powers.at(-1)).toBe(0);
    // The strategy asks for full discharge (1700 W); the ramp limit is 0.1·2200 W·t/60 s = 3.667 W/s.
    const ramp = run([[50.0, 120]], reconnecting.state);
    ramp.powers.forEach((w, i) => expect(w).toBeCloseTo((0.1 * 2200 * ((i + 1) * 0.1)) / 60, 6));
    expect(ramp.powers.at(-1)).toBeCloseTo(440, 6);
  });
});

describe('applyGridCode', () => {
  it('holds P_M from the moment LFSM-O activated while the frequency keeps rising', () => {
    let state = INITIAL_GRID_CODE_STATE;
    state = applyGridCode(DEFAULT_GRID_CODE, state, { ...base, freqHz: 50.3, strategyW: 1700, actualW: 1700 }).state;
    const r = applyGridCode(DEFAULT_GRID_CODE, state, { ...base, freqHz: 50.7, strategyW: 1700, actualW: 1632 });
    expect(r.state.activationW).toBe(1700);
    expect(r.powerW).toBeCloseTo(1700 - 340, 9);
  });

  it('leaves a strategy that charges harder than the LFSM-O curve alone (min)', () => {
    // Activated from idle at 50.3 Hz the curve asks for −88 W; the strategy charges at 2000 W.
    const r = applyGridCode(DEFAULT_GRID_CODE, INITIAL_GRID_CODE_STATE, { ...base, freqHz: 50.3, strategyW: -2000, actualW: 0 });
    expect(r.powerW).toBe(-2000);
  });

  it('leaves a strategy that discharges harder than the LFSM-U curve alone (max)', () => {
    // Activated from idle at 49.7 Hz the curve asks for +88 W; the strategy discharges at 1500 W.
    const r = applyGridCode(DEFAULT_GRID_CODE, INITIAL_GRID_CODE_STATE, { ...base, freqHz: 49.7, strategyW: 1500, actualW: 0 });
    expect(r.powerW).toBe(1500);
  });

  it('releases LFSM-O below 50.2 Hz (mode 2, no hysteresis)', () => {
    const active = applyGridCode(DEFAULT_GRID_CODE, INITIAL_GRID_CODE_STATE, { ...base, freqHz: 50.5, strategyW: 1000, actualW: 1000 });
    const released = applyGridCode(DEFAULT_GRID_CODE, active.state, { ...base, freqHz: 50.19, strategyW: 1000, actualW: active.powerW });
    expect(released.state.mode).toBe('normal');
    expect(released.powerW).toBe(1000);
  });

  it('keeps the result within the battery limits: no charging when full', () => {
    const r = applyGridCode(DEFAULT_GRID_CODE, INITIAL_GRID_CODE_STATE, { ...base, freqHz: 51.0, chargeLimitW: 0 });
    expect(r.powerW).toBeCloseTo(0, 12);
  });

  it('does not trip on a single 0.1 s step beyond the threshold when the trip delay is 0.5 s', () => {
    const params = buildGridCodeParams({ tripDelayS: 0.5 });
    let state = INITIAL_GRID_CODE_STATE;
    for (let i = 0; i < 4; i++) state = applyGridCode(params, state, { ...base, freqHz: 51.6 }).state;
    expect(state.mode).not.toBe('disconnected');
    state = applyGridCode(params, state, { ...base, freqHz: 51.6 }).state;
    expect(state.mode).toBe('disconnected');
  });

  it('rejects an unknown grid-code option', () => {
    expect(() => buildGridCodeParams({ lfsmHz: 50.2 } as never)).toThrow(expect.objectContaining({ code: 'SIM_ERR_UNKNOWN_OPTION' }));
  });
});
