/** Drives a client session over HTTP and keeps every answer as bytes, to compare a recording with its replay. */
export interface SessionRequest {
  readonly method?: string;
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
  /** Authorization header value; none when absent. */
  readonly auth?: string;
}

export interface SessionAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string | null;
  readonly body: Buffer;
}

export async function send(baseUrl: string, r: SessionRequest): Promise<SessionAnswer> {
  const headers: Record<string, string> = {};
  if (r.auth) headers['authorization'] = r.auth;
  if (r.body !== undefined) headers['content-type'] = r.contentType ?? 'application/json';
  const res = await fetch(baseUrl + r.path, { method: r.method ?? 'GET', headers, ...(r.body !== undefined ? { body: r.body } : {}) });
  return { status: res.status, statusText: res.statusText, contentType: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

export async function advanceSim(emulatorUrl: string, seconds: number): Promise<void> {
  const res = await fetch(`${emulatorUrl}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds }) });
  if (!res.ok) throw new Error(`advancing the emulator failed: ${res.status} ${await res.text()}`);
}
