// Three uPlot charts over the same simulated-time axis, cursors in sync: power (battery, grid, PV, household,
// setpoint in force), state of charge, grid frequency. A marker shows the moment of a request picked in the log.
/* global uPlot */

const COLORS = { batteryW: '#2b7bb9', gridW: '#d9534f', pvW: '#e0a800', loadW: '#6c757d', setpointW: '#8e44ad', soc: '#2e8b57', freqHz: '#b85c00' };

export function utc(tS) {
  return uPlot.tzDate(new Date(tS * 1000), 'Etc/UTC');
}

const two = (n) => String(n).padStart(2, '0');
/** 24-hour tick labels in UTC; a tick at midnight shows the date. */
export function timeTicks(_u, ticks) {
  return ticks.map((tS) => {
    const d = new Date(tS * 1000);
    const hm = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    return hm === '00:00' ? `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}` : hm;
  });
}

export function createPlots({ power, soc, freq }, width) {
  let markerS = null;
  const markerPlugin = {
    hooks: {
      draw: (u) => {
        if (markerS === null) return;
        const x = u.valToPos(markerS, 'x', true);
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = '#e83e8c';
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.restore();
      },
    },
  };
  const common = (height) => ({
    width,
    height,
    tzDate: utc,
    cursor: { sync: { key: 'battsim' } },
    legend: { live: true },
    plugins: [markerPlugin],
  });
  const line = (label, key, scale, extra = {}) => ({ label, stroke: COLORS[key], width: 1.5, scale, spanGaps: false, ...extra });
  const empty = (n) => [[], ...Array.from({ length: n }, () => [])];

  const powerPlot = new uPlot(
    {
      ...common(260),
      title: 'Power (W)',
      scales: { x: { time: true }, W: {} },
      axes: [{ values: timeTicks }, { scale: 'W', size: 60 }],
      series: [
        {},
        line('battery', 'batteryW', 'W'),
        line('grid', 'gridW', 'W'),
        line('PV', 'pvW', 'W'),
        line('household', 'loadW', 'W'),
        line('setpoint', 'setpointW', 'W', { dash: [6, 4] }),
      ],
    },
    empty(5),
    power,
  );
  const socPlot = new uPlot(
    { ...common(150), title: 'State of charge (%)', scales: { x: { time: true }, pct: { range: [0, 100] } }, axes: [{ values: timeTicks }, { scale: 'pct', size: 60 }], series: [{}, line('SOC', 'soc', 'pct')] },
    empty(1),
    soc,
  );
  const freqPlot = new uPlot(
    { ...common(150), title: 'Grid frequency (Hz)', scales: { x: { time: true }, Hz: { range: (_u, min, max) => [Math.min(min, 49.9), Math.max(max, 50.1)] } }, axes: [{ values: timeTicks }, { scale: 'Hz', size: 60 }], series: [{}, line('frequency', 'freqHz', 'Hz')] },
    empty(1),
    freq,
  );
  const all = [powerPlot, socPlot, freqPlot];

  return {
    plots: all,
    /** data: [t, soc, batteryW, gridW, pvW, loadW, setpointW, freqHz]; the x range is the window. */
    setData(data, fromS, toS) {
      const [t, socS, bat, grid, pv, load, sp, hz] = data;
      const range = { min: fromS, max: toS };
      powerPlot.batch(() => {
        powerPlot.setData([t, bat, grid, pv, load, sp], false);
        powerPlot.setScale('x', range);
      });
      socPlot.batch(() => {
        socPlot.setData([t, socS], false);
        socPlot.setScale('x', range);
      });
      freqPlot.batch(() => {
        freqPlot.setData([t, hz], false);
        freqPlot.setScale('x', range);
      });
    },
    setMarker(tS) {
      markerS = tS;
      for (const p of all) p.redraw(false);
    },
    resize(w) {
      for (const p of all) p.setSize({ width: w, height: p.height });
    },
  };
}
