// The dashboard's wiring: the event stream feeds the plots, polling feeds the device state, faults and the
// request log, and every control goes through /_sim/. Exposes window.battsimDashboard for tests and the bench.
import { createApi, takeTokenFromLocation } from './api.js';
import { wireControls } from './controls.js';
import { renderDeviceState, renderFaults } from './device-state.js';
import { createPlots } from './plots.js';
import { createRequestLog } from './request-log.js';
import { createSeriesStore, pointOf } from './series-store.js';
import { createSitePanel } from './site-panel.js';

/** Wall time between polls of the state, faults and log [ms]. */
const POLL_MS = 1000;
/** Longest wait before a redraw after new data [ms]: data arrives up to hundreds of times a second. */
const REDRAW_MS = 200;

const $ = (id) => document.getElementById(id);
const stats = { firstRenderMs: null, redraws: 0, maxRedrawMs: 0, lastRedrawMs: 0, events: 0, errors: 0 };

const api = createApi({
  base: new URL('../..', location.href).href.replace(/\/$/, ''),
  token: takeTokenFromLocation(location, history),
  askToken: () => window.prompt('This emulator needs its control token (--control-token):'),
});
const store = createSeriesStore();
const plotWidth = () => Math.max(320, $('plots-panel').clientWidth - 24);
const plots = createPlots({ power: $('plot-power'), soc: $('plot-soc'), freq: $('plot-freq') }, plotWidth());
let windowS = Number($('window').value);
let nowS = null;

function say(text, isError = false) {
  const m = $('message');
  m.textContent = text;
  m.className = isError ? 'error' : '';
}

let redrawTimer = null;
function redraw() {
  redrawTimer = null;
  if (nowS === null) return;
  const t0 = performance.now();
  plots.setData(store.window(nowS - windowS), nowS - windowS, nowS);
  const ms = performance.now() - t0;
  stats.redraws++;
  stats.lastRedrawMs = ms;
  stats.maxRedrawMs = Math.max(stats.maxRedrawMs, ms);
  // From the start of navigation: what a user waits for.
  if (stats.firstRenderMs === null) stats.firstRenderMs = performance.now();
}
function scheduleRedraw(now = false) {
  if (now) {
    if (redrawTimer !== null) clearTimeout(redrawTimer);
    requestAnimationFrame(redraw);
    redrawTimer = -1;
    return;
  }
  if (redrawTimer === null) redrawTimer = setTimeout(() => requestAnimationFrame(redraw), REDRAW_MS);
}

/** The time of the last event on the current stream [s]: events on one stream are in order, so a step back is a reset. */
let streamT = null;

function ingest(state, fromStream = false) {
  stats.events++;
  const p = pointOf(state);
  if (!Number.isFinite(p.tS)) return;
  if (fromStream) {
    if (streamT !== null && p.tS < streamT) {
      nowS = null;
      store.clear();
      requestLog.clear();
    }
    streamT = p.tS;
  }
  // A polled state may arrive after later events on the stream: older points are not plotted.
  if (nowS !== null && p.tS < nowS) return;
  nowS = p.tS;
  store.add(p);
  // The first data is drawn at once: that is what a user waits for.
  scheduleRedraw(stats.firstRenderMs === null);
}

// The event stream, thinned by the emulator (everyS) where it can and by the store in any case.
let streamAbort = null;
async function openStream() {
  streamAbort?.abort();
  const abort = new AbortController();
  streamAbort = abort;
  for (let delayMs = 500; !abort.signal.aborted; delayMs = Math.min(delayMs * 2, 10_000)) {
    try {
      streamT = null;
      await api.stream(`/_sim/events?everyS=${store.resolutionS}`, (state) => ingest(state, true), abort.signal);
    } catch (e) {
      if (abort.signal.aborted) return;
      stats.errors++;
      say(`event stream: ${e.message}; retrying`, true);
    }
    await new Promise((r) => setTimeout(r, delayMs));
  }
}

function clockText(state) {
  const c = state.clock;
  const speed = c.mode === 'manual' ? 'manual clock' : c.paused ? `paused (speed ${c.speed})` : `speed ${c.speed}`;
  return `simulated ${c.now.replace('T', ' ').slice(0, 19)} UTC · ${speed} · ${state.faults} fault${state.faults === 1 ? '' : 's'}`;
}

async function refresh() {
  const faults = api.get('/_sim/faults');
  const state = await api.get('/_sim/state');
  // Plotted before the rest arrives: the first render waits for nothing else.
  ingest(state);
  $('device-name').textContent = `${state.device} · firmware ${state.firmware}`;
  document.title = `battsim ${state.device}`;
  $('clock-line').textContent = clockText(state);
  $('advance-form').hidden = state.clock.mode !== 'manual';
  $('clock-form').hidden = state.clock.mode === 'manual';
  renderDeviceState($('device-state'), state);
  renderFaults($('fault-list'), (await faults).faults, (id) => act(() => api.del(`/_sim/faults/${encodeURIComponent(id)}`)));
  // Part of a site: the site's panel (a device alone has no /_sim/site, and its state no `site`).
  if (state.site) {
    sitePanel ??= createSitePanel({ api, elements: { panel: $('site-panel'), grid: $('site-grid'), tbody: $('site-devices').tBodies[0], plot: $('plot-site') }, here: location, act, width: sitePlotWidth() });
    await sitePanel.refresh(state.site.name, windowS);
  }
  await requestLog.poll();
}

let sitePanel = null;
const sitePlotWidth = () => Math.max(320, $('plots-panel').clientWidth - 24 - 360);

/** Runs a control, then refreshes; shows the emulator's own message on failure. */
async function act(operation) {
  try {
    await operation();
    say('');
  } catch (e) {
    say(e.message, true);
  }
  await refresh().catch((e) => say(e.message, true));
}

const requestLog = createRequestLog({
  api,
  elements: {
    tbody: $('log').tBodies[0],
    pathInput: $('log-path'),
    statusSelect: $('log-status'),
    count: $('log-count'),
    detail: $('log-detail'),
    detailTitle: $('detail-title'),
    detailRequest: $('detail-request'),
    detailResponse: $('detail-response'),
  },
  onPick: (tS) => {
    plots.setMarker(tS);
    $('clear-marker').hidden = false;
    // Outside the window: widen it to the smallest one that shows the request.
    if (nowS !== null && tS < nowS - windowS) {
      const wider = [...$('window').options].map((o) => Number(o.value)).find((w) => w >= nowS - tS);
      if (wider !== undefined) setWindow(wider);
    }
  },
});

function setWindow(seconds) {
  windowS = seconds;
  $('window').value = String(seconds);
  store.setWindow(seconds);
  scheduleRedraw(true);
  void openStream();
}

$('window').addEventListener('change', () => setWindow(Number($('window').value)));
$('clear-marker').addEventListener('click', () => {
  plots.setMarker(null);
  $('clear-marker').hidden = true;
});
window.addEventListener('resize', () => {
  plots.resize(plotWidth());
  sitePanel?.resize(sitePlotWidth());
});
wireControls({ api, $, act });

window.battsimDashboard = {
  stats,
  store,
  plots,
  ingest,
  refresh,
  setWindow,
  requestLog,
  get site() {
    return sitePanel;
  },
};

store.setWindow(windowS);
refresh()
  .catch((e) => say(e.message, true))
  .finally(() => {
    void openStream();
    setInterval(() => refresh().catch((e) => say(e.message, true)), POLL_MS);
  });
