/**
 * How a device announces itself on the local network (mDNS / DNS-SD), as plain data: the runtime's responder
 * publishes it, the device models compute it. Facts and sources: docs/discovery-and-https.md.
 */
export interface MdnsAdvertisement {
  /** DNS-SD service instance name: `<instanceName>._http._tcp.local.` is what a browser lists. */
  readonly instanceName: string;
  /** Host name without `.local`: the owner of the A record and the target of the SRV record. */
  readonly hostname: string;
  /** Service type without the underscore: `http` is `_http._tcp`. */
  readonly serviceType: 'http';
  readonly protocol: 'tcp';
  /** The TCP port the SRV record names: where the emulator's HTTP server listens. */
  readonly port: number;
  /** TXT record key/value pairs, in the order the firmware sets them; empty when it sets none. */
  readonly txt: Readonly<Record<string, string>>;
}

/**
 * One DNS label made of letters, digits and hyphens: a real serial or MAC already is one; a made-up `--user`
 * such as `a.b` must not turn the host name into two labels.
 */
export function dnsLabelOf(text: string): string {
  return text.replace(/[^A-Za-z0-9-]/g, '-');
}
