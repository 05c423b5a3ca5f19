// The device's state as /_sim/state reports it: Sessy's strategy, system state and its reasons; Homevolt's
// schedule, local mode and units; the meter's P1 state, grid target and dongles; the firmware; and the faults in
// force from /_sim/faults.

const W = (v) => (typeof v === 'number' ? `${Math.round(v)} W` : '—');
const pct = (v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : '—');

function rowsOf(s) {
  if (s.device === 'sessy-meter') {
    return [
      ['firmware', s.firmware],
      ['variant', s.variant],
      ['P1 state', s.p1State],
      ['grid', W(s.gridW)],
      ['per phase', Array.isArray(s.gridPhaseW) ? s.gridPhaseW.map((w, i) => `L${i + 1} ${W(w)}`).join(' · ') : '—'],
      ['grid target', W(s.gridTargetW)],
      ['PV', W(s.pvW)],
      ['household', W(s.loadW)],
      ['dongles (NOM)', s.nom && Array.isArray(s.nom.dongles) ? s.nom.dongles.map((d) => `${d.uniqueId}: ${W(d.powerW)} → ${W(d.powerTargetW)}`).join(' · ') || 'none' : '—'],
      ['uptime', `${Math.floor(s.uptimeS)} s`],
    ];
  }
  const common = [
    ['firmware', s.firmware],
    ['state of charge', pct(s.socFraction)],
    ['battery', W(s.batteryW)],
    ['grid', W(s.gridW)],
    ['PV', W(s.pvW)],
    ['household', W(s.loadW)],
    ['frequency', typeof s.freqHz === 'number' ? `${s.freqHz.toFixed(3)} Hz` : '—'],
    ['grid code', s.gridCodeMode],
  ];
  if (s.device === 'sessy') {
    return [
      ['strategy', s.strategy],
      ['system state', s.systemState],
      ['reason', s.systemStateDetails || '—'],
      ['setpoint (strategy)', W(s.wishW)],
      ['API setpoint', W(s.apiSetpointW)],
      ...common,
      ['uptime', `${Math.floor(s.uptimeS)} s`],
    ];
  }
  const sched = s.activeSchedule;
  return [
    ['availability', s.availability],
    ['local mode', String(s.localMode)],
    ['schedule', s.scheduleId ?? '—'],
    ['entry in force', sched ? `#${sched.id} type ${sched.type}${sched.setpointW === null ? '' : `, setpoint ${sched.setpointW} W`}` : 'none'],
    ['battery command', W(s.batteryCommandW)],
    ...common,
    ['units', Array.isArray(s.units) ? s.units.map((u) => `${u.ecuId}: ${W(u.powerW)}`).join(' · ') : '—'],
  ];
}

export function renderDeviceState(dl, state) {
  const frag = document.createDocumentFragment();
  for (const [name, value] of rowsOf(state)) {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value === undefined || value === null ? '—' : String(value);
    frag.append(dt, dd);
  }
  dl.replaceChildren(frag);
}

export function renderFaults(ul, faults, onRemove) {
  const frag = document.createDocumentFragment();
  if (faults.length === 0) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = 'none';
    frag.append(li);
  }
  for (const f of faults) {
    const li = document.createElement('li');
    const scope = f.scope && f.scope.path !== '*' ? ` on ${f.scope.path}` : '';
    const extra = f.type === 'error' ? ` ${f.status}` : '';
    li.textContent = `${f.id}: ${f.type}${extra}${scope} · ${f.hits} hit${f.hits === 1 ? '' : 's'} `;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'remove';
    button.addEventListener('click', () => onRemove(f.id));
    li.append(button);
    frag.append(li);
  }
  ul.replaceChildren(frag);
}
