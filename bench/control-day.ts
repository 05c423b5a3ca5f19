/**
 * A simulated day of zero on the meter at a 5 s control cadence against the in-process core plant, against
 * the same day with the battery idle (the plant's own cost). Prints wall times and their ratio.
 * Run: npx tsx bench/control-day.ts
 */
import { pathToFileURL } from 'node:url';
import { simulateZeroOnMeterDay } from '../test/control/zero-on-meter-day.ts';

export const name = 'control-day';

export async function run(): Promise<void> {
  for (const device of ['sessy', 'homevolt'] as const) {
    const idleStart = performance.now();
    await simulateZeroOnMeterDay({ device, cadenceMs: 5000, idle: true });
    const idleMs = performance.now() - idleStart;
    const start = performance.now();
    const day = await simulateZeroOnMeterDay({ device, cadenceMs: 5000 });
    const controlledMs = performance.now() - start;
    console.log(
      `${name} ${device}: controlled ${controlledMs.toFixed(0)} ms (${day.controlSteps} steps, ` +
        `${(day.shareWithinTolerance * 100).toFixed(1)} % of free minutes within ±50 W), ` +
        `idle baseline ${idleMs.toFixed(0)} ms, ratio ${(controlledMs / idleMs).toFixed(2)}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
