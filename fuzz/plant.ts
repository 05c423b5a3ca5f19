/**
 * Plants known secrets through the recorders, once per encoding a client really uses: Basic passwords, the control
 * token (as a Bearer and as X-Battsim-Token), Homevolt's ems_psk as a urlencoded form, multipart (the Homey app),
 * text/plain, no Content-Type and a console param_set, and a Wi-Fi password as JSON, as JSON sent as a form and as
 * JSON sent as octet-stream. Each encoding gets its own value, so a leak names the encoding that leaked it.
 */
import type { DeviceName } from './cases.ts';
import type { WireCredentials } from './request-bytes.ts';

export interface PlantedSecrets {
  readonly values: {
    readonly sessyPassword: string;
    readonly homevoltPassword: string;
    readonly controlToken: string;
    readonly pskForm: string;
    readonly pskMultipart: string;
    readonly pskTextPlain: string;
    readonly pskUntyped: string;
    readonly pskConsole: string;
    readonly wifiJson: string;
    readonly wifiJsonAsForm: string;
    readonly wifiJsonAsOctets: string;
  };
  /** Label → value, for the scan. */
  readonly byLabel: Readonly<Record<string, string>>;
}

/**
 * Recorder gaps a run tolerates, by label of PlantedSecrets.values (or `controlToken@x-battsim-token` for the
 * token found in that header). None: the recorder redacts every encoding the fuzzer plants.
 */
export const KNOWN_RECORDER_GAPS: ReadonlySet<string> = new Set();

const basic = (c: WireCredentials): string => `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}`;

export async function plantSecrets(secrets: PlantedSecrets, recorderUrl: Record<DeviceName, string>, credentials: Record<DeviceName, WireCredentials>): Promise<void> {
  const s = secrets.values;
  const hv = recorderUrl.homevolt;
  const hvAuth = { authorization: basic(credentials.homevolt) };
  const send = async (url: string, init: RequestInit): Promise<void> => {
    const r = await fetch(url, init);
    await r.arrayBuffer();
  };
  await send(`${recorderUrl.sessy}/api/v1/power/active_strategy`, { headers: { authorization: basic(credentials.sessy) } });
  await send(`${hv}/status.json`, { headers: hvAuth });
  await send(`${recorderUrl.sessy}/_sim/state`, { headers: { authorization: `Bearer ${s.controlToken}` } });
  await send(`${hv}/_sim/state`, { headers: { 'x-battsim-token': s.controlToken } });
  await send(`${hv}/params.json`, { method: 'POST', headers: { ...hvAuth, 'content-type': 'application/x-www-form-urlencoded' }, body: `k=ems_psk&v=${s.pskForm}&store=0` });
  const form = new FormData();
  form.set('k', 'ems_psk');
  form.set('v', s.pskMultipart);
  await send(`${hv}/params.json`, { method: 'POST', headers: hvAuth, body: form });
  await send(`${hv}/params.json`, { method: 'POST', headers: { ...hvAuth, 'content-type': 'text/plain' }, body: `k=ems_psk&v=${s.pskTextPlain}` });
  await send(`${hv}/params.json`, { method: 'POST', headers: hvAuth, body: new Blob([`k=ems_psk&v=${s.pskUntyped}`]) });
  await send(`${hv}/console.json`, { method: 'POST', headers: { ...hvAuth, 'content-type': 'application/x-www-form-urlencoded' }, body: `cmd=${encodeURIComponent(`param_set ems_psk ${s.pskConsole}`)}` });
  await send(`${hv}/params.json`, { headers: hvAuth });
  const wifi = (pass: string): string => JSON.stringify({ ssid: 'home', pass });
  const sessyAuth = { authorization: basic(credentials.sessy) };
  await send(`${recorderUrl.sessy}/api/v1/wifi_sta/credentials`, { method: 'POST', headers: { ...sessyAuth, 'content-type': 'application/json' }, body: wifi(s.wifiJson) });
  await send(`${recorderUrl.sessy}/api/v1/wifi_sta/credentials`, { method: 'POST', headers: { ...sessyAuth, 'content-type': 'application/x-www-form-urlencoded' }, body: wifi(s.wifiJsonAsForm) });
  await send(`${recorderUrl.sessy}/api/v1/wifi_sta/credentials`, { method: 'POST', headers: { ...sessyAuth, 'content-type': 'application/octet-stream' }, body: wifi(s.wifiJsonAsOctets) });
}

/** A found secret's gap name: its label, or `controlToken@x-battsim-token` when the token sat in that header. */
export function gapOf(hit: { readonly label: string; readonly where: string }): string {
  return hit.label === 'controlToken' && hit.where.includes('[x-battsim-token]') ? 'controlToken@x-battsim-token' : hit.label;
}
