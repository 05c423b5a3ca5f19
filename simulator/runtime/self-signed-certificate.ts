/**
 * The certificate of Homevolt's HTTPS option (`--https`): self-signed, made at start, like the device's.
 * Clients of the real device connect without verifying it (docs/discovery-and-https.md), so nothing about
 * the certificate is a contract; it names the device's host name, `localhost` and the bound address so that
 * a client that does verify (after trusting it) finds a matching name.
 *
 * EC P-256 rather than RSA: generation takes about 15 ms here against 150–750 ms for RSA-2048 (see
 * bench/https-start.ts), and every TLS client a user runs accepts it. The key comes from the operating
 * system's CSPRNG, not from the seeded streams: a certificate is no simulated value and must not be guessable.
 * selfsigned is imported only when a certificate is made, so the default (HTTP) start does not load it.
 */
import { isIP } from 'node:net';
import type { TlsMaterial } from '../http/shared/tls-material.ts';

export type { TlsMaterial };

/** Validity of the certificate [days]: long enough that a long-running emulator never serves an expired one. */
const VALIDITY_DAYS = 3650;

/**
 * @param hostname the device's host name without `.local`, e.g. `homevolt-68b6b34cda94`
 * @param host the address the server listens on (added as an IP subject alternative name when it is one)
 */
export async function createSelfSignedCertificate(hostname: string, host: string): Promise<TlsMaterial> {
  const { generate } = (await import('selfsigned')).default;
  // Wall time, not simulated time: clients check validity against their own clock.
  const notBeforeDate = new Date(Date.now() - 24 * 3600_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALIDITY_DAYS * 24 * 3600_000);
  const ips = [...new Set(['127.0.0.1', '::1', ...(isIP(host) !== 0 && host !== '0.0.0.0' && host !== '::' ? [host] : [])])];
  const pems = await generate([{ name: 'commonName', value: `${hostname}.local` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 2, value: `${hostname}.local` }, { type: 2, value: hostname }, { type: 2, value: 'localhost' }, ...ips.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
