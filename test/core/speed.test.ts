/**
 * The speed option has one range (simulator/core/speed.ts), and every entry that takes a speed holds to it: the
 * CLI, the Node API (Sessy, Homevolt, replay), the scaled clock and POST /_sim/clock. Each entry is tried at the
 * boundaries and just beyond them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../simulator/cli-args.ts';
import { isSpeed, MAX_SPEED, MIN_SPEED } from '../../simulator/core/index.ts';
import { createScaledClock } from '../../simulator/engine/sim-clock.ts';
import { checkReplayOptions } from '../../simulator/replay/replay-options.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';
import { startSessyMeter } from '../../simulator/runtime/start-sessy-meter.ts';

const ACCEPTED = [MIN_SPEED, 1, MAX_SPEED];
const REFUSED = [0.0005, 0, -1, MAX_SPEED + 1, Number.NaN, Number.POSITIVE_INFINITY];

describe('the speed range', () => {
  it('runs from 0.001 to 1,000,000 simulated seconds per wall second', () => {
    expect([MIN_SPEED, MAX_SPEED]).toEqual([0.001, 1_000_000]);
    for (const speed of ACCEPTED) expect(isSpeed(speed)).toBe(true);
    for (const speed of REFUSED) expect(isSpeed(speed)).toBe(false);
  });
});

describe('battsim --speed', () => {
  it.each(ACCEPTED)('accepts %s', (speed) => {
    expect(parseCliArgs(['sessy', '--speed', String(speed)])).toMatchObject({ speed });
  });
  it.each(['0.0005', '0', '-1', '1000001', 'NaN', 'Infinity', ''])('refuses "%s" with a usage error', (speed) => {
    expect(() => parseCliArgs(['sessy', `--speed=${speed}`])).toThrow(CliUsageError);
  });
});

describe('the scaled clock', () => {
  it.each(ACCEPTED)('runs at %s', (speed) => {
    expect(createScaledClock({ speed, wallNowMs: () => 0 }).speed).toBe(speed);
  });
  it.each(REFUSED)('refuses %s, at creation and as a new speed', (speed) => {
    expect(() => createScaledClock({ speed, wallNowMs: () => 0 })).toThrow(expect.objectContaining({ code: 'RUNTIME_ERR_BAD_OPTION' }));
    expect(() => createScaledClock({ wallNowMs: () => 0 }).setSpeed(speed)).toThrow(expect.objectContaining({ code: 'RUNTIME_ERR_BAD_OPTION' }));
  });
});

describe('the Node API', () => {
  it.each(REFUSED)('startSessy, startSessyMeter and startHomevolt refuse %s before listening', async (speed) => {
    for (const start of [startSessy, startSessyMeter, startHomevolt]) await expect(start({ speed })).rejects.toMatchObject({ code: 'RUNTIME_ERR_BAD_OPTION', message: expect.stringMatching(/speed"? must be a number from 0\.001 to 1000000/) });
  });
  it.each([MIN_SPEED, MAX_SPEED])('startSessy, startSessyMeter and startHomevolt run at %s', async (speed) => {
    for (const start of [startSessy, startSessyMeter, startHomevolt]) {
      const emulator = await start({ speed });
      expect(emulator.clock.speed).toBe(speed);
      await emulator.close();
    }
  });
  it.each(ACCEPTED)('startReplay takes %s', (speed) => {
    expect(checkReplayOptions({ recording: 'trace.har', speed }).speed).toBe(speed);
  });
  it.each(REFUSED)('startReplay refuses %s', (speed) => {
    expect(() => checkReplayOptions({ recording: 'trace.har', speed })).toThrow(expect.objectContaining({ code: 'REPLAY_ERR_BAD_OPTION' }));
  });
});

describe('POST /_sim/clock {"speed": N}', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startSessy({ speed: 1, noAuth: true });
    // Paused, so that a fast speed set by one case leaves no simulated time for the next request to catch up on.
    await fetch(`${emulator.url}/_sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"pause"}' });
  });
  afterAll(async () => {
    await emulator.close();
  });
  const setSpeed = async (speed: unknown): Promise<{ status: number; body: { speed?: number; error?: { code: string } } }> => {
    const res = await fetch(`${emulator.url}/_sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ speed }) });
    return { status: res.status, body: (await res.json()) as { speed?: number; error?: { code: string } } };
  };

  it.each(ACCEPTED)('sets %s', async (speed) => {
    expect(await setSpeed(speed)).toMatchObject({ status: 200, body: { speed } });
  });
  it.each([0.0005, 0, -1, MAX_SPEED + 1, 'fast'])('refuses %s with 400 and keeps the speed', async (speed) => {
    await setSpeed(2);
    expect(await setSpeed(speed)).toMatchObject({ status: 400, body: { error: { code: 'SIM_ERR_INVALID_PARAMETER' } } });
    expect(emulator.clock.speed).toBe(2);
  });
});
