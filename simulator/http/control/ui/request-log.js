// The request log: polled incrementally from /_sim/log?after=<seq>, bodies already redacted by the emulator,
// filtered here by path and status; a click shows the bodies and marks the request's moment on the plots.

/** Entries kept in the page; the emulator's own log may keep more (--log-entries). */
const KEEP = 500;

function pathMatches(pattern, url) {
  const path = url.split('?')[0];
  if (pattern === '' || pattern === '*') return true;
  if (!pattern.includes('*')) return path.startsWith(pattern);
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(path);
}

function statusMatches(filter, status) {
  if (filter === '') return true;
  if (filter === 'none') return status === null;
  return status !== null && Math.floor(status / 100) === Number(filter[0]);
}

function simTimeText(ms) {
  return new Date(ms).toISOString().slice(5, 19).replace('T', ' ');
}

function bodyText(b) {
  if (b === null) return '(none)';
  if (b.encoding === 'base64') return `(${b.contentType || 'binary'}, ${Math.round((b.body.length * 3) / 4)} bytes, not shown)`;
  if (/json/.test(b.contentType) || /^[[{]/.test(b.body)) {
    try {
      return JSON.stringify(JSON.parse(b.body), null, 2);
    } catch {
      /* not JSON after all: shown as sent */
    }
  }
  return b.body;
}

export function createRequestLog({ api, elements, onPick }) {
  const { tbody, pathInput, statusSelect, count, detail, detailTitle, detailRequest, detailResponse } = elements;
  let entries = [];
  let lastSeq = 0;
  let selected = null;

  function render() {
    const path = pathInput.value.trim();
    const status = statusSelect.value;
    const shown = entries.filter((e) => pathMatches(path, e.url) && statusMatches(status, e.status));
    const rows = document.createDocumentFragment();
    for (let i = shown.length - 1; i >= 0; i--) {
      const e = shown[i];
      const tr = document.createElement('tr');
      tr.dataset.seq = String(e.seq);
      if (selected === e.seq) tr.className = 'selected';
      if (e.status === null || e.status >= 400) tr.classList.add('failed');
      for (const text of [simTimeText(e.simTimeMs), e.method, e.url, e.status === null ? '—' : String(e.status), e.durationMs.toFixed(1), e.faults.join(', ')]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      tr.addEventListener('click', () => pick(e));
      rows.appendChild(tr);
    }
    tbody.replaceChildren(rows);
    count.textContent = `${shown.length} of ${entries.length} requests`;
  }

  function pick(e) {
    selected = e.seq;
    detail.hidden = false;
    detailTitle.textContent = `#${e.seq} ${e.method} ${e.url} → ${e.status === null ? 'no answer' : e.status} at ${new Date(e.simTimeMs).toISOString()}${e.faults.length ? ` (faults ${e.faults.join(', ')})` : ''}`;
    detailRequest.textContent = bodyText(e.request);
    detailResponse.textContent = bodyText(e.response);
    render();
    onPick(e.simTimeMs / 1000);
  }

  pathInput.addEventListener('input', render);
  statusSelect.addEventListener('change', render);

  return {
    /** Fetches what is new; a reset (sequence numbers keep rising) shows as entries older than the page's clock. */
    async poll() {
      const { requests } = await api.get(`/_sim/log?after=${lastSeq}&limit=${KEEP}`);
      if (requests.length === 0) return false;
      lastSeq = requests[requests.length - 1].seq;
      entries = entries.concat(requests);
      if (entries.length > KEEP) entries = entries.slice(entries.length - KEEP);
      render();
      return true;
    },
    clear() {
      entries = [];
      selected = null;
      detail.hidden = true;
      render();
    },
    entries: () => entries,
  };
}
