// The controls: each one is a /_sim/ operation, sent exactly as a script would send it.

/** A starting point for each fault type's JSON (any field of POST /_sim/faults may be edited in). */
export const FAULT_TEMPLATES = {
  error: { type: 'error', status: 500, rate: 1, scope: { path: '*', count: 5 } },
  latency: { type: 'latency', latency: { distribution: 'fixed', ms: 800 }, scope: { path: '*', durationS: 600 } },
  reset: { type: 'reset', rate: 1, scope: { path: '*', count: 3 } },
  truncate: { type: 'truncate', keepFraction: 0.5, rate: 1, scope: { path: '*', count: 3 } },
  trickle: { type: 'trickle', bytesPerSecond: 200, rate: 1, scope: { path: '*', count: 3 } },
  unavailable: { type: 'unavailable', scope: { path: '*', durationS: 60 } },
  'network-loss': { type: 'network-loss', scope: { path: '*', durationS: 600 } },
  'socket-exhaustion': { type: 'socket-exhaustion', maxConnections: 2, scope: { path: '*', durationS: 600 } },
  reboot: { type: 'reboot' },
};

const numberOrUndefined = (input) => (input.value.trim() === '' ? undefined : Number(input.value));

export function wireControls({ api, $, act }) {
  const on = (id, event, handler) =>
    $(id).addEventListener(event, (e) => {
      e.preventDefault();
      act(handler);
    });

  on('pause', 'click', () => api.post('/_sim/clock', { action: 'pause' }));
  on('resume', 'click', () => api.post('/_sim/clock', { action: 'resume' }));
  on('clock-form', 'submit', () => api.post('/_sim/clock', { speed: Number($('speed').value) }));
  on('advance-form', 'submit', () => api.post('/_sim/clock/advance', { seconds: Number($('advance-s').value) }));
  on('state-form', 'submit', () => {
    const patch = {};
    const soc = numberOrUndefined($('set-soc'));
    if (soc !== undefined) patch.soc = soc / 100;
    const load = numberOrUndefined($('set-load'));
    if (load !== undefined) patch.loadW = load;
    const pv = numberOrUndefined($('set-pv'));
    if (pv !== undefined) patch.pvW = pv;
    return api.post('/_sim/state', patch);
  });
  on('model-load-pv', 'click', () => api.post('/_sim/state', { loadW: null, pvW: null }));
  on('freq-form', 'submit', () => api.post('/_sim/state', { frequencyEvent: { dip: { minHz: Number($('dip-min').value), holdS: Number($('dip-hold').value) } } }));
  on('freq-clear', 'click', () => api.post('/_sim/state', { frequencyHz: null }));

  const spec = $('fault-spec');
  const template = () => {
    spec.value = JSON.stringify(FAULT_TEMPLATES[$('fault-type').value]);
  };
  $('fault-type').addEventListener('change', template);
  template();
  on('fault-form', 'submit', () => {
    let body;
    try {
      body = JSON.parse(spec.value);
    } catch {
      throw new Error('Failed to read the fault: the text is not JSON. Pick a type to start from its template.');
    }
    return api.post('/_sim/faults', body);
  });
  on('fault-clear', 'click', () => api.del('/_sim/faults'));

  $('scenario-file').addEventListener('change', async () => {
    const file = $('scenario-file').files[0];
    if (file) $('scenario-text').value = await file.text();
  });
  on('scenario-form', 'submit', () => api.post('/_sim/scenario', $('scenario-text').value, 'text/yaml'));
  on('reset', 'click', () => api.post('/_sim/reset', {}));
}
