/**
 * What a Homevolt ECU advertises over mDNS: host `homevolt-<ecu_id>` (the ESP32 MAC as 12 lower-case hex
 * digits), service instance from parameter `ecu_mdns_instance_name` (default `Homevolt`) on `_http._tcp`.
 * Home Assistant matches the instance name `homevolt*` (case-insensitively), Homey matches `Homevolt` and
 * reads the id from the host name. No TXT record of a real unit has been seen, so none is invented. Pure.
 * @see docs/discovery-and-https.md (Homevolt)
 */
import { dnsLabelOf, type MdnsAdvertisement } from '../mdns-advertisement.ts';

/** The parameter's default (param-table.ts, id 33). */
export const HOMEVOLT_MDNS_INSTANCE = 'Homevolt';

/**
 * @param ecuId the leader unit's ECU id, 12 lower-case hex digits
 * @param port the TCP port the HTTP(S) server listens on
 * @param instanceName the value of `ecu_mdns_instance_name`
 */
export function homevoltAdvertisement(ecuId: string, port: number, instanceName: string = HOMEVOLT_MDNS_INSTANCE): MdnsAdvertisement {
  return Object.freeze({
    instanceName: instanceName === '' ? HOMEVOLT_MDNS_INSTANCE : instanceName,
    hostname: `homevolt-${dnsLabelOf(ecuId)}`,
    serviceType: 'http',
    protocol: 'tcp',
    port,
    txt: Object.freeze({}),
  });
}
