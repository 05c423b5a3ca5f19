/**
 * What the meter advertises over mDNS (docs/sessy.md §1.3): the fixed host `sessy-meter`, `_http._tcp`, instance
 * `Sessy P1 Meter` (CT: `Sessy CT Meter` [A]), TXT `serial` and `device` (Homey filters `txt.device` for `P1` or
 * `CT`). Pure.
 */
import type { MdnsAdvertisement } from '../mdns-advertisement.ts';
import type { MeterVariant } from './types.ts';

export const METER_HOSTNAME = 'sessy-meter';

export function meterDeviceName(variant: MeterVariant): string {
  return variant === 'ct' ? 'Sessy CT Meter' : 'Sessy P1 Meter';
}

export function meterAdvertisement(variant: MeterVariant, serial: string, port: number): MdnsAdvertisement {
  return Object.freeze({
    instanceName: METER_HOSTNAME,
    hostname: METER_HOSTNAME,
    serviceType: 'http',
    protocol: 'tcp',
    port,
    txt: Object.freeze({ serial, device: meterDeviceName(variant) }),
  });
}
