/** GET /status.json and /efr_hub_status.json (docs/homevolt.md §3.1, §3.11), key order as captured. */
import type { HomevoltView } from '../../devices/homevolt/index.ts';

type Json = Record<string, unknown>;

function w868(v: HomevoltView): Json {
  return { product_id: 57577, efr_id: v.identity.efrId, network_state: 2, node_type: 1, node_id: 0, pan_id: v.identity.panId, radio_channel: v.identity.radioChannel, radio_power: 200 };
}

export function renderStatus(v: HomevoltView): Json {
  const id = v.identity;
  const leader = v.units[0]!;
  return {
    up_time: Math.floor(v.upTimeMs),
    poll_time: 0,
    firmware: { esp: v.firmware.espVersion, efr: v.firmware.efrVersion },
    wifi_status: { wifi_mode: 'sta', ip: id.wifi.ip, ssid: id.wifi.ssid, bssid: id.wifi.bssid, rssi: id.wifi.rssiDbm, connected: true, wifi_err_buf: [] },
    lte_status: {
      imei: id.lte.imei,
      imsi: id.lte.imsi,
      iccid: id.lte.iccid,
      // The modem's quoted AT answers are passed through with their quotes.
      operator: id.lte.operator,
      operator_name: id.lte.operatorName,
      area_code: '"355"',
      cell_id: '"190FD1F"',
      band: '"LTE BAND 3"',
      acc_tech: 'eMTC',
      sysmode: 'eMTC',
      rssi_db: -65,
      rssi: 26,
      ber: 99,
      chan: 1300,
      pdp_active: true,
      sim_type: 'CHIP',
      f_pin_ok: true,
      f_present: true,
      scan_seq: '020301',
    },
    mqtt_status: {
      connected: true,
      subscribed: true,
      last_error: { esp_tls_last_esp_err: 0, esp_tls_stack_err: 0, esp_tls_cert_verify_flags: 0, error_type: 0, connect_return_code: 0, esp_transport_sock_errno: 0 },
    },
    ota_update_running: v.otaRunning,
    w868_status: w868(v),
    ems_status:
      v.firmware.name === 'pre-2512'
        ? { bms_info: [] }
        : {
            ems_info: { protocol_version: 5, fw_version: 'v31.4', rated_power: 6000 * v.units.length, rated_cap: 13304 * v.units.length, rated_pv_power: 0 },
            inverter_info: { fw_version: 'V1.10-97.0', serial_number: leader.identity.inverterSerial },
            bms_info: leader.identity.bmsSerials.map((serial, i) => ({ fw_version: leader.identity.bmsFwVersion, serial_number: serial, rated_cap: 6652, id: i, battery_type: 1, battery_type_str: 'NMC 210 10A' })),
          },
  };
}

/** EFR32 tick counter: 32-bit, 1 kHz-ish, as `timesync_ts_ticks` and mains_data `timestamp` [INFER]. */
export const efrTicks = (v: HomevoltView): number => (Math.floor(v.upTimeMs) + 2_000_000_000) % 4_294_967_296;

export function renderEfrHubStatus(v: HomevoltView): Json {
  return {
    ...w868(v),
    version: v.firmware.efrVersion,
    bl_version: 2,
    permit_pairing: false,
    permit_pairing_timeout: 0,
    warp_mode: 1,
    timesync_ts_ticks: efrTicks(v),
    ts_offset: Math.floor(v.tMs - v.upTimeMs),
    ota: { taget_id: 0, image_tag: 0, status: 0, is_distr: 0, image_size: 0, req_start: 0, req_end: 0, resp_start: 0, resp_end: 0 },
  };
}
