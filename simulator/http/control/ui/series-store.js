// The plotted history, in columns, bounded: points closer together than the resolution are dropped, and when
// the store is full every other point goes and the resolution doubles. A week at any speed fits in
// MAX_POINTS points per series, so the page's memory stays flat however long it stays open.

export const SERIES = ['soc', 'batteryW', 'gridW', 'pvW', 'loadW', 'setpointW', 'freqHz'];
const MAX_POINTS = 6000;
/** Longest window offered [s]; older points are dropped. */
const MAX_SPAN_S = 7 * 86400;

/** The plotted values of one state event (a full /_sim/state or a per-second event). */
export function pointOf(state) {
  const tS = (state.simTimeMs ?? state.clock?.nowMs) / 1000;
  return {
    tS,
    soc: state.socFraction * 100,
    batteryW: state.batteryW,
    gridW: state.gridW,
    pvW: state.pvW,
    loadW: state.loadW,
    // Sessy: what its strategy asks of the battery; Homevolt: what the schedule in force commands.
    setpointW: state.wishW ?? state.batteryCommandW ?? null,
    freqHz: state.freqHz,
  };
}

export function createSeriesStore() {
  let t = [];
  let cols = Object.fromEntries(SERIES.map((k) => [k, []]));
  let resolutionS = 1;
  const store = {
    get resolutionS() {
      return resolutionS;
    },
    get length() {
      return t.length;
    },
    lastT: () => (t.length ? t[t.length - 1] : null),
    /** The finest spacing worth keeping for a window [s]: about 1500 points across it. */
    setWindow(windowS) {
      resolutionS = Math.max(1, Math.floor(windowS / 1500));
    },
    /**
     * Adds a point; returns false when it was thinned out or is older than the last one (the event stream lags
     * behind a polled state). A reset is for the caller to notice (clear()).
     */
    add(p) {
      if (!Number.isFinite(p.tS)) return false;
      const last = t.length ? t[t.length - 1] : null;
      if (last !== null && p.tS - last < resolutionS) return false;
      t.push(p.tS);
      for (const k of SERIES) cols[k].push(p[k] ?? null);
      if (t.length > MAX_POINTS) decimate();
      if (t[0] < p.tS - MAX_SPAN_S) dropBefore(p.tS - MAX_SPAN_S);
      return true;
    },
    clear() {
      t = [];
      cols = Object.fromEntries(SERIES.map((k) => [k, []]));
    },
    /** uPlot's data for [fromS, toS]: [t, ...series in SERIES order]. */
    window(fromS) {
      let i = 0;
      // Binary search for the first point in view.
      let hi = t.length;
      while (i < hi) {
        const mid = (i + hi) >> 1;
        if (t[mid] < fromS) i = mid + 1;
        else hi = mid;
      }
      return [t.slice(i), ...SERIES.map((k) => cols[k].slice(i))];
    },
  };
  function decimate() {
    const keep = (arr) => arr.filter((_, i) => i % 2 === 0 || i === arr.length - 1);
    t = keep(t);
    for (const k of SERIES) cols[k] = keep(cols[k]);
    resolutionS *= 2;
  }
  function dropBefore(fromS) {
    let i = 0;
    while (i < t.length && t[i] < fromS) i++;
    t = t.slice(i);
    for (const k of SERIES) cols[k] = cols[k].slice(i);
  }
  return store;
}
