/**
 * The device's identity from a per-device Faker seeded by the site's 'identity' stream (never the global faker):
 * serials with the right prefixes (dongle `D…`, AC board `A…`), the sticker password, MACs, hostname and Wi-Fi.
 * @see docs/sessy.md §1.2 (serials, 8 uppercase alphanumerics), §1.3 (hostname `sessy-%.4s`), §3.9 (MACs)
 */
import { createEnglishFaker } from '../english-faker.ts';
import type { RandomStream } from '../../core/index.ts';

export interface SessyIdentity {
  /** Dongle serial, `D` + 7 uppercase alphanumerics: the Basic-auth user. */
  readonly dongleSerial: string;
  /** AC board (battery) serial, `A` + 7: `system/info.sessy_serial`. */
  readonly acBoardSerial: string;
  /** The 8-character sticker code: the Basic-auth password. */
  readonly password: string;
  /** mDNS and DHCP hostname, `sessy-` + the first four characters of the serial. */
  readonly hostname: string;
  /** Uppercase hex without separators, as fw 1.11.11 prints them. */
  readonly wifiMac: string;
  readonly ethMac: string;
  readonly ssid: string;
  readonly ipV4: readonly [number, number, number, number];
  /** Wi-Fi signal [dBm]. */
  readonly rssiDbm: number;
  readonly acBoardRevision: number;
  readonly dongleRevision: number;
  /** Networks a scan finds. */
  readonly neighbours: readonly { readonly ssid: string; readonly rssiDbm: number; readonly bssid: string }[];
}

/** Espressif's OUI: the dongle is an ESP32. */
const ESPRESSIF_OUI = '240AC4';

/**
 * `serial` replaces the drawn dongle serial (a user's own sticker: `--user`); everything else is still drawn from
 * the stream in the same order, so a given seed keeps its MACs and password whatever the serial.
 */
export function createSessyIdentity(stream: RandomStream, serial?: string): SessyIdentity {
  const faker = createEnglishFaker();
  faker.seed(stream.uint32());
  const upper = (length: number) => faker.string.alphanumeric({ length, casing: 'upper' });
  const drawnSerial = `D${upper(7)}`;
  const dongleSerial = serial ?? drawnSerial;
  const nic = faker.string.hexadecimal({ length: 6, casing: 'upper', prefix: '' });
  // ESP32 MACs: the Ethernet MAC is the Wi-Fi station's base MAC + 3.
  const ethNic = ((parseInt(nic, 16) + 3) & 0xffffff).toString(16).toUpperCase().padStart(6, '0');
  const ssid = `${faker.word.noun()}-${faker.string.numeric(2)}`;
  const rssiDbm = faker.number.int({ min: -75, max: -45 });
  return Object.freeze({
    dongleSerial,
    acBoardSerial: `A${upper(7)}`,
    password: upper(8),
    hostname: `sessy-${dongleSerial.slice(0, 4)}`,
    wifiMac: ESPRESSIF_OUI + nic,
    ethMac: ESPRESSIF_OUI + ethNic,
    ssid,
    ipV4: [192, 168, 1, faker.number.int({ min: 20, max: 250 })] as const,
    rssiDbm,
    acBoardRevision: faker.helpers.arrayElement([110, 120, 130]),
    dongleRevision: faker.helpers.arrayElement([200, 210]),
    neighbours: Array.from({ length: 3 }, () => ({
      ssid: `${faker.word.adjective()}-${faker.string.alphanumeric(4)}`,
      rssiDbm: faker.number.int({ min: -90, max: -60 }),
      bssid: faker.internet.mac(),
    })),
  });
}
