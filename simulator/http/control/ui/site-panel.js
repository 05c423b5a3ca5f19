// The site panel, shown when this emulator is part of a site (its /_sim/state carries `site`): polls /_sim/site,
// shows the shared grid beside every device, plots the grid power beside the sum of the batteries' powers over
// simulated time, and sends each device's fault actions through /_sim/site/devices/{name}/faults (a page may only
// talk to its own emulator; the effect is that of the device's own /_sim/faults).
/* global uPlot */
import { timeTicks, utc } from './plots.js';
import { renderSiteDevices, renderSiteGrid } from './site-view.js';

/** Points kept for the plot: a week of one poll a second on a scaled clock would be far more than a plot shows. */
const KEEP = 20_000;

const FAULTS = {
  'off-network': { type: 'network-loss', scope: { path: '*' } },
  reboot: { type: 'reboot' },
};

export function createSitePanel({ api, elements, here, act, width }) {
  const { panel, grid, tbody, plot } = elements;
  const series = { t: [], gridW: [], batteriesW: [] };
  let last = null;
  const sitePlot = new uPlot(
    {
      width,
      height: 200,
      title: 'Site power (W)',
      tzDate: utc,
      scales: { x: { time: true }, W: {} },
      axes: [{ values: timeTicks }, { scale: 'W', size: 60 }],
      series: [{}, { label: 'grid (+ import)', stroke: '#d9534f', width: 1.5, scale: 'W' }, { label: 'batteries (+ discharge)', stroke: '#2b7bb9', width: 1.5, scale: 'W' }],
    },
    [[], [], []],
    plot,
  );

  const runAction = (name, action) =>
    act(() => {
      const path = `/_sim/site/devices/${encodeURIComponent(name)}/faults`;
      return action === 'clear-faults' ? api.del(path) : api.post(path, FAULTS[action]);
    });

  function add(site) {
    const tS = site.clock.nowMs / 1000;
    // A step back in time is a reset of the site: its history starts again.
    if (series.t.length > 0 && tS < series.t[series.t.length - 1]) for (const s of Object.values(series)) s.length = 0;
    if (series.t.length > 0 && tS === series.t[series.t.length - 1]) return;
    series.t.push(tS);
    series.gridW.push(site.grid.gridW);
    series.batteriesW.push(site.grid.batteriesW);
    if (series.t.length > KEEP) for (const s of Object.values(series)) s.splice(0, s.length - KEEP);
  }

  return {
    /** The last /_sim/site answer (for tests). */
    get last() {
      return last;
    },
    plot: sitePlot,
    /** Fetches and shows the site; `ownName` is this emulator's name in it; windowS the plots' window [s]. */
    async refresh(ownName, windowS) {
      const site = await api.get('/_sim/site');
      last = site;
      panel.hidden = false;
      add(site);
      renderSiteGrid(grid, site);
      renderSiteDevices(tbody, site, { ownName, here, act: runAction, token: () => api.token });
      const nowS = site.clock.nowMs / 1000;
      sitePlot.batch(() => {
        sitePlot.setData([series.t, series.gridW, series.batteriesW], false);
        sitePlot.setScale('x', { min: nowS - windowS, max: nowS });
      });
    },
    resize(w) {
      sitePlot.setSize({ width: w, height: sitePlot.height });
    },
  };
}
