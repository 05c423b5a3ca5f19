/**
 * The meter's NOM coordination under many dongles: the model's cost of one simulated second in which every dongle
 * reports once (POST /api/v1/nom/power without HTTP), per report, for a home (3), the firmware's largest group
 * (total_sessys 60) and a site of 1,000 dongles on one meter, once all have joined. Baseline: one dongle, same run.
 */
import { createSessyMeterDevice, parseNomReport, type NomReport } from '../simulator/devices/sessy-meter/index.ts';
import type { BenchResult } from './bench.ts';

export const name = 'sessy-meter-nom';

function reports(n: number): NomReport[] {
  return Array.from({ length: n }, (_, i) => {
    const r = parseNomReport({ unique_id: `D${String(i).padStart(7, '0')}`, state_of_charge: (i % 97) / 97, sessy_power_w: 0, max_charge_power_w: 2200, max_discharge_power_w: 1700 });
    if (!r.ok) throw new Error(r.error);
    return r.report;
  });
}

/** Wall time per report [µs] over `seconds` simulated seconds with `n` dongles reporting once a second. */
function perReportUs(n: number, seconds: number): number {
  const meter = createSessyMeterDevice({ gridSource: { readGrid: () => ({ phases: [{ voltageV: 230, powerW: 2000, importWh: 0, exportWh: 0 }, { voltageV: 230, powerW: 0, importWh: 0, exportWh: 0 }, { voltageV: 230, powerW: 0, importWh: 0, exportWh: 0 }], importWh: 0, exportWh: 0 }) } });
  const list = reports(n);
  let t = meter.site.now() + 10_000;
  meter.stepTo(t);
  // The first second, in which every dongle joins (a share is worked out again for each new one), is not timed.
  for (const r of list) meter.reportNom(r);
  const start = performance.now();
  for (let s = 0; s < seconds; s++) {
    t += 1000;
    meter.stepTo(t);
    for (const r of list) meter.reportNom(r);
  }
  return ((performance.now() - start) * 1000) / (n * seconds);
}

export async function run(): Promise<BenchResult[]> {
  perReportUs(60, 5); // warm-up
  const baseline = { label: 'one dongle', value: perReportUs(1, 2000) };
  return [
    { label: 'µs per NOM report, 3 dongles', value: perReportUs(3, 1000), unit: 'µs', better: 'lower', baseline },
    { label: 'µs per NOM report, 60 dongles (total_sessys max)', value: perReportUs(60, 100), unit: 'µs', better: 'lower', baseline },
    { label: 'µs per NOM report, 1000 dongles on one meter', value: perReportUs(1000, 20), unit: 'µs', better: 'lower', baseline },
  ];
}
