/**
 * Brute-force protection of the web server (docs/homevolt.md §2, §5.4): after 5 failed logins the device locks
 * out for 1 s, doubling with each further failure, at most 10 s (quick reference table: 5→1 s, 6→2 s,
 * 7→4 s, 8+→10 s); the count resets after 5 minutes without failures. Times are simulated epoch ms.
 */
export interface AuthLockout {
  /** Epoch ms until which requests are refused; ≤ now when not locked. */
  lockedUntil(nowMs: number): number;
  /** Records a failed login; returns the lockout it starts [s], 0 for none. */
  recordFailure(nowMs: number): number;
  readonly failures: number;
}

export const LOCKOUT_FREE_ATTEMPTS = 4;
export const LOCKOUT_RESET_MS = 5 * 60_000;
export const LOCKOUT_MAX_S = 10;

export function lockoutSeconds(failures: number): number {
  if (failures <= LOCKOUT_FREE_ATTEMPTS) return 0;
  const s = 2 ** (failures - LOCKOUT_FREE_ATTEMPTS - 1);
  // The table jumps from 4 s to the 10 s cap at the eighth failure.
  return failures >= 8 ? LOCKOUT_MAX_S : Math.min(s, LOCKOUT_MAX_S);
}

export function createAuthLockout(): AuthLockout {
  let failures = 0;
  let lastFailureMs = -Infinity;
  let untilMs = -Infinity;
  const expire = (nowMs: number): void => {
    if (nowMs - lastFailureMs >= LOCKOUT_RESET_MS) failures = 0;
  };
  return {
    get failures() {
      return failures;
    },
    lockedUntil(nowMs) {
      expire(nowMs);
      return untilMs;
    },
    recordFailure(nowMs) {
      expire(nowMs);
      failures++;
      lastFailureMs = nowMs;
      const s = lockoutSeconds(failures);
      if (s > 0) untilMs = nowMs + s * 1000;
      return s;
    },
  };
}
