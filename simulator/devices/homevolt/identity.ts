/**
 * Who the emulated device is: MAC-style ECU ids, host name, serial numbers, radio ids, network details.
 * Drawn once from a per-device Faker seeded from the core's 'identity' stream (never the global faker),
 * so the same seed always gives the same device.
 */
import { createEnglishFaker } from '../english-faker.ts';
import type { RandomStream } from '../../core/index.ts';

export interface UnitIdentity {
  /** ESP32 MAC as 12 lower-case hex digits (docs/homevolt.md §2 mDNS row). */
  readonly ecuId: string;
  /** Leader: ""; follower: "[<IPv6>]:5259" (docs/homevolt.md §3.2). */
  readonly ecuHost: string;
  readonly inverterSerial: string;
  readonly bmsSerials: readonly [string, string];
  readonly bmsFwVersion: string;
  /** Lifetime counters before the simulation started [Wh]. */
  readonly producedBaseWh: number;
  readonly consumedBaseWh: number;
  readonly cycleCountBase: readonly [number, number];
  /** Initial SOC offsets of the two modules from the unit mean [fraction]. */
  readonly moduleSocOffset: readonly [number, number];
  /** Cell temperature spread of each module: tmin/tmax offsets from the cell temperature [°C]. */
  readonly moduleTempSpreadC: readonly [readonly [number, number], readonly [number, number]];
}

export interface CtNodeIdentity {
  readonly nodeId: number;
  readonly euid: string;
  readonly version: string;
  readonly rssiDbm: number;
  readonly lqi: number;
  readonly usbPower: boolean;
  /** When, within each second, the node samples [ms]. */
  readonly phaseMs: number;
}

export interface DeviceIdentity {
  readonly hostname: string;
  readonly units: readonly UnitIdentity[];
  readonly efrId: string;
  readonly panId: number;
  readonly radioChannel: number;
  readonly grid: CtNodeIdentity;
  readonly solar: CtNodeIdentity;
  readonly wifi: { readonly ip: string; readonly ssid: string; readonly bssid: string; readonly rssiDbm: number };
  readonly lte: { readonly imei: string; readonly imsi: string; readonly iccid: string; readonly operator: string; readonly operatorName: string };
  /** Partner (cloud) schedule id, a UUID. */
  readonly cloudScheduleId: string;
}

/** Espressif OUIs seen on real units (68:b6:b3, 18:8b:0e, 24:e8:4c). */
const ESPRESSIF_OUIS = ['68b6b3', '188b0e', '24e84c'];
/** Silicon Labs EUI-64 prefixes of the Pulse clamp nodes seen in captures. */
const NODE_PREFIXES = ['a46dd4fffe', '9035eafffe'];

export function createIdentity(stream: RandomStream, units: number): DeviceIdentity {
  const faker = createEnglishFaker();
  faker.seed(stream.uint32());
  const hex = (length: number): string => faker.string.hexadecimal({ length, casing: 'lower', prefix: '' });
  const digits = (length: number): string => faker.string.numeric({ length, allowLeadingZeros: true });
  const mac = (): string => faker.helpers.arrayElement(ESPRESSIF_OUIS) + hex(6);
  const unitList: UnitIdentity[] = [];
  for (let i = 0; i < units; i++) {
    const ecuId = mac();
    const offset = faker.number.float({ min: 0.002, max: 0.02, fractionDigits: 4 });
    unitList.push({
      ecuId,
      ecuHost: i === 0 ? '' : `[${followerIpv6(ecuId, hex(4))}]:5259`,
      inverterSerial: hex(12).toUpperCase(),
      bmsSerials: [`800002740${digits(11)}`, `800002740${digits(11)}`],
      bmsFwVersion: faker.helpers.arrayElement(['v6', 'v4-44-g1413a7d']),
      producedBaseWh: faker.number.int({ min: 1_500_000, max: 3_800_000 }),
      consumedBaseWh: 0,
      cycleCountBase: [faker.number.int({ min: 140, max: 360 }), faker.number.int({ min: 140, max: 360 })],
      moduleSocOffset: [offset, -offset],
      moduleTempSpreadC: [
        [-faker.number.float({ min: 0.2, max: 1, fractionDigits: 1 }), faker.number.float({ min: 0.5, max: 2, fractionDigits: 1 })],
        [-faker.number.float({ min: 0.2, max: 1, fractionDigits: 1 }), faker.number.float({ min: 0.5, max: 2, fractionDigits: 1 })],
      ],
    });
  }
  // A lifetime AC ratio produced/consumed of about 0.88 (docs/physics.md §1.2).
  const withConsumed = unitList.map((u) => ({ ...u, consumedBaseWh: Math.round(u.producedBaseWh / 0.885) }));
  const node = (nodeId: number, usbPower: boolean): CtNodeIdentity => ({
    nodeId,
    euid: faker.helpers.arrayElement(NODE_PREFIXES) + hex(6),
    version: '1220-911ca807',
    rssiDbm: faker.number.int({ min: -88, max: -60 }),
    lqi: faker.number.int({ min: 200, max: 255 }),
    usbPower,
    phaseMs: faker.number.int({ min: 100, max: 900 }),
  });
  return {
    hostname: `homevolt-${withConsumed[0]!.ecuId}`,
    units: withConsumed,
    efrId: `${hex(6)}fffe${hex(6)}`,
    panId: faker.number.int({ min: 1, max: 65534 }),
    radioChannel: faker.number.int({ min: 0, max: 15 }),
    grid: node(1, true),
    solar: node(3, false),
    wifi: {
      ip: `192.168.${faker.number.int({ min: 0, max: 99 })}.${faker.number.int({ min: 2, max: 254 })}`,
      ssid: `${faker.word.noun({ length: { min: 3, max: 8 } }).toUpperCase()}-IoT`,
      bssid: hex(12),
      rssiDbm: faker.number.int({ min: -75, max: -40 }),
    },
    lte: {
      imei: `86${digits(13)}`,
      imsi: `23450210${digits(7)}`,
      iccid: `894573000000${digits(8)}`,
      operator: '"24001"',
      operatorName: 'Telia',
    },
    cloudScheduleId: faker.string.uuid(),
  };
}

/** A global IPv6 address whose interface id is the follower's EUI-64 (MAC with fffe and the U/L bit flipped). */
function followerIpv6(mac: string, subnet: string): string {
  const b0 = (parseInt(mac.slice(0, 2), 16) ^ 0x02).toString(16).padStart(2, '0');
  const eui = `${b0}${mac.slice(2, 6)}fffe${mac.slice(6)}`.toUpperCase();
  const groups = [eui.slice(0, 4), eui.slice(4, 8), eui.slice(8, 12), eui.slice(12, 16)].map((g) => g.replace(/^0+(?=.)/, ''));
  return `2001:9B1:${subnet.toUpperCase().replace(/^0+(?=.)/, '')}:F200:${groups.join(':')}`;
}
