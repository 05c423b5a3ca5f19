/**
 * The meter's identity from a per-device Faker seeded by the site's 'identity' stream: serial `P…` (P1) or `C…`
 * (CT), the sticker password, MACs, Wi-Fi. docs/sessy.md §1.2 (serial prefixes), §1.3 (hostname `sessy-meter`).
 */
import { createEnglishFaker } from '../english-faker.ts';
import type { RandomStream } from '../../core/index.ts';
import type { MeterVariant } from './types.ts';

export interface MeterIdentity {
  /** `P` or `C` + 7 uppercase alphanumerics: the Basic-auth user and `system/info.self_serial`. */
  readonly serial: string;
  /** The 8-character sticker code: the Basic-auth password. */
  readonly password: string;
  /** Uppercase hex without separators. */
  readonly wifiMac: string;
  readonly ethMac: string;
  readonly ssid: string;
  readonly ipV4: readonly [number, number, number, number];
  /** Wi-Fi signal [dBm]. */
  readonly rssiDbm: number;
  readonly revision: number;
  /** The smart meter's `equipment_identifier` (DSMR 96.1.1) as ASCII, before hex encoding. */
  readonly equipmentId: string;
  readonly gasEquipmentId: string;
}

const ESPRESSIF_OUI = '240AC4';

export function createMeterIdentity(stream: RandomStream, variant: MeterVariant, serial?: string): MeterIdentity {
  const faker = createEnglishFaker();
  faker.seed(stream.uint32());
  const upper = (length: number) => faker.string.alphanumeric({ length, casing: 'upper' });
  const drawn = `${variant === 'ct' ? 'C' : 'P'}${upper(7)}`;
  const nic = faker.string.hexadecimal({ length: 6, casing: 'upper', prefix: '' });
  const ethNic = ((parseInt(nic, 16) + 3) & 0xffffff).toString(16).toUpperCase().padStart(6, '0');
  return Object.freeze({
    serial: serial ?? drawn,
    password: upper(8),
    wifiMac: ESPRESSIF_OUI + nic,
    ethMac: ESPRESSIF_OUI + ethNic,
    ssid: `${faker.word.noun()}-${faker.string.numeric(2)}`,
    ipV4: [192, 168, 1, faker.number.int({ min: 20, max: 250 })] as const,
    rssiDbm: faker.number.int({ min: -75, max: -45 }),
    revision: faker.helpers.arrayElement([100, 110]),
    equipmentId: `E00${faker.string.numeric(13)}`,
    gasEquipmentId: `G00${faker.string.numeric(13)}`,
  });
}
