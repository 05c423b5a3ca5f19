/**
 * Consistent stand-ins for redacted values, owned by one redactor (one HAR file).
 *
 * Decision: a secret (password, key, token) always becomes `REDACTED-SECRET-<n>`, numbered in order of first
 * appearance and never derived from its value, so nothing about it can be guessed back. An identity value
 * (serial, MAC, IP, hostname, SSID) keeps its shape (length, alphabet, separators, a serial's device-type
 * letter) so clients that parse it still work. By default it is numbered per category in order of first
 * appearance, which keeps two recordings of one device comparable when the client polls in the same order;
 * with a redaction key (`--redact-key` / BATTSIM_REDACT_KEY) it is an HMAC-SHA256 of the value, stable across
 * any number of recordings. The key is never written to the file; without it short identities (a MAC behind a
 * known vendor prefix) could be found back by brute force from a plain hash, which is why there is no unkeyed hash.
 */
import { createHmac } from 'node:crypto';

export type PlaceholderCategory = 'secret' | 'serial' | 'mac' | 'ip' | 'hostname' | 'ssid';

export interface PlaceholderRegistry {
  /** The stand-in for `value`; the same value always gets the same stand-in. */
  placeholder(category: PlaceholderCategory, value: string): string;
  /** Every value seen so far with its stand-in, longest value first (so substitution never splits a longer one). */
  known(): ReadonlyArray<{ readonly category: PlaceholderCategory; readonly value: string; readonly replacement: string }>;
}

export interface PlaceholderOptions {
  /** HMAC key for identity stand-ins; absent = numbering in order of first appearance. */
  readonly key?: string;
  /** Number of the first secret stand-in; default 1 (higher when appending to a recording that used some). */
  readonly firstSecretNumber?: number;
}

const HEX = /^[0-9a-f]+$/i;
const DIGITS = /^[0-9]+$/;

/** `digits` (a decimal or hex string) laid into the alphabet and length of `original`. */
function shapeLike(original: string, source: { n: number; digest: string | null }): string {
  // The first letter stays: Sessy serials tell the device type by it (D dongle, P meter, A AC board).
  const keepPrefix = /^[A-Za-z]/.test(original) ? 1 : 0;
  const rest = original.slice(keepPrefix);
  const width = rest.length;
  let fill: string;
  if (source.digest === null) fill = String(source.n);
  else if (DIGITS.test(rest)) fill = BigInt(`0x${source.digest}`).toString(10);
  else if (HEX.test(rest)) fill = source.digest;
  else fill = BigInt(`0x${source.digest}`).toString(36);
  fill = fill.slice(-width).padStart(width, '0');
  if (original === original.toUpperCase()) fill = fill.toUpperCase();
  return original.slice(0, keepPrefix) + fill;
}

function macLike(original: string, source: { n: number; digest: string | null }): string {
  const hexDigits = original.replace(/[^0-9a-f]/gi, '').length;
  // 02 = a locally administered address: cannot belong to a real vendor.
  const body = ('02' + (source.digest ?? String(source.n).padStart(hexDigits, '0')).slice(-(hexDigits - 2)).padStart(hexDigits - 2, '0'));
  let i = 0;
  const out = original.replace(/[0-9a-f]/gi, () => body[i++] ?? '0');
  return original === original.toUpperCase() ? out.toUpperCase() : out.toLowerCase();
}

function ipLike(source: { n: number; digest: string | null }): string {
  const v = source.digest === null ? source.n : parseInt(source.digest.slice(0, 4), 16);
  // 10.255.0.0/16: private, and unlikely to be the user's own network.
  return `10.255.${(v >> 8) & 255}.${v & 255}`;
}

function hostnameLike(original: string, source: { n: number; digest: string | null }): string {
  const m = /^(sessy-|homevolt-)(.+)$/i.exec(original);
  if (m) return m[1] + (m[1]?.toLowerCase() === 'homevolt-' ? macLike(m[2] ?? '', source) : shapeLike(m[2] ?? '', source));
  return `host-${source.digest?.slice(0, 8) ?? source.n}`;
}

export function createPlaceholderRegistry(options: PlaceholderOptions = {}): PlaceholderRegistry {
  const byValue = new Map<string, { category: PlaceholderCategory; value: string; replacement: string }>();
  const counters = new Map<PlaceholderCategory, number>([['secret', (options.firstSecretNumber ?? 1) - 1]]);
  const make = (category: PlaceholderCategory, value: string): string => {
    const n = (counters.get(category) ?? 0) + 1;
    counters.set(category, n);
    if (category === 'secret') return `REDACTED-SECRET-${n}`;
    const digest = options.key === undefined ? null : createHmac('sha256', options.key).update(`${category}\0${value}`).digest('hex');
    const source = { n, digest };
    switch (category) {
      case 'serial':
        return shapeLike(value, source);
      case 'mac':
        return macLike(value, source);
      case 'ip':
        return ipLike(source);
      case 'hostname':
        return hostnameLike(value, source);
      case 'ssid':
        return `SSID-${digest?.slice(0, 6) ?? n}`;
    }
  };
  return {
    placeholder(category, value) {
      const found = byValue.get(value);
      if (found) return found.replacement;
      const replacement = make(category, value);
      byValue.set(value, { category, value, replacement });
      return replacement;
    },
    known() {
      return [...byValue.values()].sort((a, b) => b.value.length - a.value.length);
    },
  };
}
