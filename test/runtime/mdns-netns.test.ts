/**
 * `--mdns` end to end: both emulators advertise, and an mDNS browser in the same network namespace resolves
 * them with the names, SRV port, A record and TXT records of the real devices (docs/discovery-and-https.md).
 *
 * The test makes its own network namespace (`ip netns add`, root), whose only interface is its loopback with
 * multicast switched on, and runs responder and querier in there: nothing reaches any other network. Where a
 * namespace cannot be made (no `ip`, not root) the test says why and is skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Discovered } from './mdns-querier.ts';

const NAMESPACE = `battsim-mdns-${process.pid}`;
const QUERIER = fileURLToPath(new URL('./mdns-querier.ts', import.meta.url));
/** Wall-clock bound on the querier [ms]: ~1 s to probe and announce each name, a few to browse. */
const CHILD_TIMEOUT_MS = 30_000;

function ip(...args: string[]): { ok: boolean; why: string } {
  const run = spawnSync('ip', args, { encoding: 'utf8' });
  if (run.error) return { ok: false, why: `\`ip\` could not run (${run.error.message}); .ci/run installs iproute2` };
  return { ok: run.status === 0, why: `\`ip ${args.join(' ')}\` failed: ${run.stderr.trim()}` };
}

/** Makes the namespace and its multicast-capable loopback; returns why not, or null. */
function makeNamespace(): string | null {
  const steps = [
    ['netns', 'add', NAMESPACE],
    ['-n', NAMESPACE, 'link', 'set', 'lo', 'up'],
    ['-n', NAMESPACE, 'link', 'set', 'lo', 'multicast', 'on'],
    ['-n', NAMESPACE, 'route', 'add', '224.0.0.0/4', 'dev', 'lo'],
  ];
  for (const step of steps) {
    const result = ip(...step);
    if (!result.ok) return result.why;
  }
  return null;
}

function runQuerier(): Promise<{ discovered: Discovered[]; fetched: Record<string, number | string>; expected: Expected }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', NAMESPACE, process.execPath, '--import', 'tsx', QUERIER], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || line === '') reject(new Error(`the querier exited with ${String(code)}: ${err.trim() || out.trim()}`));
      else resolve(JSON.parse(line));
    });
  });
}

interface Expected {
  readonly sessy: { readonly mdns: { fqdn: string; hostname: string }; readonly port: number; readonly user: string };
  readonly homevolt: { readonly mdns: { fqdn: string; hostname: string }; readonly port: number; readonly ecuId: string };
}

/** Home Assistant's zeroconf matcher: fnmatch of the lower-cased service name (manifest `name` pattern). */
function haMatches(fqdn: string, pattern: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return regex.test(fqdn.toLowerCase());
}

let skipReason: string | null = null;
let result: Awaited<ReturnType<typeof runQuerier>> | undefined;

beforeAll(async () => {
  skipReason = makeNamespace();
  if (skipReason !== null) {
    console.warn(`\n[mdns-netns] SKIPPED: cannot make a network namespace for the mDNS test: ${skipReason}\n`);
    return;
  }
  result = await runQuerier();
}, CHILD_TIMEOUT_MS + 5000);

afterAll(() => {
  ip('netns', 'del', NAMESPACE);
});

describe('--mdns, browsed from inside a test-made network namespace', () => {
  it('advertises Sessy as sessy-XXXX on _http._tcp with TXT serial and device, at its port and address', (context) => {
    if (skipReason !== null) return context.skip(skipReason);
    const { discovered, expected } = result!;
    const sessy = discovered.find((d) => d.fqdn === 'sessy-DVMX._http._tcp.local');
    expect(sessy, JSON.stringify(discovered)).toBeDefined();
    expect(sessy!.srv).toEqual({ port: expected.sessy.port, target: 'sessy-DVMX.local' });
    expect(sessy!.txt).toEqual({ serial: expected.sessy.user, device: 'Sessy Dongle' });
    expect(sessy!.a).toEqual(['127.0.0.1']);
    expect(expected.sessy.mdns.fqdn).toBe('sessy-DVMX._http._tcp.local.');
  });

  it('advertises Homevolt as instance Homevolt on host homevolt-<ecu_id>, at its port and address', (context) => {
    if (skipReason !== null) return context.skip(skipReason);
    const { discovered, expected } = result!;
    const homevolt = discovered.find((d) => d.fqdn === 'Homevolt._http._tcp.local');
    expect(homevolt, JSON.stringify(discovered)).toBeDefined();
    expect(homevolt!.srv).toEqual({ port: expected.homevolt.port, target: `homevolt-${expected.homevolt.ecuId}.local` });
    expect(homevolt!.a).toEqual(['127.0.0.1']);
  });

  it('is found by the zeroconf matchers of Home Assistant and Homey', (context) => {
    if (skipReason !== null) return context.skip(skipReason);
    const names = result!.discovered.map((d) => `${d.fqdn}.`);
    // ha-sessy and HA core's homevolt manifests: {"type": "_http._tcp.local.", "name": "sessy-*" | "homevolt*"}.
    expect(names.filter((n) => haMatches(n, 'sessy-*'))).toEqual(['sessy-DVMX._http._tcp.local.']);
    expect(names.filter((n) => haMatches(n, 'homevolt*'))).toEqual(['Homevolt._http._tcp.local.']);
    // Homey: Sessy by a name starting `sessy-` and txt.device containing "Dongle"; Homevolt by instance name "Homevolt".
    const sessy = result!.discovered.find((d) => d.fqdn.split('.')[0]!.startsWith('sessy-'));
    expect(sessy?.txt?.device).toContain('Dongle');
    expect(result!.discovered.some((d) => d.fqdn.split('.')[0] === 'Homevolt')).toBe(true);
  });

  it('leads a client that connects to the discovered address and port to the emulator', (context) => {
    if (skipReason !== null) return context.skip(skipReason);
    expect(result!.fetched).toEqual({ sessyPowerStatus: 200, homevoltEms: 200 });
  });
});
