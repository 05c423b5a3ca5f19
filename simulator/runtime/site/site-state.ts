/**
 * The site's state for `GET /_sim/site` and `site.state()`, in SI units: the grid beside every device's power and
 * SOC, whether each is on its network, its faults, and what the meter knows of the dongles.
 */
import type { SharedGrid } from '../../core/index.ts';
import type { SessyMeterDevice } from '../../devices/sessy-meter/index.ts';
import type { SessyDevice } from '../../devices/sessy/index.ts';
import type { SimClock } from '../../engine/sim-clock.ts';
import { isOffNetwork, type NomExchange } from './nom-exchange.ts';
import type { SiteDevice } from './site-host.ts';

export interface SiteStateParts {
  readonly clock: SimClock;
  readonly grid: SharedGrid;
  readonly devices: readonly SiteDevice[];
  readonly exchange: NomExchange | null;
}

export function siteState({ clock, grid, devices, exchange }: SiteStateParts): Record<string, unknown> {
  const nowMs = clock.now();
  const g = grid.snapshot();
  const batteries = new Map(g.batteries.map((b) => [b.name, b]));
  return {
    clock: { mode: clock.mode, nowMs: Math.floor(nowMs), now: new Date(nowMs).toISOString(), speed: clock.speed, paused: clock.paused },
    grid: { gridW: g.gridW, gridPhaseW: g.gridPhaseW, loadW: g.loadW, loadPhaseW: g.loadPhaseW, pvW: g.pvW, batteriesW: g.batteriesW, freqHz: g.freqHz, phaseVoltageV: g.phaseVoltageV, meters: g.meters },
    devices: devices.map((d) => {
      const faults = d.control.faults().map((f) => ({ id: f.id, type: f.spec.type, path: f.spec.scope.path }));
      const common = { name: d.name, kind: d.kind, url: d.url, online: !isOffNetwork(d.control), faults };
      if (d.kind === 'sessy-meter') {
        const m = d.device as SessyMeterDevice;
        const r = m.reading();
        return {
          ...common,
          gridW: r.netPowerW,
          gridTargetW: m.gridTargetW(),
          p1State: m.p1State(),
          uptimeS: m.uptimeMs() / 1000,
          dongles: m.nomDongles().map((n) => ({ uniqueId: n.report.uniqueId, powerW: n.report.powerW, socFraction: n.report.socFraction, targetW: n.share?.powerTargetW ?? null, silentS: (nowMs - n.receivedMs) / 1000 })),
        };
      }
      const b = batteries.get(d.name);
      const battery = { phase: b?.phase ?? null, powerW: b?.batteryW ?? 0, socFraction: b?.socFraction ?? null };
      if (d.kind === 'sessy') {
        const s = d.device as SessyDevice;
        const link = s.nomLink();
        return { ...common, ...battery, serial: s.identity.dongleSerial, strategy: s.strategy(), nomTargetW: link.answer?.targetW ?? null, nomAnswerAgeS: link.answer ? (nowMs - link.atMs) / 1000 : null };
      }
      return { ...common, ...battery };
    }),
    nom: exchange ? { posts: exchange.counts.posts, failures: exchange.counts.failures } : null,
  };
}
