/** Credential checks shared by both emulators' HTTP Basic authentication. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** What a client must send to an emulator's vendor API (HTTP Basic). */
export interface Credentials {
  readonly user: string;
  /** Empty when the device accepts any or no password. */
  readonly password: string;
}

/**
 * Compares two strings in time independent of where they differ and of their lengths
 * (both sides are hashed to a fixed size first), so a client cannot learn a password byte by byte.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** Parses an `Authorization: Basic …` header into user and password; undefined when absent or malformed. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | undefined {
  if (!header) return undefined;
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** constantTimeEqual against a fixed expected value whose hash is worked out once: one digest per check. */
export function createConstantTimeMatcher(expected: string): (given: string) => boolean {
  const expectedHash = createHash('sha256').update(expected, 'utf8').digest();
  return (given) => timingSafeEqual(createHash('sha256').update(given, 'utf8').digest(), expectedHash) && given.length === expected.length;
}

/**
 * Basic auth against stored credentials: both compared in full, case-sensitive, in constant time (the firmware
 * compares against NVS local/user, local/pass); null credentials protect nothing. The verdict on a header is kept:
 * the two digests cost about 17 µs, a sixth of an authenticated request, and a client sends the same header every time.
 */
export function createBasicAuthCheck(credentials: Credentials | null): (header: string | undefined) => boolean {
  if (credentials === null) return () => true;
  const userMatches = createConstantTimeMatcher(credentials.user);
  const passwordMatches = createConstantTimeMatcher(credentials.password);
  const verdicts = new Map<string, boolean>();
  return (header) => {
    if (header === undefined) return false;
    let verdict = verdicts.get(header);
    if (verdict === undefined) {
      const given = parseBasicAuth(header);
      verdict = given !== undefined && userMatches(given.user) && passwordMatches(given.password);
      if (verdicts.size >= AUTH_VERDICTS_KEPT) verdicts.clear();
      verdicts.set(header, verdict);
    }
    return verdict;
  };
}

/** Distinct Authorization headers whose verdict is kept before the memo starts over. */
const AUTH_VERDICTS_KEPT = 64;
