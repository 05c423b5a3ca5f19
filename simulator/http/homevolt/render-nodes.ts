/**
 * The 868 MHz side: /nodes.json, /node_metrics.json, /node_data.json, /ct.json, /ct_history.json,
 * /ecu_sense.json, /mains_data.json, /warp_ping.json, /wifiscan.json (docs/homevolt.md §3.8–3.11, §3.13).
 */
import type { HomevoltView } from '../../devices/homevolt/index.ts';
import type { CtNodeIdentity } from '../../devices/homevolt/identity.ts';
import { efrTicks } from './render-status.ts';
import { r2 } from './wire-units.ts';

type Json = Record<string, unknown>;

export function ctNodes(v: HomevoltView): readonly { readonly node: CtNodeIdentity; readonly fn: 'grid' | 'solar' }[] {
  return [
    { node: v.identity.grid, fn: 'grid' },
    { node: v.identity.solar, fn: 'solar' },
  ];
}

export function findCtNode(v: HomevoltView, nodeId: number): { node: CtNodeIdentity; fn: 'grid' | 'solar' } | undefined {
  return ctNodes(v).find((n) => n.node.nodeId === nodeId);
}

const sinceSampleMs = (v: HomevoltView, n: CtNodeIdentity): number => ((v.tMs - n.phaseMs) % 1000 + 1000) % 1000;

export function renderNodes(v: HomevoltView): Json[] {
  return ctNodes(v).map(({ node }) => ({
    node_id: node.nodeId,
    product_id: 53456,
    product_model: 'TBF01',
    eui: node.euid,
    version: node.version,
    warp_version: 1,
    average_rssi: node.rssiDbm,
    rssi: node.rssiDbm,
    average_lqi: node.lqi,
    lqi: 255,
    pdr: 100,
    last_seen_ms: Math.floor(sinceSampleMs(v, node)),
    last_data_ms: Math.floor(sinceSampleMs(v, node)) + 3,
    available: true,
    ota_upload_state: 'idle',
    ota_distribute_status: 'up2date',
    paired: true,
    advertise_sent: false,
    model: 'tibber-pulse-clamp-node-efr32-fg23',
    ota_tag: 223,
    manifest_version: node.version,
  }));
}

export function renderNodeMetrics(v: HomevoltView, node: CtNodeIdentity): Json {
  // Counters over the last 300 s: one message a second on battery nodes, one per 5 s on USB nodes.
  const msgs = node.usbPower ? 61 : 301;
  return {
    node: {
      node_id: node.nodeId,
      timestamp: Math.floor(v.tMs / 1000),
      node_version: 0,
      bootloader_version: 33554435,
      battery_voltage: node.usbPower ? 2.96 : 2.73,
      temperature: r2(v.units[0]!.sysTempC - 3),
      avg_rssi: r2(node.rssiDbm + 0.22),
      avg_lqi: 255,
      radio_tx_power: 200,
      node_uptime: Math.floor(v.upTimeMs / 1000) + 7_000_000,
      meter_msg_count_sent: msgs,
      meter_pkg_count_sent: msgs,
      meter_msg_count_received: msgs,
      meter_pkg_count_received: msgs,
      time_in_em0_ms: 4805,
      time_in_em1_ms: 1003,
      time_in_em2_ms: 295271,
      meter_mode: 0,
      usb_power: node.usbPower,
      timesync_clock_drift: 327679,
    },
    hub: { meter_pkg_count_sent: 0, meter_msg_count_sent: 0, meter_pkg_count_received: msgs, meter_msg_count_received: msgs, meter_corrupt_reading_count_received: 0 },
    packet_delivery_rate: 100,
  };
}

function clampPhaseW(v: HomevoltView, fn: 'grid' | 'solar'): number[] {
  return fn === 'grid' ? [...v.gridPhaseW] : [v.pvW / 3, v.pvW / 3, v.pvW / 3];
}

export function renderCt(v: HomevoltView, node: CtNodeIdentity, fn: 'grid' | 'solar'): Json {
  const ts = Math.floor((v.tMs - node.phaseMs) / 1000) * 1000 + node.phaseMs;
  const volts = r2(v.phaseVoltageV[0] ?? 230);
  const pf = fn === 'grid' ? 0.95 : 0.99;
  const perPhase = clampPhaseW(v, fn);
  const imp = fn === 'grid' ? v.gridImportWh / 1000 : 0;
  const exp = fn === 'grid' ? v.gridExportWh / 1000 : v.pvProducedWh / 1000;
  const ct = perPhase.map((p, i) => ({
    ts,
    amps: r2(Math.abs(p) / volts / pf),
    volts,
    deg: r2((Math.acos(pf) * 180) / Math.PI),
    ceb: 0,
    csb: 0,
    pf: p === 0 ? 0 : pf,
    va: r2(Math.abs(p) / pf),
    pwr: r2(p),
    line: [0, 240, 120][i]!,
    imp: r2(imp / 3),
    exp: r2(exp / 3),
  }));
  return { bs: 2348843008, cs: 2348843008, beb: 0, ct, tpw: Math.round(perPhase.reduce((a, b) => a + b, 0)), imp: r2(imp), exp: r2(exp) };
}

/** Opaque node payload: the Pulse family sends raw meter bytes here (docs/homevolt.md §3.8) – three int32 LE watts. */
export function renderNodeData(v: HomevoltView, fn: 'grid' | 'solar'): Buffer {
  const buf = Buffer.alloc(12);
  clampPhaseW(v, fn).forEach((w, i) => buf.writeInt32LE(Math.round(w), i * 4));
  return buf;
}

export function renderEcuSense(v: HomevoltView): Json[] {
  return ctNodes(v).map(({ node, fn }) => ({
    node_euid: node.euid,
    interface: 7,
    interface_names: ['L1', 'L2', 'L3'],
    function: fn === 'grid' ? 1 : 2,
    function_name: fn,
    label: '',
  }));
}

export function renderMainsData(v: HomevoltView): Json {
  const rms = v.phaseVoltageV[0] ?? 230;
  return {
    timestamp: efrTicks(v),
    peak_index: 95,
    signal_voltage: 0,
    mains_voltage: r2(rms * Math.SQRT2),
    mains_voltage_rms: r2(rms),
    average_voltage: r2((rms * 2 * Math.SQRT2) / Math.PI / 2),
    frequency: r2(v.freqHz),
    avg_max: 3838,
    avg_min: 0,
    noise: 0,
    mains_adc_buffer: [],
  };
}

export function renderWarpPing(v: HomevoltView): Json[] {
  return ctNodes(v).map(({ node }, index) => ({
    type: 'outgoing_ping',
    source: 0,
    destination: node.nodeId,
    flags: 8,
    index,
    ping_send_timestamp: 0,
    ping_recv_timestamp: 0,
    ping_recv_rssi: 0,
    ping_recv_lqi: 0,
    pong_recv_timestamp: 0,
    pong_recv_rssi: 0,
    pong_recv_lqi: 0,
  }));
}

export function renderWifiScan(v: HomevoltView): Json[] {
  const ap = (ssid: string, bssid: string, ch: number, rssi: number): Json => ({ ssid, bssid, ch, open: false, bw: '20', rssi, auth: 'wpa2', gcipher: 'ccmp', pchiper: 'ccmp', '11b': 0, '11g': 1, '11n': 1, wps: 0 });
  const w = v.identity.wifi;
  return [ap(w.ssid, w.bssid, 1, w.rssiDbm), ap('', `1e${w.bssid.slice(2)}`, 1, w.rssiDbm - 1), ap('Neighbour-5G', 'a0b1c2d3e4f5', 6, -78)];
}
