// Talks to this emulator's /_sim/ operations, the same ones any client uses. With a control token the page
// reads it from the URL fragment (#token=…, never sent to a server or written to a log), drops it from the
// address bar, and sends it as X-Battsim-Token; without a fragment it asks once when a request gets 401.

/** Reads the token from the fragment and removes it from the address bar. */
export function takeTokenFromLocation(location, history) {
  const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (!match) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return decodeURIComponent(match[1]);
}

export class ControlApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function createApi({ base, token, askToken }) {
  let current = token;
  const headers = (extra) => ({ ...(current ? { 'x-battsim-token': current } : {}), ...extra });

  async function request(method, path, body, contentType = 'application/json') {
    for (let attempt = 0; ; attempt++) {
      const init = { method, headers: headers(body === undefined ? {} : { 'content-type': contentType }) };
      if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await fetch(base + path, init);
      if (res.status === 401 && attempt === 0 && askToken) {
        const given = askToken();
        if (given) {
          current = given;
          continue;
        }
      }
      const text = await res.text();
      const json = text === '' ? null : JSON.parse(text);
      if (!res.ok) {
        const error = json?.error ? json.error : { code: 'HTTP_' + res.status, message: text };
        throw new ControlApiError(res.status, error.code, error.message);
      }
      return json;
    }
  }

  /**
   * Server-Sent Events over fetch (EventSource cannot send the token header). Calls onEvent(data) for every
   * "state" event until the signal aborts; resolves when the stream ends.
   */
  async function stream(path, onEvent, signal) {
    const res = await fetch(base + path, { headers: headers({ accept: 'text/event-stream' }), signal });
    if (!res.ok || !res.body) throw new ControlApiError(res.status, 'HTTP_' + res.status, 'Failed to open the event stream.');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let data = '';
        for (const line of block.split('\n')) if (line.startsWith('data: ')) data += line.slice(6);
        if (data !== '') onEvent(JSON.parse(data));
      }
    }
  }

  return {
    /** The control token in use, or null: the site panel's links carry it to the other devices' pages. */
    get token() {
      return current;
    },
    get: (path) => request('GET', path),
    post: (path, body, contentType) => request('POST', path, body ?? {}, contentType),
    del: (path) => request('DELETE', path),
    stream,
  };
}
