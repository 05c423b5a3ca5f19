/**
 * The hybrid mode: a recording's telemetry drives the physics' outside world (household load, PV, frequency,
 * starting SOC), while the client's commands act on the simulated battery. Each simulated second the overrides
 * follow the recording; past its end the models take over again.
 */
import { frequencyStep } from '../core/index.ts';
import { extractOutsideWorld, parseHar, sampleAt, type OutsideWorld } from '../replay/index.ts';
import type { DeviceRunner } from '../engine/device-runner.ts';

/** Reads a HAR recording's outside world (throws ReplayError with a clear message when it has none). */
export function outsideWorldOf(harText: string): OutsideWorld {
  return extractOutsideWorld(parseHar(harText));
}

/** Where the simulation should start to line up with the recording [epoch ms, whole seconds]. */
export function recordingStartMs(world: OutsideWorld): number {
  return Math.floor(world.samples[0]!.atMs / 1000) * 1000;
}

/** Makes the recording drive the runner's site from now on; returns a function that stops it. */
export function driveFromRecording(runner: DeviceRunner, world: OutsideWorld): () => void {
  const endMs = world.samples[world.samples.length - 1]!.atMs;
  let done = false;
  const apply = (tMs: number): void => {
    const site = runner.device.site;
    if (tMs > endMs) {
      if (!done) {
        site.setLoadOverride(null);
        site.setPvOverride(null);
        site.frequency.setOverride(null);
        done = true;
      }
      return;
    }
    const s = sampleAt(world, tMs);
    if (s.loadW !== null) site.setLoadOverride(s.loadW);
    if (s.pvW !== null) site.setPvOverride(s.pvW);
    if (s.freqHz !== null) site.frequency.setOverride(frequencyStep(site.now(), s.freqHz));
  };
  apply(runner.device.site.now());
  return runner.onSecond(apply);
}
