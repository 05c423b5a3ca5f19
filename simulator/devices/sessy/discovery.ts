/**
 * What a Sessy battery dongle advertises over mDNS: host and service instance `sessy-` + the first four
 * characters of its serial, `_http._tcp` on its HTTP port, TXT `serial` and `device=Sessy Dongle`.
 * Home Assistant's ha-sessy matches the instance name `sessy-*`, Homey matches `sessy-` and keys on
 * `txt.serial`. Pure.
 * @see docs/discovery-and-https.md (Sessy)
 */
import { dnsLabelOf, type MdnsAdvertisement } from '../mdns-advertisement.ts';

/** TXT `device` of the battery dongle (the P1 and CT meters say `Sessy P1 Meter` / `… CT …`). */
export const SESSY_DONGLE_DEVICE = 'Sessy Dongle';

/** The firmware's `sessy-%.4s`; `sessy-UNKN` when it has no serial. */
export function sessyHostname(serial: string): string {
  return `sessy-${serial === '' ? 'UNKN' : dnsLabelOf(serial.slice(0, 4))}`;
}

/**
 * @param serial the dongle serial: the Basic-auth user, which is the sticker serial on a real dongle
 * @param port the TCP port the HTTP server listens on (80 on the device)
 */
export function sessyAdvertisement(serial: string, port: number): MdnsAdvertisement {
  const hostname = sessyHostname(serial);
  return Object.freeze({
    instanceName: hostname,
    hostname,
    serviceType: 'http',
    protocol: 'tcp',
    port,
    txt: Object.freeze({ serial, device: SESSY_DONGLE_DEVICE }),
  });
}
