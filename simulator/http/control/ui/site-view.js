// The site as /_sim/site reports it: the shared grid (total and per phase, the meter's target) and one row per
// device with its power, SOC, strategy or NOM share, whether it is on its network, and its faults. Rows are kept
// by device name and updated in place, so that their links and buttons stay put between polls.

const W = (v) => (typeof v === 'number' ? `${Math.round(v)} W` : '—');
const pct = (v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : '—');
/** A meter rebooted this recently says so [s]. */
const RECENT_REBOOT_S = 60;
/** A dongle in NOM whose last answer from the meter is older than this says so [s] (it idles after 10 s, docs/sessy.md §6.1). */
const STALE_ANSWER_S = 10;

/** The device's own dashboard: its port on the host name this page was opened with (a site's devices share one address). */
export function dashboardUrl(deviceUrl, here) {
  const u = new URL(deviceUrl);
  u.hostname = here.hostname;
  u.pathname = '/_sim/ui/';
  return u.href;
}

export function renderSiteGrid(dl, site) {
  const g = site.grid;
  const meter = site.devices.find((d) => d.kind === 'sessy-meter');
  const rows = [
    ['grid (+ import)', W(g.gridW)],
    ['per phase', Array.isArray(g.gridPhaseW) ? g.gridPhaseW.map((w, i) => `L${i + 1} ${W(w)}`).join(' · ') : '—'],
    ['grid target (meter)', meter ? W(meter.gridTargetW) : 'no meter'],
    ['batteries (+ discharge)', W(g.batteriesW)],
    ['household', W(g.loadW)],
    ['PV', W(g.pvW)],
    ['NOM posts', site.nom ? `${site.nom.posts} (${site.nom.failures} failed)` : '—'],
  ];
  const frag = document.createDocumentFragment();
  for (const [name, value] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value;
    frag.append(dt, dd);
  }
  dl.replaceChildren(frag);
}

/** What is wrong with the device, in words (empty when nothing is). */
function conditionOf(d) {
  const said = [];
  if (!d.online) said.push('off the network');
  if (d.kind === 'sessy-meter') {
    if (d.p1State !== 'P1_OK') said.push(`no P1 telegram (${d.p1State})`);
    if (d.uptimeS < RECENT_REBOOT_S) said.push(`meter rebooted ${Math.floor(d.uptimeS)} s ago`);
  }
  if (d.kind === 'sessy' && d.strategy === 'POWER_STRATEGY_NOM' && (d.nomAnswerAgeS === null || d.nomAnswerAgeS > STALE_ANSWER_S)) said.push('no answer from the meter');
  return said.join(' · ');
}

function cellsOf(d) {
  const faults = d.faults.map((f) => `${f.id}: ${f.type}${f.path === '*' ? '' : ` on ${f.path}`}`).join(', ');
  if (d.kind === 'sessy-meter') {
    return { power: `grid ${W(d.gridW)}`, soc: '—', mode: d.p1State, share: `${d.dongles.length} dongle${d.dongles.length === 1 ? '' : 's'} known`, condition: conditionOf(d), faults };
  }
  const share = d.kind === 'sessy' && d.nomTargetW !== null ? W(d.nomTargetW) : '—';
  const mode = d.kind === 'sessy' ? d.strategy.replace('POWER_STRATEGY_', '') : '—';
  return { power: W(d.powerW), soc: pct(d.socFraction), mode, share, condition: conditionOf(d), faults };
}

/**
 * Updates the device table: a row per device, keyed by name. `act(name, action)` runs a fault action
 * ('off-network', 'reboot' or 'clear-faults') on that device; `token()` is the control token in use, or null.
 */
export function renderSiteDevices(tbody, site, { ownName, here, act, token }) {
  const names = site.devices.map((d) => d.name).join('\n');
  if (tbody.dataset.names !== names) {
    tbody.replaceChildren(...site.devices.map((d) => newRow(d, ownName, here, act, token)));
    tbody.dataset.names = names;
  }
  site.devices.forEach((d, i) => {
    const row = tbody.rows[i];
    const cells = cellsOf(d);
    for (const [key, text] of Object.entries(cells)) row.querySelector(`[data-cell="${key}"]`).textContent = text;
    row.classList.toggle('faulted', cells.condition !== '' || d.faults.length > 0);
    row.querySelector('[data-action="off-network"]').hidden = !d.online || d.kind === 'sessy-meter';
    row.querySelector('[data-action="clear-faults"]').hidden = d.faults.length === 0;
  });
}

function newRow(d, ownName, here, act, token) {
  const tr = document.createElement('tr');
  tr.dataset.device = d.name;
  const name = document.createElement('td');
  const link = document.createElement('a');
  link.href = dashboardUrl(d.url, here);
  link.textContent = d.name;
  // The site's devices share one control token: the link takes it along in the fragment only when followed, so
  // it is never in the page (the other page takes it from there as this one did).
  link.addEventListener('click', (e) => {
    const t = token();
    if (t === null || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    here.assign(`${link.href}#token=${encodeURIComponent(t)}`);
  });
  name.append(link);
  if (d.name === ownName) name.append(' (this page)');
  const kind = document.createElement('td');
  kind.textContent = d.kind;
  tr.append(name, kind);
  for (const key of ['power', 'soc', 'mode', 'share', 'condition', 'faults']) {
    const td = document.createElement('td');
    td.dataset.cell = key;
    tr.append(td);
  }
  const actions = document.createElement('td');
  const button = (action, text, title) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.action = action;
    b.textContent = text;
    b.title = title;
    b.addEventListener('click', () => act(d.name, action));
    return b;
  };
  actions.append(button('off-network', 'off the network', 'a network-loss fault on every path (POST /_sim/faults on this device)'));
  if (d.kind === 'sessy-meter' || d.kind === 'sessy') actions.append(button('reboot', 'reboot', 'a reboot fault on this device'));
  actions.append(button('clear-faults', 'clear faults', 'remove every fault of this device'));
  tr.append(actions);
  return tr;
}
