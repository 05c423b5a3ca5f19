/**
 * Publishes a device's mDNS advertisement (`--mdns`) with @homebridge/ciao, an RFC 6762/6763 responder:
 * it probes the names, announces them, answers queries, renames on a conflict (`sessy-DVMX (2)`) and says
 * goodbye on close. It answers only on the interface of the address the HTTP server is bound to, and its A
 * record is that address; a wildcard bind (0.0.0.0, ::) advertises on every interface with each interface's
 * own address. Facts: docs/discovery-and-https.md.
 *
 * ciao is imported when the first advertisement starts, not before: it registers source-map-support for the
 * whole process on import, and an emulator without `--mdns` should neither pay for nor see that.
 */
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { MdnsAdvertisement } from '../devices/mdns-advertisement.ts';
import { RuntimeError } from './errors.ts';

export interface MdnsPublication {
  /** The service instance as announced, e.g. `sessy-DVMX._http._tcp.local.`; after a conflict it carries ` (2)`. */
  readonly fqdn: string;
  /** The host name as announced, e.g. `sessy-DVMX.local.`. */
  readonly hostname: string;
  /** Sends the goodbye packets and releases the socket (shared with other publications on the same address). */
  close(): Promise<void>;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/**
 * Starts answering for `advertisement` and resolves once the names are probed and announced (about a
 * second: RFC 6762 §8 probes three times, 250 ms apart).
 * @param host the address the HTTP server listens on
 */
export async function publishMdns(advertisement: MdnsAdvertisement, host: string): Promise<MdnsPublication> {
  const scope = scopeOf(host);
  const { getResponder } = (await import('@homebridge/ciao')).default;
  const responder = getResponder(scope.address === null ? undefined : { interface: scope.address });
  const service = responder.createService({
    name: advertisement.instanceName,
    type: advertisement.serviceType, // ciao's default protocol is tcp, as advertisement.protocol says
    port: advertisement.port,
    hostname: advertisement.hostname,
    txt: { ...advertisement.txt },
    ...(scope.address === null ? {} : { restrictedAddresses: [scope.address] }),
    // An IPv4 bind is not reachable on the interface's IPv6 addresses: advertise none.
    ...(scope.family === 4 ? { disabledIpv6: true } : {}),
  });
  try {
    await service.advertise();
  } catch (e) {
    await service.destroy().catch(() => undefined);
    await responder.shutdown().catch(() => undefined);
    throw new RuntimeError('RUNTIME_ERR_MDNS', `Failed to advertise ${advertisement.instanceName} over mDNS: ${(e as Error).message}. Start without --mdns, or bind --host to an interface with multicast.`);
  }
  return {
    fqdn: service.getFQDN(),
    hostname: service.getHostname(),
    async close() {
      await service.destroy();
      await responder.shutdown();
    },
  };
}

/** The address to answer on, or null for every interface; fails for a name or an address no interface has. */
function scopeOf(host: string): { address: string | null; family: 4 | 6 | null } {
  if (WILDCARDS.has(host)) return { address: null, family: null };
  const family = isIP(host);
  if (family === 0) {
    throw new RuntimeError('RUNTIME_ERR_MDNS', `Failed to start mDNS: --host "${host}" is a name, and the responder needs the address it answers on. Give an IP address of this machine, or 0.0.0.0 for every interface.`);
  }
  const owned = Object.values(networkInterfaces()).some((infos) => infos?.some((info) => info.address === host));
  if (!owned) {
    throw new RuntimeError('RUNTIME_ERR_MDNS', `Failed to start mDNS: no network interface of this machine has the address ${host}. Give one of its addresses, or 0.0.0.0.`);
  }
  return { address: host, family: family as 4 | 6 };
}
