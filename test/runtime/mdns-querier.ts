/**
 * Runs inside the network namespace that mdns-netns.test.ts makes: starts both emulators with `mdns: true`
 * on 127.0.0.1, then browses `_http._tcp.local` the way Home Assistant's and Homey's zeroconf browsers do
 * (a PTR query, then the SRV, TXT and A records of each instance), fetches one page from each emulator at the
 * discovered address and port, and prints what it found as one JSON line. Nothing leaves the namespace: its
 * only interface is its own loopback.
 */
import makeMdns from 'multicast-dns';
import { startHomevolt, startSessy } from '../../simulator/index.ts';

export interface Discovered {
  readonly fqdn: string;
  readonly srv: { readonly port: number; readonly target: string } | null;
  readonly txt: Record<string, string> | null;
  readonly a: string[];
}

/** How long to browse before giving up [ms]: ciao answers within milliseconds once its names are announced. */
const BROWSE_DEADLINE_MS = 8000;
/** Interval between repeated queries [ms], as a browser repeats its PTR query. */
const REQUERY_MS = 1000;

const SESSY_USER = 'DVMXWTND';
// Started together: each advertisement spends about a second probing its names (RFC 6762 §8.1).
const [sessy, homevolt] = await Promise.all([
  startSessy({ host: '127.0.0.1', mdns: true, user: SESSY_USER, password: 'R7DKR35K' }),
  startHomevolt({ host: '127.0.0.1', mdns: true }),
]);

const mdns = makeMdns({ interface: '127.0.0.1', bind: '0.0.0.0', loopback: true });
const found = new Map<string, { srv: Discovered['srv']; txt: Discovered['txt'] }>();
const addresses = new Map<string, Set<string>>();

mdns.on('response', (packet) => {
  for (const record of [...packet.answers, ...(packet.additionals ?? [])]) {
    if (record.type === 'PTR' && record.name === '_http._tcp.local') {
      if (!found.has(record.data)) found.set(record.data, { srv: null, txt: null });
    } else if (record.type === 'SRV') {
      const entry = found.get(record.name) ?? { srv: null, txt: null };
      found.set(record.name, { ...entry, srv: { port: record.data.port, target: record.data.target } });
    } else if (record.type === 'TXT') {
      const entry = found.get(record.name) ?? { srv: null, txt: null };
      const strings = (record.data as Buffer[]).map((b) => b.toString('utf8'));
      found.set(record.name, { ...entry, txt: Object.fromEntries(strings.filter((s) => s.includes('=')).map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)])) });
    } else if (record.type === 'A') {
      addresses.set(record.name, (addresses.get(record.name) ?? new Set()).add(record.data));
    }
  }
});

const complete = (): boolean =>
  found.size >= 2 && [...found.values()].every((e) => e.srv !== null && e.txt !== null && addresses.has(e.srv.target));

const deadline = Date.now() + BROWSE_DEADLINE_MS;
while (!complete() && Date.now() < deadline) {
  mdns.query({ questions: [{ name: '_http._tcp.local', type: 'PTR' }] });
  for (const entry of found.values()) if (entry.srv && !addresses.has(entry.srv.target)) mdns.query({ questions: [{ name: entry.srv.target, type: 'A' }] });
  await new Promise((resolve) => setTimeout(resolve, REQUERY_MS));
}

const discovered: Discovered[] = [...found].map(([fqdn, e]) => ({ fqdn, srv: e.srv, txt: e.txt, a: e.srv ? [...(addresses.get(e.srv.target) ?? [])] : [] }));

/** GET a path at a discovered instance: the address of its A record and the port of its SRV record. */
async function fetchAt(d: Discovered | undefined, path: string, auth?: string): Promise<number | string> {
  if (!d?.srv || d.a.length === 0) return 'not discovered';
  try {
    const response = await fetch(`http://${d.a[0]}:${d.srv.port}${path}`, auth ? { headers: { authorization: auth } } : {});
    await response.arrayBuffer();
    return response.status;
  } catch (e) {
    return `failed: ${(e as Error).message}`;
  }
}
const sessyFound = discovered.find((d) => d.fqdn.toLowerCase().startsWith('sessy-'));
const homevoltFound = discovered.find((d) => d.fqdn.toLowerCase().startsWith('homevolt'));
const fetched = {
  sessyPowerStatus: await fetchAt(sessyFound, '/api/v1/power/status'),
  homevoltEms: await fetchAt(homevoltFound, '/ems.json'),
};

const expected = {
  sessy: { mdns: sessy.mdns, port: Number(new URL(sessy.url).port), user: SESSY_USER },
  homevolt: { mdns: homevolt.mdns, port: Number(new URL(homevolt.url).port), ecuId: homevolt.device.identity.units[0]!.ecuId },
};
mdns.destroy();
await Promise.all([sessy.close(), homevolt.close()]);
process.stdout.write(`${JSON.stringify({ discovered, fetched, expected })}\n`);
